package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.NamedGroup;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our GREASEing client (RFC 8701, as Chrome sends it) against real servers, which must ignore every GREASE value. */
class GreaseInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    private TlsConfig.Builder client() {
        return TlsConfig.client().trustAnchors(pki.trustAnchors()).grease(true);
    }

    @ParameterizedTest(name = "TLS 1.2 only: {0}")
    @ValueSource(booleans = {false, true})
    void opensslServer(boolean tls12) {
        OpenSslServer.Builder b = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).alpn("h2");
        if (tls12) {
            b.tls12();
        }
        try (OpenSslServer server = b.start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().alpn(List.of("h2", "http/1.1")).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            assertThat(session.protocol()).isEqualTo(tls12 ? "TLSv1.2" : "TLSv1.3");
            assertThat(session.applicationProtocol()).isEqualTo("h2");
            InteropCases.exchange(server, client, 1000);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @Test
    void opensslServerAfterHelloRetryRequest() {
        // s_server takes only P-384, our first key share is X25519: the retried hello repeats the GREASE values.
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .groups("P-384").start();
             SocketEngineDriver client = SocketEngineDriver.connect(client()
                     .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            assertThat(session.group()).isEqualTo(NamedGroup.SECP384R1);
            assertThat(client.events()).extracting(HandshakeEvent::detail).anyMatch(d -> d.contains("HelloRetryRequest"));
            InteropCases.exchange(server, client, 100);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @ParameterizedTest(name = "TLS 1.2 only: {0}")
    @ValueSource(booleans = {false, true})
    void gnutlsServer(boolean tls12) throws Exception {
        TestPki.Leaf leaf = pki.ecdsaServer();
        try (PeerProcess.Listening server = PeerProcess.startListening(port -> List.of("gnutls-serv",
                "--port", Integer.toString(port), "--echo",
                "--x509certfile", leaf.chain().toString(), "--x509keyfile", pki.opensslEcKey(leaf).toString(),
                "--priority", tls12 ? "NORMAL:-VERS-ALL:+VERS-TLS1.2" : "NORMAL"), TIMEOUT)) {
            try (SocketEngineDriver client = SocketEngineDriver.connect(client().build(), TestPki.HOST, server.port(), TIMEOUT)) {
                TlsSession session = client.handshake();
                assertThat(session.protocol()).isEqualTo(tls12 ? "TLSv1.2" : "TLSv1.3");
                byte[] ping = "grease ping\n".getBytes(StandardCharsets.US_ASCII);
                client.send(ping);
                assertThat(client.receive(ping.length)).as("echoed").isEqualTo(ping);
                client.closeOutbound();
            }
        }
    }

    @Test
    void versionsStillNegotiatedAsBefore() {
        // GREASE is not a version: a TLS 1.3-only client still gets TLS 1.3 from s_server.
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key()).start();
             SocketEngineDriver client = SocketEngineDriver.connect(client().versions(List.of(TlsVersion.TLS_1_3)).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            assertThat(client.handshake().protocol()).isEqualTo("TLSv1.3");
            client.closeOutbound();
        }
    }
}
