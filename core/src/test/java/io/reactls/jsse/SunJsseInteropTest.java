package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.jsse.JsseContexts.Impl;
import io.reactls.testing.TestPki;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** reactls's SSLEngine against the JDK's, each as client and as server, for every suite both implement. */
class SunJsseInteropTest {

    private static final TestPki PKI = TestPki.get();

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        String[][] suites = {
                {"TLSv1.3", "TLS_AES_128_GCM_SHA256", "ec"},
                {"TLSv1.3", "TLS_AES_256_GCM_SHA384", "rsa"},
                {"TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", "ec"},
                {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ec"},
                {"TLSv1.2", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ec"},
                {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "rsa"},
                {"TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "rsa"},
                {"TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256", "rsa"}};
        for (String[] s : suites) {
            out.add(Arguments.of(Impl.REACTLS, Impl.SUNJSSE, s[0], s[1], s[2]));
            out.add(Arguments.of(Impl.SUNJSSE, Impl.REACTLS, s[0], s[1], s[2]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} client, {1} server, {3}")
    @MethodSource("cases")
    void handshakeAndData(Impl clientImpl, Impl serverImpl, String protocol, String suite, String key) throws Exception {
        var serverKey = key.equals("ec") ? PKI.ecdsaServer().keyMaterial() : PKI.rsaServer().keyMaterial();
        SSLEngine client = clientImpl.context(PKI.client().keyMaterial()).createSSLEngine("localhost", 443);
        SSLEngine server = serverImpl.context(serverKey).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        client.setEnabledCipherSuites(new String[] {suite});
        server.setEnabledCipherSuites(new String[] {suite});
        server.setWantClientAuth(true);
        EngineLoop loop = new EngineLoop(client, server).handshake();
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(server.getSession().getCipherSuite()).isEqualTo(suite);
        assertThat(server.getSession().getPeerCertificates()[0]).isEqualTo(PKI.client().keyMaterial().leaf());
        assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(serverKey.leaf());
        SSLEngine ours = clientImpl == Impl.REACTLS ? client : server;
        assertThat(loop.finishedCount(ours == client ? loop.clientResults : loop.serverResults)).isEqualTo(1);
        for (int size : new int[] {1, 1000, 16384, 100_000}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            assertThat(EngineLoop.transfer(client, server, data)).isEqualTo(data);
            assertThat(EngineLoop.transfer(server, client, data)).isEqualTo(data);
        }
    }
}
