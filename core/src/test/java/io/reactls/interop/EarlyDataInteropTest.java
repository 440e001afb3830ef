package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.SessionCache;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.3 0-RTT with openssl both ways (RFC 8446 §2.3, §4.2.10): s_client's early data read and answered by our
 * server, our early data read by s_server, and refused by a restarted s_server (new ticket keys) so that our client
 * sends it again in 1-RTT.
 */
class EarlyDataInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);
    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    @Test
    void openSslEarlyDataIsAcceptedReadAndAnsweredByOurServer() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(TLS13)
                .cipherSuites(List.of(CipherSuite.values())).maxEarlyData(16384).build();
        Path session = dir.resolve("session.pem");
        byte[] early = InteropCases.randomBytes(3000, 11);
        Path earlyFile = dir.resolve("early.bin");
        Files.write(earlyFile, early);
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT, 2)) {
            try (PeerProcess client = OpenSslClient.connect(server.port()).arg("-tls1_3", "-sess_out", session.toString(), "-servername", TestPki.HOST)
                    .verify(pki.caFile(), TestPki.HOST).start()) {
                OpenSslClient.awaitEstablished(client, TIMEOUT);
                InteropCases.echo(client, 100); // the tickets arrive before the echo
            }
            assertThat(server.result(0, TIMEOUT).session().earlyData()).isEqualTo(TlsSession.EarlyData.NONE);
            try (PeerProcess client = fullReportClient(server.port(), "-sess_in", session.toString(),
                    "-early_data", earlyFile.toString())) {
                String report = client.stdout().awaitText("Early data was accepted", TIMEOUT);
                assertThat(report).contains("Reused, TLSv1.3");
                client.closeStdin();
                EngineEchoServer.Outcome outcome = server.result(1, TIMEOUT);
                assertThat(outcome.session().earlyData()).isEqualTo(TlsSession.EarlyData.ACCEPTED);
                assertThat(outcome.session().earlyDataBytes()).isEqualTo(early.length);
                assertThat(outcome.echoedBytes()).as("the early data was read and answered").isEqualTo(early.length);
            }
        }
    }

    @Test
    void ourEarlyDataIsReadByOpenSslAndResentWhenARestartedServerRefusesIt() {
        SessionCache cache = SessionCache.bounded(8);
        TlsConfig config = TlsConfig.client().versions(TLS13).trustAnchors(pki.trustAnchors()).sessionCache(cache).build();
        int firstPort;
        byte[] request = "GET / HTTP/1.0 early\n".getBytes(StandardCharsets.US_ASCII);
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3", "-early_data").naccept(2).start()) {
            firstPort = server.port();
            exchange(config, server, null, 1);
            TlsSession second = exchange(config, server, request, 2);
            assertThat(second.resumed()).isTrue();
            assertThat(second.earlyData()).isEqualTo(TlsSession.EarlyData.ACCEPTED);
            // s_server -quiet prints the early data it read, before the 1-RTT line of the same connection.
            String out = server.process().stdout().awaitText("hello 2", TIMEOUT);
            assertThat(out).endsWith(new String(request, StandardCharsets.US_ASCII) + "hello 2\n");
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
        // A restarted s_server has new ticket keys: a full handshake, the 0-RTT data refused and sent again in 1-RTT.
        try (OpenSslServer restarted = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3", "-early_data").naccept(1).start()) {
            // The cache keys tickets by name and port; the restarted server listens on another port.
            var ticket = (io.reactls.handshake.resumption.ClientTicket) cache.take(SessionCache.key(TestPki.HOST, firstPort), java.time.Instant.now());
            assertThat(ticket.maxEarlyData()).as("s_server -early_data allows 0-RTT in its tickets").isPositive();
            cache.put(SessionCache.key(TestPki.HOST, restarted.port()), ticket);
            TlsSession third = exchange(config, restarted, request, 3);
            assertThat(third.resumed()).isFalse();
            assertThat(third.earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
            String out = restarted.process().stdout().awaitText("hello 3", TIMEOUT);
            assertThat(out).endsWith(new String(request, StandardCharsets.US_ASCII) + "hello 3\n");
            assertThat(count(out, new String(request, StandardCharsets.US_ASCII))).as("delivered once, in 1-RTT").isEqualTo(1);
        }
    }

    /** The n-th connection: {@code early} (if any) as 0-RTT data, then a line each way so that tickets are read. */
    private static TlsSession exchange(TlsConfig config, OpenSslServer server, byte[] early, int n) {
        byte[] up = ("hello " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] down = ("answer " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        try (SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            if (early != null) {
                client.engine().sendEarlyData(Unpooled.copiedBuffer(early));
            }
            TlsSession session = client.handshake();
            client.send(up);
            server.process().stdout().awaitText(new String(up, StandardCharsets.US_ASCII), TIMEOUT);
            server.process().writeAsync(down).join();
            assertThat(client.receive(down.length)).isEqualTo(down);
            client.closeOutbound();
            return session;
        }
    }

    private PeerProcess fullReportClient(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof", "-tls1_3",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(), "-verify_return_error",
                "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST));
        command.addAll(List.of(more));
        return PeerProcess.start(command);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }
}
