package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS 1.3 session resumption seen as such by openssl, both ways, and 0-RTT data from openssl skipped by our server. */
class ResumptionInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);
    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    private TlsConfig serverConfig() {
        return TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(TLS13).cipherSuites(List.of(CipherSuite.values())).build();
    }

    /** s_client -sess_out: one echo, so the tickets sent after the handshake are read (and saved) before it closes. */
    private void saveSession(int port, Path session, String... more) {
        try (PeerProcess client = OpenSslClient.connect(port).arg("-tls1_3", "-sess_out", session.toString()).arg(more)
                .verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            InteropCases.echo(client, 100);
        }
        assertThat(session).isNotEmptyFile();
    }

    /** s_client in full (not -brief) mode, which reports "New" or "Reused" and what happened to early data. */
    private PeerProcess fullReportClient(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof", "-tls1_3",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(), "-verify_return_error",
                "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST));
        command.addAll(List.of(more));
        return PeerProcess.start(command);
    }

    @Test
    void openSslResumesWithOurTicket() throws Exception {
        TlsConfig config = serverConfig();
        Path session = dir.resolve("session.pem");
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT)) {
            saveSession(server.port(), session, "-servername", TestPki.HOST);
            assertThat(server.result(TIMEOUT).session().resumed()).isFalse();
        }
        // A second server with the same config (so the same ticket keys), as after a reconnect.
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = fullReportClient(server.port(), "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("Reused, TLSv1.3", TIMEOUT)).contains("Reused, TLSv1.3");
            client.closeStdin();
            TlsSession resumed = server.result(TIMEOUT).session();
            assertThat(resumed.resumed()).isTrue();
            assertThat(resumed.serverName()).isEqualTo(TestPki.HOST);
        }
    }

    @Test
    void openSslTicketFromAnotherServerMeansAFullHandshake() throws Exception {
        Path session = dir.resolve("session.pem");
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT)) {
            saveSession(server.port(), session, "-servername", TestPki.HOST);
            server.result(TIMEOUT);
        }
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT);
             PeerProcess client = fullReportClient(server.port(), "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("New, TLSv1.3", TIMEOUT)).doesNotContain("Reused");
            client.closeStdin();
            assertThat(server.result(TIMEOUT).session().resumed()).isFalse();
        }
    }

    @Test
    void ourClientResumesWithOpenSslTickets() {
        TlsConfig config = TlsConfig.client().versions(TLS13).cipherSuites(List.of(CipherSuite.values()))
                .trustAnchors(pki.trustAnchors()).sessionCache(SessionCache.bounded(8)).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3").naccept(2).start()) {
            TlsSession first = connectAndExchange(config, server, 1);
            assertThat(first.resumed()).isFalse();
            TlsSession second = connectAndExchange(config, server, 2);
            assertThat(second.resumed()).isTrue();
            assertThat(second.peerCertificates()).isEqualTo(first.peerCertificates());
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
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
            assertThat(client.receive(down.length)).isEqualTo(down); // the tickets came before this
            client.closeOutbound();
            return session;
        }
    }

    @Test
    void earlyDataFromOpenSslIsSkippedAndTheHandshakeCompletes() throws Exception {
        // An openssl server that allows 0-RTT gives s_client a ticket it will send early data with.
        Path session = dir.resolve("early.pem");
        try (OpenSslServer openssl = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3", "-max_early_data", "16384").start();
             PeerProcess client = OpenSslClient.connect(openssl.port()).arg("-tls1_3", "-sess_out", session.toString(),
                     "-servername", TestPki.HOST).verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            // s_server relays rather than echoes: data both ways, so the tickets (sent first) have been read.
            client.writeAsync("up\n".getBytes(StandardCharsets.US_ASCII)).join();
            openssl.process().stdout().awaitText("up\n", TIMEOUT);
            openssl.process().writeAsync("down\n".getBytes(StandardCharsets.US_ASCII)).join();
            client.stdout().awaitText("down\n", TIMEOUT);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
        assertThat(session).isNotEmptyFile();
        Path early = dir.resolve("early.txt");
        Files.write(early, InteropCases.randomBytes(3000, 7));
        // Our server does not know that ticket and never accepts 0-RTT: it must skip those records, then finish.
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig(), TIMEOUT);
             PeerProcess client = fullReportClient(server.port(), "-sess_in", session.toString(), "-early_data", early.toString())) {
            assertThat(client.stdout().awaitText("Early data was rejected", TIMEOUT)).contains("New, TLSv1.3");
            client.closeStdin();
            EngineEchoServer.Outcome outcome = server.result(TIMEOUT);
            assertThat(outcome.session().resumed()).isFalse();
            assertThat(outcome.echoedBytes()).as("the 0-RTT bytes were not taken as application data").isZero();
        }
    }
}
