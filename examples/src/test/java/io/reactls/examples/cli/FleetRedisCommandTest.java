package io.reactls.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.reactls.SessionCache;
import io.reactls.TlsVersion;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code reactls server --redis ... --early-data} processes sharing one real redis-server: a TLS 1.2 session id
 * and a TLS 1.3 ticket made on one resume on the other (openssl s_client -sess_out / -sess_in), 0-RTT data replayed
 * to the second server is refused as early data, and with Redis stopped handshakes still complete and the server says
 * why. Every process is started on 127.0.0.1 and stopped by its PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetRedisCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TestPki pki = TestPki.get();
    private PeerProcess redis;
    private PeerProcess first;
    private PeerProcess second;
    private int firstPort;
    private int secondPort;

    @TempDir
    Path dir;

    @BeforeAll
    void startFleet() {
        PeerProcess.requireExecutable("redis-server");
        PeerProcess.Listening listening = PeerProcess.startListening(port -> List.of("redis-server",
                "--port", Integer.toString(port), "--bind", LoopbackPorts.HOST, "--save", "", "--appendonly", "no"), TIMEOUT);
        redis = listening.process();
        String uri = "redis://" + LoopbackPorts.HOST + ":" + listening.port();
        first = server(uri);
        second = server(uri);
        firstPort = ReactlsProcess.awaitListening(first);
        secondPort = ReactlsProcess.awaitListening(second);
    }

    private PeerProcess server(String redisUri) {
        return ReactlsProcess.start("server", "--port", "0", "--cert", pki.ecdsaServer().chain().toString(),
                "--key", pki.ecdsaServer().key().toString(), "--redis", redisUri, "--early-data");
    }

    @AfterAll
    void stopFleet() {
        for (PeerProcess p : new PeerProcess[] {first, second, redis}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    @Order(1)
    void aTls12SessionIdMadeOnOneServerResumesOnTheOther() {
        Path session = dir.resolve("tls12.pem");
        saveSession(firstPort, session, "-tls1_2", "-no_ticket");
        try (PeerProcess client = reportingClient(secondPort, "-tls1_2", "-no_ticket", "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("Reused, TLSv1.2", TIMEOUT)).contains("Reused, TLSv1.2");
            client.closeStdin();
        }
        assertThat(second.stderr().awaitText("resumed", TIMEOUT)).contains("TLSv1.2");
    }

    @Test
    @Order(2)
    void aTls13TicketMadeOnOneServerResumesOnTheOther() {
        Path session = dir.resolve("tls13.pem");
        saveSession(firstPort, session, "-tls1_3");
        try (PeerProcess client = reportingClient(secondPort, "-tls1_3", "-sess_in", session.toString())) {
            assertThat(client.stdout().awaitText("Reused, TLSv1.3", TIMEOUT)).contains("Reused, TLSv1.3");
            client.closeStdin();
        }
    }

    @Test
    @Order(3)
    void earlyDataReplayedToTheOtherServerIsRefusedAsEarlyData() throws IOException {
        SessionCache cache = SessionCache.bounded(4);
        TlsConfig config = TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3)).trustAnchors(pki.trustAnchors())
                .sessionCache(cache).build();
        try (SocketEngineDriver connection = SocketEngineDriver.connect(config, TestPki.HOST, firstPort, TIMEOUT)) {
            connection.handshake();
            connection.send("ticket please".getBytes(StandardCharsets.US_ASCII));
            assertThat(connection.receive(13)).asString(StandardCharsets.US_ASCII).isEqualTo("ticket please"); // after the tickets
            connection.closeOutbound();
        }
        // The client's first flight with 0-RTT data, as an attacker on the path records it.
        TlsEngine client = TlsEngine.client(config, TestPki.HOST, firstPort, ByteBufAllocator.DEFAULT);
        byte[] flight;
        try {
            client.sendEarlyData(Unpooled.copiedBuffer("POST /transfer?amount=100", StandardCharsets.US_ASCII));
            client.beginHandshake();
            ByteBuf out = client.takeOutbound();
            flight = new byte[out.readableBytes()];
            out.readBytes(flight);
            out.release();
        } finally {
            client.release();
        }
        try (Socket toFirst = send(firstPort, flight)) {
            assertThat(first.stderr().awaitText("0-RTT data accepted", TIMEOUT)).contains("0-RTT data accepted");
        }
        try (Socket toSecond = send(secondPort, flight)) {
            String said = second.stderr().awaitText("0-RTT data refused", TIMEOUT);
            assertThat(said.substring(said.lastIndexOf("0-RTT data refused"))).contains("seen before");
        }
    }

    @Test
    @Order(10)
    void withRedisStoppedHandshakesCompleteWithoutResumptionOrEarlyDataAndTheServerSaysWhy() throws IOException {
        Path tls12 = dir.resolve("tls12-before.pem");
        Path tls13 = dir.resolve("tls13-before.pem");
        saveSession(firstPort, tls12, "-tls1_2", "-no_ticket");
        saveSession(firstPort, tls13, "-tls1_3");
        Path early = dir.resolve("early.txt");
        Files.writeString(early, "GET / HTTP/1.0\r\n\r\n");
        redis.close();
        redis = null;

        try (PeerProcess client = reportingClient(secondPort, "-tls1_2", "-no_ticket", "-sess_in", tls12.toString())) {
            assertThat(client.stdout().awaitText("New, TLSv1.2", TIMEOUT)).doesNotContain("Reused");
            client.closeStdin();
        }
        assertThat(second.stderr().awaitText("session store unavailable", TIMEOUT)).contains("no session-ID resumption");
        // The ticket still opens (its keys come from the secret fetched at start-up), but 0-RTT needs the record.
        try (PeerProcess client = reportingClient(secondPort, "-tls1_3", "-sess_in", tls13.toString(), "-early_data", early.toString())) {
            assertThat(client.stdout().awaitText("Early data was rejected", TIMEOUT)).contains("Reused, TLSv1.3");
            client.closeStdin();
        }
        assertThat(second.stderr().awaitText("anti-replay store unavailable", TIMEOUT)).contains("0-RTT data is refused");
        assertThat(first.isAlive() && second.isAlive()).isTrue();
    }

    /** s_client -sess_out with an echo, so that tickets (TLS 1.3) arrive before it closes. */
    private void saveSession(int port, Path session, String... args) {
        try (PeerProcess client = OpenSslClient.connect(port).arg(args).arg("-sess_out", session.toString(),
                "-servername", TestPki.HOST).verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.writeAsync("hello\n".getBytes(StandardCharsets.US_ASCII)).join();
            client.stdout().awaitText("hello\n", TIMEOUT);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
        assertThat(session).isNotEmptyFile();
    }

    /** s_client in full mode, which says "New" or "Reused" and what became of early data. */
    private PeerProcess reportingClient(int port, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(), "-verify_return_error",
                "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST));
        command.addAll(List.of(more));
        return PeerProcess.start(command);
    }

    private static Socket send(int port, byte[] bytes) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), (int) TIMEOUT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return socket;
    }
}
