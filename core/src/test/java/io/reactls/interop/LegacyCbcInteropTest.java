package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The legacy TLS 1.2 CBC-HMAC suites against openssl and gnutls-cli, with encrypt-then-MAC and without it
 * (MAC-then-encrypt), and session-ID resumption as openssl sees it.
 */
class LegacyCbcInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    static Stream<Arguments> suitesWithAndWithoutEtm() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.isCbc()) {
                out.add(Arguments.of(s, true));
                out.add(Arguments.of(s, false));
            }
        }
        return out.stream();
    }

    static Stream<CipherSuite> cbcSuites() {
        return Stream.of(CipherSuite.values()).filter(CipherSuite::isCbc);
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesWithAndWithoutEtm")
    void ourClientAgainstOpenSslServer(CipherSuite suite, boolean etm) {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        OpenSslServer.Builder builder = OpenSslServer.builder(leaf.chain(), leaf.key()).tls12().cipher(OpenSslNames.cipher(suite));
        if (!etm) {
            builder.arg("-no_etm");
        }
        TlsConfig config = TlsConfig.client().trustAnchors(pki.trustAnchors()).cipherSuites(List.of(suite)).build();
        try (OpenSslServer server = builder.start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = handshake(client, server);
            assertThat(session.cipherSuite()).isEqualTo(suite);
            assertThat(session.extendedMasterSecret()).isTrue();
            assertThat(client.events()).extracting(HandshakeEvent::detail)
                    .anyMatch(d -> d.contains("server chose TLSv1.2") && d.contains("encrypt-then-MAC") == etm);
            InteropCases.exchange(server, client, 40_000); // several full records each way
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesWithAndWithoutEtm")
    void openSslClientAgainstOurServer(CipherSuite suite, boolean etm) throws Exception {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        TlsConfig config = TlsConfig.server(leaf.keyMaterial()).cipherSuites(List.of(suite)).build();
        OpenSslClient openssl = OpenSslClient.connect(0).tls12().cipher(OpenSslNames.cipher(suite));
        if (!etm) {
            openssl.arg("-no_etm");
        }
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = openssl.port(server.port()).verify(pki.caFile(), TestPki.HOST).start()) {
            String summary = established(client, server);
            assertThat(summary).contains("Protocol version: TLSv1.2", "Ciphersuite: " + OpenSslNames.cipher(suite));
            InteropCases.echo(client, 40_000);
            EngineEchoServer.Outcome outcome = server.result(TIMEOUT);
            assertThat(outcome.session().cipherSuite()).isEqualTo(suite);
            assertThat(outcome.echoedBytes()).isEqualTo(40_000);
        }
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesWithAndWithoutEtm")
    void gnuTlsClientAgainstOurServer(CipherSuite suite, boolean etm) throws Exception {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        TlsConfig config = TlsConfig.server(leaf.keyMaterial()).cipherSuites(List.of(suite)).build();
        String priority = OpenSslNames.gnutlsPriority(suite) + (etm ? "" : ":%NO_ETM");
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(priority)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            String status = gnutlsHandshake(client, server);
            assertThat(status).contains("(TLS1.2-X.509)");
            String options = status.lines().filter(l -> l.startsWith("- Options:")).findFirst().orElse("");
            assertThat(options.contains("EtM")).as(options).isEqualTo(etm);
            byte[] data = InteropCases.randomBytes(40_000, 41);
            client.writeAsync(data).join();
            assertThat(GnuTlsClient.awaitData(client, data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(server.result(TIMEOUT).session().cipherSuite()).isEqualTo(suite);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cbcSuites")
    void openSslClientResumesOurSession(CipherSuite suite, @TempDir Path dir) throws Exception {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        TlsConfig config = TlsConfig.server(leaf.keyMaterial()).cipherSuites(List.of(suite))
                .sessionIdCache(8, Duration.ofMinutes(5)).build();
        Path session = dir.resolve("session.pem");
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT, 2)) {
            String first = sClient(server.port(), suite, "-sess_out", session.toString());
            assertThat(first).contains("New, ", "Cipher is " + OpenSslNames.cipher(suite));
            assertThat(Files.size(session)).isPositive();
            assertThat(server.result(0, TIMEOUT).session().resumed()).isFalse();
            String second = sClient(server.port(), suite, "-sess_in", session.toString());
            assertThat(second).contains("Reused, ", "Cipher is " + OpenSslNames.cipher(suite));
            assertThat(server.result(1, TIMEOUT).session().resumed()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} (offering TLS 1.3 too: {1})")
    @MethodSource("suitesAndTls13")
    void ourClientResumesWithOpenSslServer(CipherSuite suite, boolean tls13Too) {
        TestPki.Leaf leaf = InteropCases.serverLeaf(suite);
        List<CipherSuite> suites = tls13Too ? List.of(CipherSuite.TLS_AES_128_GCM_SHA256, suite) : List.of(suite);
        TlsConfig config = TlsConfig.client().trustAnchors(pki.trustAnchors()).cipherSuites(suites)
                .versions(tls13Too ? List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2) : List.of(TlsVersion.TLS_1_2))
                .sessionIdCache(8, Duration.ofMinutes(5)).build();
        try (OpenSslServer server = OpenSslServer.builder(leaf.chain(), leaf.key()).tls12().cipher(OpenSslNames.cipher(suite))
                .arg("-no_ticket").naccept(2).start()) {
            try (SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
                assertThat(handshake(client, server).resumed()).isFalse();
                InteropCases.exchange(server, client, 100);
                client.closeOutbound();
                assertThat(client.awaitPeerClose()).isTrue();
            }
            try (SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
                TlsSession session = handshake(client, server);
                assertThat(session.resumed()).isTrue();
                assertThat(session.cipherSuite()).isEqualTo(suite);
                assertThat(session.extendedMasterSecret()).isTrue();
                client.send(new byte[] {1, 2, 3});
                assertThat(server.process().stdout().awaitBytes(103, TIMEOUT)).endsWith(1, 2, 3);
                client.closeOutbound();
            }
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    static Stream<Arguments> suitesAndTls13() {
        return cbcSuites().flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
    }

    /** Runs s_client (not -brief: it then prints "New," or "Reused,") with openssl's session-ID resumption only. */
    private String sClient(int port, CipherSuite suite, String... sessionArgs) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", LoopbackPorts.HOST + ":" + port,
                "-tls1_2", "-no_ticket", "-cipher", OpenSslNames.cipher(suite), "-CAfile", pki.caFile().toString(),
                "-verify_hostname", TestPki.HOST, "-verify_return_error", "-servername", TestPki.HOST));
        command.addAll(List.of(sessionArgs));
        try (PeerProcess client = PeerProcess.start(command)) {
            client.stdout().awaitText("Cipher is", TIMEOUT);
            // A round trip first, so the session (and our handshake) is complete before s_client closes.
            client.writeAsync("resumption-ping\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).join();
            client.stdout().awaitText("resumption-ping", TIMEOUT);
            client.closeStdin(); // s_client sends close_notify and exits
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            return client.stdout().text();
        }
    }

    private static TlsSession handshake(SocketEngineDriver client, OpenSslServer server) {
        try {
            return client.handshake();
        } catch (TlsAlertException e) {
            server.process().awaitExit(TIMEOUT);
            throw new AssertionError(e.getMessage() + "\nopenssl said:\n" + server.process().describeOutput(), e);
        }
    }

    private static String established(PeerProcess client, EngineEchoServer server) {
        try {
            return OpenSslClient.awaitEstablished(client, TIMEOUT);
        } catch (AssertionError notEstablished) {
            addServerFailure(notEstablished, server);
            throw notEstablished;
        }
    }

    private static String gnutlsHandshake(PeerProcess client, EngineEchoServer server) {
        try {
            return GnuTlsClient.awaitHandshake(client, TIMEOUT);
        } catch (AssertionError notEstablished) {
            notEstablished.addSuppressed(new AssertionError("gnutls-cli output:\n" + client.describeOutput()));
            addServerFailure(notEstablished, server);
            throw notEstablished;
        }
    }

    private static void addServerFailure(AssertionError error, EngineEchoServer server) {
        try {
            server.result(Duration.ofSeconds(1));
        } catch (ExecutionException | TimeoutException e) {
            error.addSuppressed(e.getCause() != null ? e.getCause() : e);
        }
    }
}
