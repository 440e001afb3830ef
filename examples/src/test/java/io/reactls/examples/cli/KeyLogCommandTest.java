package io.reactls.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --keylogfile} on {@code reactls server} and {@code reactls client} (their own JVMs): both sides write the
 * same NSS lines for the connection, warn that they do, and tshark decrypts a capture of the session with either
 * file, showing the HTTP request inside, which it cannot without one.
 */
class KeyLogCommandTest {

    /** Generous: every step starts a cold JVM (server, client) or tshark, on machines that may be busy. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String REQUEST_PATH = "/keylog-probe";

    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.3", "1.2"})
    void serverAndClientLogTheSameSecretsAndWarn(String version) {
        Path serverLog = dir.resolve("server.keys");
        Path clientLog = dir.resolve("client.keys");
        try (PeerProcess server = startServer(version, serverLog)) {
            PeerProcess client = fetch(ReactlsProcess.awaitListening(server), version, clientLog);
            assertThat(client.stderr().text()).contains("WARNING: TLS key logging is on (key log file " + clientLog + ")");
            assertThat(server.stderr().text()).contains("WARNING: TLS key logging is on");
            List<String> clientLines = awaitLines(clientLog, version);
            assertThat(awaitLines(serverLog, version)).containsExactlyInAnyOrderElementsOf(clientLines);
            String label = version.equals("1.3") ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET" : "CLIENT_RANDOM";
            assertThat(clientLines).anyMatch(l -> l.matches(label + " [0-9a-f]{64} [0-9a-f]{64,96}"));
        }
    }

    /**
     * tcpdump (or dumpcap) records the session on lo, filtered on the server's port; tshark finds the HTTP request
     * only with a key log. Needs tshark and capture rights: skipped, with the reason, where they are missing (CI runs
     * as root and installs both).
     */
    @Tag("capture")
    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.3", "1.2"})
    void tsharkDecryptsTheCaptureWithEitherKeyLog(String version) throws Exception {
        Path serverLog = dir.resolve("server.keys");
        Path clientLog = dir.resolve("client.keys");
        Path pcap = dir.resolve("session.pcap");
        Capture.requireTools();
        try (PeerProcess server = startServer(version, serverLog)) {
            int port = ReactlsProcess.awaitListening(server);
            try (Capture capture = Capture.start(port, pcap)) {
                fetch(port, version, clientLog);
                awaitLines(serverLog, version);
                awaitLines(clientLog, version);
                capture.stop();
            }
        }
        assertThat(tsharkHttp(pcap, null)).as("without a key log the request stays encrypted").doesNotContain(REQUEST_PATH);
        for (Path keyLog : List.of(serverLog, clientLog)) {
            assertThat(tsharkHttp(pcap, keyLog)).as("decrypted with " + keyLog.getFileName())
                    .contains("GET\t" + REQUEST_PATH + "\tlocalhost");
        }
    }

    private PeerProcess startServer(String version, Path keyLog) {
        return ReactlsProcess.start("server", "--port", "0", "--www", "--versions", version,
                "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString(),
                "--keylogfile", keyLog.toString());
    }

    /** {@code reactls client} sends one HTTP request, reads the page, and exits 0; returns the finished process. */
    private PeerProcess fetch(int port, String version, Path keyLog) {
        try (PeerProcess client = ReactlsProcess.start("client", "127.0.0.1:" + port, "--servername", TestPki.HOST,
                "--cafile", pki.caFile().toString(), "--versions", version, "--keylogfile", keyLog.toString(), "--ign-eof")) {
            client.writeAsync(("GET " + REQUEST_PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)).join();
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(client.stdout().text()).startsWith("HTTP/1.1 200 OK").contains("protocol:      TLSv" + version);
            return client;
        }
    }

