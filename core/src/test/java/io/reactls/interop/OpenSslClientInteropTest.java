package io.reactls.interop;

import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.OpenSslClient;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code openssl s_client -tls1_2} against reactls's server engine, which echoes what it receives. */
class OpenSslClientInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.reactls.interop.InteropCases#suitesAndGroups")
    void handshakesAndEchoes(CipherSuite suite, NamedGroup group) throws Exception {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        TlsConfig.Builder config = TlsConfig.server(leaf.keyMaterial()).cipherSuites(List.of(suite));
        OpenSslClient openssl = OpenSslClient.connect(0).tls12().cipher(OpenSslNames.cipher(suite));
        if (group != null) {
            config.groups(List.of(group));
            openssl.groups(groupsOffered(suite, group));
        }
        try (EngineEchoServer server = EngineEchoServer.start(config.build(), TIMEOUT);
             PeerProcess client = openssl.port(server.port()).verify(pki.caFile(), TestPki.HOST).start()) {
            String summary = established(client, server);
            assertThat(summary).contains("Protocol version: TLSv1.2", "Ciphersuite: " + OpenSslNames.cipher(suite));

            InteropCases.echo(client, 1000);

            EngineEchoServer.Outcome outcome = server.result(TIMEOUT);
            assertThat(outcome.session().cipherSuite()).isEqualTo(suite);
            assertThat(outcome.session().group()).isEqualTo(group);
            assertThat(outcome.session().extendedMasterSecret()).isTrue();
            assertThat(outcome.peerSentCloseNotify()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void echoesDataOfEverySize(int size) throws Exception {
        try (EngineEchoServer server = EngineEchoServer.start(TlsConfig.server(pki.ecdsaServer().keyMaterial()).build(), TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            established(client, server);
            InteropCases.echo(client, size);
            assertThat(server.result(TIMEOUT).echoedBytes()).isEqualTo(size);
        }
    }

    @Test
    void verifiesARequiredClientCertificate() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(pki.trustAnchors()).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST)
                     .certificate(pki.client().chain(), pki.client().key()).start()) {
            established(client, server);
            InteropCases.echo(client, 100);
            TlsSession session = server.result(TIMEOUT).session();
            assertThat(session.peerCertificates().get(0)).isEqualTo(pki.client().keyMaterial().leaf());
        }
    }

    @Test
    void refusesAClientWithoutACertificateWhenOneIsRequired() {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(pki.trustAnchors()).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            assertThatThrownBy(() -> server.result(TIMEOUT)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TlsAlertException.class);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stderr().text()).contains("alert");
        }
    }

    @Test
    void acceptsAClientWithoutACertificateWhenOptional() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).clientAuth(ClientAuthMode.OPTIONAL)
                .trustAnchors(pki.trustAnchors()).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            established(client, server);
            InteropCases.echo(client, 10);
            assertThat(server.result(TIMEOUT).session().peerCertificates()).isEmpty();
        }
    }

    @Test
    void negotiatesAlpnAndReadsServerName() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).alpn(List.of("h2", "http/1.1")).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST)
                     .alpn("http/1.1").serverName(TestPki.HOST).start()) {
            established(client, server);
            InteropCases.echo(client, 10);
            TlsSession session = server.result(TIMEOUT).session();
            assertThat(session.applicationProtocol()).isEqualTo("http/1.1");
            assertThat(session.serverName()).isEqualTo(TestPki.HOST);
        }
    }

    /** The groups string for s_client; see {@link InteropCases#groupsOffered}. */
    private static String groupsOffered(CipherSuite suite, NamedGroup group) {
        return String.join(":", InteropCases.groupsOffered(suite, group).stream().map(OpenSslNames::group).toList());
    }

    /** Waits for s_client's handshake; when it fails, reports the server's exception with openssl's output. */
    private static String established(PeerProcess client, EngineEchoServer server) {
        try {
            return OpenSslClient.awaitEstablished(client, TIMEOUT);
        } catch (AssertionError notEstablished) {
            try {
                server.result(Duration.ofSeconds(1));
            } catch (ExecutionException | TimeoutException e) {
                notEstablished.addSuppressed(e.getCause() != null ? e.getCause() : e);
            }
            throw notEstablished;
        }
    }
}
