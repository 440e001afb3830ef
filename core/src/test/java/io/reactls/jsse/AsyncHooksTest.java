package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.CertificateVerificationException;
import io.reactls.jsse.JsseContexts.Impl;
import io.reactls.testing.RemoteKey;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * reactls's asynchronous hooks behind the SSLEngine: a key held by a (simulated) KMS signs or decrypts, and a remote
 * certificate policy decides, each inside a delegated task that waits for the hook's answer. SunJSSE is the peer.
 */
class AsyncHooksTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aRemoteKeySignsThroughTheSignerHook(String version) throws Exception {
        RemoteKey kms = new RemoteKey(PKI.ecdsaServer().keyMaterial());
        AtomicInteger signatures = new AtomicInteger();
        var signer = kms.signer(Duration.ofMillis(20));
        SSLContext server = ReactlsProvider.sslContext(kms.keyMaterial(), null,
                req -> signer.sign(req).doOnNext(s -> signatures.incrementAndGet()), null, null);
        SSLEngine client = Impl.SUNJSSE.context(null).createSSLEngine("localhost", 443);
        client.setEnabledProtocols(new String[] {version});
        EngineLoop loop = new EngineLoop(client, server.createSSLEngine()).handshake();
        assertThat(signatures).hasValue(1);
        assertThat(loop.tasksRun).isPositive();
        assertThat(new String(EngineLoop.transfer(client, loop.server, "kms".getBytes()))).isEqualTo("kms");
    }

    @org.junit.jupiter.api.Test
    void aRemoteRsaKeyDecryptsTheKeyExchangeThroughTheDecrypterHook() throws Exception {
        RemoteKey kms = new RemoteKey(PKI.rsaServer().keyMaterial());
        AtomicInteger decryptions = new AtomicInteger();
        var decrypter = kms.decrypter(Duration.ofMillis(20));
        SSLContext server = ReactlsProvider.sslContext(kms.keyMaterial(), null, kms.signer(Duration.ZERO),
                req -> decrypter.decrypt(req).doOnNext(p -> decryptions.incrementAndGet()), null);
        SSLEngine client = Impl.SUNJSSE.context(null).createSSLEngine("localhost", 443);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        client.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256"});
        SSLEngine engine = server.createSSLEngine();
        engine.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256"});
        new EngineLoop(client, engine).handshake();
        assertThat(decryptions).hasValue(1);
        assertThat(engine.getSession().getCipherSuite()).isEqualTo("TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theCertificatePolicyHookAcceptsOrRejectsAfterTheAnchors(boolean accept) throws Exception {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        SSLContext client = ReactlsProvider.sslContext(null, PKI.trustAnchors(), null, null, check -> {
            seen.add(check.chain().size());
            return accept ? Mono.<Void>empty().delaySubscription(Duration.ofMillis(20))
                    : Mono.error(new CertificateVerificationException(CertificateVerificationException.Reason.OTHER, "revoked"));
        });
        SSLEngine engine = client.createSSLEngine("localhost", 443);
        SSLEngine server = Impl.SUNJSSE.context(PKI.ecdsaServer().keyMaterial()).createSSLEngine();
        EngineLoop loop = new EngineLoop(engine, server);
        if (accept) {
            loop.handshake();
            assertThat(engine.getSession().getProtocol()).isEqualTo("TLSv1.3");
        } else {
            assertThatThrownBy(loop::handshake).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("revoked");
        }
        assertThat(seen).hasSize(1);
    }
}
