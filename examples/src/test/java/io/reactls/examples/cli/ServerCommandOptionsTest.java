package io.reactls.examples.cli;

import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user (or a test tool written against {@code openssl s_server}) meets first in {@code reactls server}: HTTP
 * heads ending in bare LF, the session-ID cache on by default, no h2 agreed by a status page that speaks HTTP/1.1,
 * encrypted keys, a port in use, suite names, one-line option errors, the help text and the truncation report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCommandOptionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The line {@code reactls server} prints for each completed handshake, with the connection's number. */
    private static final java.util.regex.Pattern SESSION_LINE = java.util.regex.Pattern.compile("reactls server: #(\\d+) TLSv.*");
    private final TestPki pki = TestPki.get();
    private PeerProcess www;
    private PeerProcess echo;
    private int wwwPort;
    private int echoPort;

    @TempDir
    Path dir;

    @BeforeAll
    void startServers() {
        www = ReactlsProcess.start("server", "--port", "0", "--www", "--alpn", "h2,http/1.1",
                "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString());
        echo = ReactlsProcess.start("server", "--port", "0",
                "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString());
        wwwPort = ReactlsProcess.awaitListening(www);
        echoPort = ReactlsProcess.awaitListening(echo);
    }

    @AfterAll
    void stopServers() {
        for (PeerProcess server : new PeerProcess[] {www, echo}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private TlsConfig client(TlsVersion... versions) {
        return TlsConfig.client().versions(List.of(versions)).trustAnchors(pki.trustAnchors()).build();
    }

    @Test
    void wwwAnswersARequestHeadEndingInBareLineFeeds() {
        try (SocketEngineDriver client = SocketEngineDriver.connect(client(TlsVersion.TLS_1_3), TestPki.HOST, wwwPort, TIMEOUT)) {
            client.handshake();
            client.send("GET /lf HTTP/1.1\nHost: localhost\n\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receive(17), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK\r\n");
            client.send("GET /crlf HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(client.receiveSome(), StandardCharsets.US_ASCII)).contains("request:       GET /");
        }
    }

    @Test
    void curlHttp2GetsThePageOverHttp11() {
        PeerProcess curl = PeerProcess.start(List.of("curl", "-sS", "--http2", "--cacert", pki.caFile().toString(),
                "--resolve", "localhost:" + wwwPort + ":127.0.0.1", "https://localhost:" + wwwPort + "/h2"));
        try (curl) {
            assertThat(curl.awaitExit(TIMEOUT)).as(curl.describeOutput()).isZero();
            assertThat(curl.stdout().text()).startsWith("reactls server\n").contains("ALPN:          http/1.1");
        }
        assertThat(www.stderr().text()).contains("h2 is not offered");
    }

    /** s_client -reconnect: five more connections offering the first one's session id; no tickets. */
    private PeerProcess reconnectingOpenSsl(int port) {
        PeerProcess client = PeerProcess.start(List.of("openssl", "s_client", "-tls1_2", "-no_ticket", "-reconnect",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(), "-servername", TestPki.HOST));
        client.closeStdin();
        assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        return client;
    }

    @Test
    void sessionIdCacheIsOnByDefault() {
        try (PeerProcess client = reconnectingOpenSsl(echoPort)) {
            assertThat(client.stdout().text()).contains("Reused, TLSv1.2");
        }
    }

    @Test
    void noSessionCacheTurnsItOff() {
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--no-session-cache",
                "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString())) {
            try (PeerProcess client = reconnectingOpenSsl(ReactlsProcess.awaitListening(server))) {
                assertThat(client.stdout().text()).contains("New, TLSv1.2").doesNotContain("Reused,");
            }
        }
    }

    private void openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private void assertServes(PeerProcess server) {
        int port = ReactlsProcess.awaitListening(server);
        try (SocketEngineDriver client = SocketEngineDriver.connect(client(TlsVersion.TLS_1_3), TestPki.HOST, port, TIMEOUT)) {
            client.handshake();
            client.send("ping\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.receive(5)).isEqualTo("ping\n".getBytes(StandardCharsets.US_ASCII));
            client.closeOutbound();
        }
    }

    @Test
    void encryptedKeysTakeAPassword() throws Exception {
        Path encrypted = dir.resolve("key.enc.pem");
        Path passwordFile = dir.resolve("password.txt");
        Path store = dir.resolve("server.p12");
        openssl("openssl", "pkcs8", "-topk8", "-in", pki.ecdsaServer().key().toString(), "-out", encrypted.toString(),
                "-passout", "pass:s3cret");
        openssl("openssl", "pkcs12", "-export", "-in", pki.ecdsaServer().chain().toString(),
                "-inkey", pki.ecdsaServer().key().toString(), "-out", store.toString(), "-passout", "pass:s3cret");
        Files.writeString(passwordFile, "s3cret\n");
        String chain = pki.ecdsaServer().chain().toString();
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--cert", chain,
                "--key", encrypted.toString(), "--key-password-file", passwordFile.toString())) {
            assertServes(server);
        }
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--cert", store.toString(),
                "--key-password", "s3cret")) {
            assertServes(server);
        }
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--cert", chain, "--key", encrypted.toString())) {
            assertThat(server.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            assertThat(server.stderr().text().lines().toList()).singleElement().asString()
                    .contains("is encrypted", "--key-password");
        }
    }

    @Test
    void aPortInUseIsSaidInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST));
             PeerProcess server = ReactlsProcess.start("server", "--port", Integer.toString(taken.getLocalPort()),
                     "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString())) {
            assertThat(server.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            assertThat(server.stderr().text().lines().toList()).containsExactly("reactls server: cannot listen on "
                    + LoopbackPorts.HOST + ":" + taken.getLocalPort() + ": the port is already in use");
        }
    }

    @Test
    void anUnknownSuiteIsOneLineNamingTheClosest() {
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265",
                "--cert", pki.ecdsaServer().chain().toString(), "--key", pki.ecdsaServer().key().toString())) {
            assertThat(server.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(2);
            assertThat(server.stderr().text().lines().toList()).singleElement().asString()
                    .startsWith("reactls server: ")
                    .contains("unknown cipher suite 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA265'",
                            "did you mean TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256?");
        }
    }

    @Test
    void suitesAcceptOpenSslNames() {
        CommandLine.ParseResult parsed = ReactlsCommand.commandLine().parseArgs("client", "localhost:443",
                "--suites", "ECDHE-RSA-AES128-GCM-SHA256,TLS_AES_128_GCM_SHA256");
        ClientCommand client = (ClientCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(client.tls.suites).containsExactly(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_AES_128_GCM_SHA256);
    }

    @Test
    void helpSpeaksOfBothVersions() {
        String help = ReactlsCommand.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("TLS 1.3 and TLS 1.2 for the JVM");
        assertThat(help.replace("TLS 1.3 and TLS 1.2 for the JVM", "")).doesNotContain("TLS 1.2 for the JVM");
    }

    @Test
    void truncationIsOneLineNoWarningAndNoColour() throws Exception {
        // A JDK client over a socket we close ourselves: a line, its echo, then TCP ends with no close_notify.
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.trustAnchors().certificates().get(0));
        tmf.init(trust);
        context.init(null, tmf.getTrustManagers(), null);
        for (int i = 1; i <= 2; i++) {
            try (java.net.Socket tcp = new java.net.Socket(LoopbackPorts.HOST, echoPort)) {
                tcp.setSoTimeout((int) TIMEOUT.toMillis());
                javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                        .createSocket(tcp, TestPki.HOST, echoPort, false);
                byte[] line = ("truncated " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                tls.getOutputStream().write(line);
                tls.getOutputStream().flush();
                assertThat(tls.getInputStream().readNBytes(line.length)).isEqualTo(line);
            }
        }
        assertThat(LoopbackPorts.poll(() -> echo.stderr().text().lines()
                .filter(l -> l.contains(" truncated: the client closed the connection without close_notify")).count() >= 2, TIMEOUT))
                .as(echo.describeOutput()).isTrue();
        // A clean connection after them: its "closed" line comes after anything the truncated ones could still log.
        try (SocketEngineDriver client = SocketEngineDriver.connect(client(TlsVersion.TLS_1_3), TestPki.HOST, echoPort, TIMEOUT)) {
            client.handshake();
            client.send("bye\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.receive(4)).isEqualTo("bye\n".getBytes(StandardCharsets.US_ASCII));
            client.closeOutbound();
            client.awaitPeerClose();
        }
        // Its "closed" line, not a fixed sleep: it is the connection with the highest number (polled, as our copy of
        // the server's stderr may lag behind).
        assertThat(LoopbackPorts.poll(() -> {
            String text = echo.stderr().text();
            long last = text.lines().map(SESSION_LINE::matcher).filter(java.util.regex.Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(0);
            return text.contains("reactls server: #" + last + " closed\n");
        }, TIMEOUT)).as(echo.describeOutput()).isTrue();
        assertThat(echo.stderr().text()).as(echo.describeOutput())
                .doesNotContain("WARN").doesNotContain("post termination").doesNotContain("\u001b[");
    }
}