    /** The key log's lines once the connection's are all there (the writer runs behind the handshake). */
    private static List<String> awaitLines(Path file, String version) {
        int expected = version.equals("1.3") ? 5 : 1;
        List<String> lines = new ArrayList<>();
        LoopbackPorts.poll(() -> {
            lines.clear();
            lines.addAll(readLines(file));
            return lines.size() >= expected;
        }, TIMEOUT);
        assertThat(lines).as(file + " holds one connection's secrets").hasSize(expected);
        return lines;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tshark's dissection of {@code pcap}: one tab-separated line per HTTP request (method, URI, Host). */
    private static String tsharkHttp(Path pcap, Path keyLog) {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-Y", "http.request",
                "-T", "fields", "-e", "http.request.method", "-e", "http.request.uri", "-e", "http.host"));
        if (keyLog != null) {
            command.addAll(List.of("-o", "tls.keylog_file:" + keyLog));
        }
        try (PeerProcess tshark = PeerProcess.start(command)) {
            assertThat(tshark.awaitExit(TIMEOUT)).as(tshark.describeOutput()).isZero();
            return tshark.stdout().text();
        }
    }

    /** A packet capture on lo, by tcpdump or else dumpcap, filtered on one TCP port. */
    static final class Capture implements AutoCloseable {

        private final PeerProcess process;
        private final Path pcap;

        private Capture(PeerProcess process, Path pcap) {
            this.process = process;
            this.pcap = pcap;
        }

        /** Skips the test, saying why, unless tshark and a capture tool are installed. */
        static void requireTools() {
            if (onPath("tshark").isEmpty()) {
                skip("tshark is not installed (apt-get install tshark tcpdump)");
            }
            if (onPath("tcpdump").or(() -> onPath("dumpcap")).isEmpty()) {
                skip("neither tcpdump nor dumpcap is installed (apt-get install tcpdump)");
            }
        }

        /** Starts capturing and returns once the tool listens; skips the test when we are not root and may not capture. */
        static Capture start(int port, Path pcap) {
            String filter = "tcp port " + port;
            boolean root = ProcessHandle.current().info().user().map("root"::equals).orElse(false);
            List<String> command;
            if (onPath("tcpdump").isPresent()) {
                // --immediate-mode: packets leave the kernel's buffer as they come (else a batch still there when we
                // stop the capture is lost); -U: each packet is written when captured; -Z root: as root, keep writing
                // to our (private) dir.
                command = new ArrayList<>(List.of("tcpdump", "-i", "lo", "--immediate-mode", "-U", "-w", pcap.toString()));
                if (root) {
                    command.addAll(List.of("-Z", "root"));
                }
                command.add(filter);
            } else {
                command = List.of("dumpcap", "-i", "lo", "-w", pcap.toString(), "-f", filter);
            }
            PeerProcess process = PeerProcess.start(command);
            boolean ready = LoopbackPorts.poll(() -> !process.isAlive()
                    || process.stderr().text().contains("listening on lo")
                    || process.stderr().text().contains("Capturing on"), TIMEOUT);
            if (!process.isAlive() || !ready) {
                String why = process.stderr().text().strip();
                process.close();
                if (root) {
                    throw new AssertionError(command.get(0) + " cannot capture on lo as root: " + why);
                }
                skip(command.get(0) + " cannot capture on lo (not root and no capture rights): " + why);
            }
            awaitPacketsWritten(port, pcap);
            return new Capture(process, pcap);
        }

        /**
         * "listening on lo" comes before packets are really captured: a session started right after it can lose its
         * ClientHello, and with it the random that ties the key log to the session. So knock on the port (a TCP
         * connection that sends nothing) until the capture file holds a packet.
         */
        private static void awaitPacketsWritten(int port, Path pcap) {
            boolean written = LoopbackPorts.poll(() -> {
                try (java.net.Socket knock = new java.net.Socket("127.0.0.1", port)) {
                    knock.setSoLinger(true, 0);
                } catch (IOException e) {
                    return false;
                }
                return sizeOf(pcap) > 24; // more than the pcap file header
            }, TIMEOUT);
            assertThat(written).as("the capture recorded a packet on port " + port).isTrue();
        }

        /** Aborts the test as skipped, and says why in one line on stderr too (surefire shows skips only as a count). */
        private static void skip(String reason) {
            String line = "KeyLogCommandTest: capture test skipped: " + reason;
            System.err.println(line);
            Assumptions.abort(line);
        }

        /** Stops the capture as a user would (SIGTERM), so the file is complete. */
        void stop() throws InterruptedException {
            // Let the last packets (close_notify, FIN) reach the file: stop once it has not grown for half a second.
            long size = -1;
            for (long deadline = System.nanoTime() + TIMEOUT.toNanos(); System.nanoTime() < deadline; ) {
                long now = sizeOf(pcap);
                if (now == size) {
                    break;
                }
                size = now;
                Thread.sleep(500);
            }
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            process.awaitExit(TIMEOUT);
        }

        @Override
        public void close() {
            process.close();
        }

        private static long sizeOf(Path file) {
            try {
                return Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                return 0;
            }
        }

        private static Optional<Path> onPath(String program) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, program);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
