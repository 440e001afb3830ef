package io.reactls.interop;

import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** reactls's client engine against {@code openssl s_server -tls1_2}. */
class OpenSslServerInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.reactls.interop.InteropCases#suitesAndGroups")
    void handshakesAndExchangesData(CipherSuite suite, NamedGroup group) {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        OpenSslServer.Builder builder = OpenSslServer.builder(leaf.chain(), leaf.key()).tls12()
                .cipher(OpenSslNames.cipher(suite));
        TlsConfig.Builder config = client().cipherSuites(List.of(suite));
        if (group != null) {
            // openssl uses only this group for ECDHE; the client also offers P-256 for ECDSA suites because
            // RFC 8422 §5.1 makes supported_groups cover the server certificate's curve too (openssl enforces it).
            builder.groups(OpenSslNames.group(group));
            config.groups(InteropCases.groupsOffered(suite, group));
        }
        try (OpenSslServer server = builder.start();
             SocketEngineDriver client = SocketEngineDriver.connect(config.build(), TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = handshake(client, server);

            assertThat(session.protocol()).isEqualTo("TLSv1.2");
            assertThat(session.cipherSuite()).isEqualTo(suite);
            assertThat(session.group()).isEqualTo(group);
            assertThat(session.extendedMasterSecret()).isTrue();
            assertThat(session.peerCertificates().get(0)).isEqualTo(leaf.keyMaterial().leaf());
            assertThat(client.events()).extracting(HandshakeEvent::step).contains(
                    HandshakeStep.CLIENT_HELLO, HandshakeStep.SERVER_HELLO, HandshakeStep.CERTIFICATE_VERIFIED,
                    HandshakeStep.KEY_EXCHANGE, HandshakeStep.KEYS_DERIVED, HandshakeStep.CLIENT_FINISHED,
                    HandshakeStep.SERVER_FINISHED, HandshakeStep.APPLICATION_DATA);

            InteropCases.exchange(server, client, 1000);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} bytes each way")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void relaysDataOfEverySize(int size) {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().build(), TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            InteropCases.exchange(server, client, size);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
            assertThat(server.process().stdout().size()).isEqualTo(size);
        }
    }

    @Test
    void presentsAClientCertificateWhenRequired() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().clientAuth(pki.caFile(), true).start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().keyMaterial(pki.client().keyMaterial()).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            InteropCases.exchange(server, client, 100);
            assertThat(server.process().stderr().text()).contains("Peer certificate: CN = reactls test client");
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @Test
    void failsWhenTheServerRequiresACertificateWeDoNotHave() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().clientAuth(pki.caFile(), true).start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().build(), TestPki.HOST, server.port(), TIMEOUT)) {
            // openssl rejects the empty Certificate with a fatal alert after our Finished.
            assertThatThrownBy(() -> {
                client.handshake();
                client.receive(1);
            }).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).origin()).isEqualTo(TlsAlertException.Origin.PEER));
            server.process().awaitExit(TIMEOUT); // s_server exits 0 even after a failed connection
            assertThat(server.process().stderr().text()).contains("peer did not return a certificate");
        }
    }

    @Test
    void negotiatesAlpn() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().alpn("h2,http/1.1").start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().alpn(List.of("http/1.1", "spdy/1")).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            assertThat(client.handshake().applicationProtocol()).isEqualTo("http/1.1");
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).isZero();
        }
    }

    @Test
    void sendsServerNameIndication() {
        // -servername_fatal: openssl aborts unless our SNI names sni.test, for which it serves the sni.test certificate.
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().serverName(TestPki.SNI_HOST, pki.sniServer().chain(), pki.sniServer().key(), true).start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().build(), TestPki.SNI_HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            assertThat(session.peerCertificates().get(0)).isEqualTo(pki.sniServer().keyMaterial().leaf());
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).isZero();
        }
    }

    @Test
    void rejectsAServerCertificateForAnotherHost() {
        try (OpenSslServer server = OpenSslServer.builder(pki.sniServer().chain(), pki.sniServer().key()).tls12().start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().build(), TestPki.HOST, server.port(), TIMEOUT)) {
            assertThatThrownBy(client::handshake).isInstanceOf(TlsAlertException.class)
                    .hasMessageContaining("bad_certificate");
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text()).contains("alert bad certificate");
        }
    }

    /** The handshake, with openssl's side of the story attached when it fails. */
    private static TlsSession handshake(SocketEngineDriver client, OpenSslServer server) {
        try {
            return client.handshake();
        } catch (TlsAlertException e) {
            server.process().awaitExit(TIMEOUT);
            throw new AssertionError(e.getMessage() + "\nopenssl said:\n" + server.process().describeOutput(), e);
        }
    }

    private TlsConfig.Builder client() {
        return TlsConfig.client().trustAnchors(pki.trustAnchors()).clientAuth(ClientAuthMode.NONE);
    }

    /** {@code size} bytes from us to openssl's stdout, and {@code size} bytes from openssl's stdin to us. */
}
