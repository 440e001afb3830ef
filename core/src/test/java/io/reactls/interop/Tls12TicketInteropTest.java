package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.2 session tickets (RFC 5077) with real peers. Our side never has a session-id cache here, so a resumption
 * can only have come from a ticket.
 */
class Tls12TicketInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    /** Our default server (TLS 1.3 and 1.2, tickets on as they are by default), which the peers ask for TLS 1.2. */
    private TlsConfig serverConfig() {
        return TlsConfig.server(pki.ecdsaServer().keyMaterial()).build();
    }

    /** s_client -tls1_2 in full (not -brief) mode, which reports "New" or "Reused" and the session's ticket. */
    private PeerProcess openSslClient(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof", "-tls1_2",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(), "-verify_return_error",
                "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST));
        command.addAll(List.of(more));
        return PeerProcess.start(command);
    }

    /** A line through our echo server; s_client's full report surrounds it on stdout, so wait for the text. */
    private static void echo(PeerProcess client, String line) {
        client.writeAsync((line + "\n").getBytes(StandardCharsets.US_ASCII)).join();
        client.stdout().awaitText(line + "\n", TIMEOUT);
    }

    @Test
    void openSslResumesWithOurTicket() throws Exception {
        TlsConfig config = serverConfig();
        Path session = dir.resolve("session.pem");
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = openSslClient(server.port(), "-sess_out", session.toString())) {
            String report = client.stdout().awaitText("TLS session ticket lifetime hint", TIMEOUT);
            assertThat(report).contains("New, TLSv1.2");
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            TlsSession first = server.result(TIMEOUT).session();
            assertThat(first.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(first.resumed()).isFalse();
        }
        assertThat(session).isNotEmptyFile();
        // A second server with the same config (so the same ticket keys), as after a reconnect.
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = openSslClient(server.port(), "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("Reused, TLSv1.2", TIMEOUT)).contains("Reused, TLSv1.2");
            echo(client, "over a resumed session");
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            TlsSession resumed = server.result(TIMEOUT).session();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(resumed.serverName()).isEqualTo(TestPki.HOST);
        }
    }

    @Test
    void openSslTicketFromAnotherServerMeansAFullHandshake() throws Exception {
        Path session = dir.resolve("session.pem");
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT);
             PeerProcess client = openSslClient(server.port(), "-sess_out", session.toString())) {
            client.stdout().awaitText("TLS session ticket lifetime hint", TIMEOUT);
            client.closeStdin();
            client.awaitExit(TIMEOUT);
            server.result(TIMEOUT);
        }
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT); // other random ticket keys
             PeerProcess client = openSslClient(server.port(), "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("New, TLSv1.2", TIMEOUT)).doesNotContain("Reused");
            echo(client, "over a new session");
            client.closeStdin();
            assertThat(server.result(TIMEOUT).session().resumed()).isFalse();
        }
    }

    @Test
    void ourClientResumesWithOpenSslTickets() {
        SessionCache cache = SessionCache.bounded(8);
        TlsConfig config = TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .cipherSuites(List.of(CipherSuite.values())).trustAnchors(pki.trustAnchors()).sessionCache(cache).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().verbose().naccept(2).start()) {
            TlsSession first = connectAndExchange(config, server, 1);
            assertThat(first.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(first.resumed()).isFalse();
            assertThat(cache.size(SessionCache.key(TestPki.HOST, server.port()))).as("openssl's ticket, kept").isEqualTo(1);
            TlsSession second = connectAndExchange(config, server, 2);
            assertThat(second.resumed()).isTrue();
            assertThat(second.cipherSuite()).isEqualTo(first.cipherSuite());
            assertThat(second.peerCertificates()).isEqualTo(first.peerCertificates());
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
            assertThat(server.process().stdout().text()).containsOnlyOnce("Reused session-id");
        }
    }

    /** The n-th connection to s_server: our bytes must appear on its stdout, its bytes must reach us. */
    private TlsSession connectAndExchange(TlsConfig config, OpenSslServer server, int n) {
        byte[] up = ("hello " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] down = ("answer " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        try (SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            client.send(up);
            server.process().stdout().awaitText(new String(up, StandardCharsets.US_ASCII), TIMEOUT);
            server.process().writeAsync(down).join();
            assertThat(client.receive(down.length)).isEqualTo(down);
            client.closeOutbound();
            return session;
        }
    }

    @Test
    void gnuTlsResumesWithOurTicket() throws Exception {
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT, 2);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GnuTlsClient.TLS12)
                     .verify(pki.caFile(), TestPki.HOST).arg("--resume").start()) {
            assertThat(client.stdout().awaitText("This is a resumed session", TIMEOUT)).contains("Resume Handshake was completed");
            client.closeStdin();
            assertThat(server.result(0, TIMEOUT).session().resumed()).isFalse();
            TlsSession resumed = server.result(1, TIMEOUT).session();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.version()).isEqualTo(TlsVersion.TLS_1_2);
        }
    }
}
