package io.reactls.interop;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gnutls-cli} (TLS 1.2 only) against reactls's server engine, which echoes what it receives. */
class GnuTlsClientInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.reactls.interop.InteropCases#suitesAndGroups")
    void handshakesAndEchoes(CipherSuite suite, NamedGroup group) throws Exception {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        TlsConfig.Builder config = TlsConfig.server(leaf.keyMaterial()).cipherSuites(List.of(suite));
        String priority = OpenSslNames.gnutlsPriority(suite);
        if (group != null) {
            config.groups(List.of(group));
            priority += ":-GROUP-ALL:" + InteropCases.groupsOffered(suite, group).stream()
                    .map(g -> "+" + OpenSslNames.gnutlsGroup(g)).collect(Collectors.joining(":"));
        }
        try (EngineEchoServer server = EngineEchoServer.start(config.build(), TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(priority)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(handshake(client, server)).contains("(TLS1.2-X.509)");

            echo(client, 1000);

            TlsSession session = server.result(TIMEOUT).session();
            assertThat(session.cipherSuite()).isEqualTo(suite);
            assertThat(session.group()).isEqualTo(group);
            assertThat(session.extendedMasterSecret()).isTrue();
            assertThat(session.serverName()).isEqualTo(TestPki.HOST);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void echoesDataOfEverySize(int size) throws Exception {
        try (EngineEchoServer server = EngineEchoServer.start(TlsConfig.server(pki.rsaServer().keyMaterial()).build(), TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GnuTlsClient.TLS12)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            handshake(client, server);
            echo(client, size);
            assertThat(server.result(TIMEOUT).echoedBytes()).isEqualTo(size);
        }
    }

    @Test
    void presentsAClientCertificateAndNegotiatesAlpn() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(pki.trustAnchors()).alpn(List.of("h2", "http/1.1")).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GnuTlsClient.TLS12)
                     .verify(pki.caFile(), TestPki.HOST).certificate(pki.client().chain(), pki.opensslEcKey(pki.client()))
                     .alpn("h2").start()) {
            handshake(client, server);
            echo(client, 100);
            TlsSession session = server.result(TIMEOUT).session();
            assertThat(session.peerCertificates().get(0)).isEqualTo(pki.client().keyMaterial().leaf());
            assertThat(session.applicationProtocol()).isEqualTo("h2");
        }
    }

    private static String handshake(PeerProcess client, EngineEchoServer server) {
        try {
            return GnuTlsClient.awaitHandshake(client, TIMEOUT);
        } catch (AssertionError notEstablished) {
            notEstablished.addSuppressed(new AssertionError("gnutls-cli output:\n" + client.describeOutput()));
            try {
                server.result(Duration.ofSeconds(1));
            } catch (ExecutionException | TimeoutException e) {
                notEstablished.addSuppressed(e.getCause() != null ? e.getCause() : e);
            }
            throw notEstablished;
        }
    }

    /** gnutls-cli sends {@code size} bytes, reads the echo, then closes stdin (close_notify) and must exit cleanly. */
    private static void echo(PeerProcess client, int size) {
        byte[] data = InteropCases.randomBytes(size, 31);
        client.writeAsync(data).join();
        assertThat(GnuTlsClient.awaitData(client, size, TIMEOUT)).isEqualTo(data);
        client.closeStdin();
        assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
    }
}
