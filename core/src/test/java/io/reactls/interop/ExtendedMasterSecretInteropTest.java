package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.JdkTlsClientMain;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS 1.2 without the extended master secret (RFC 7627) against real peers that do not do it: accepted by default
 * on both sides, refused with handshake_failure when {@link TlsConfig.Builder#requireExtendedMasterSecret} is set,
 * and such a session is never resumed (session id or ticket). Peers: gnutls-cli and gnutls-serv with
 * {@code %NO_SESSION_HASH}, openssl s_client with {@code Options = -ExtendedMasterSecret} in its config file, and the
 * JDK's client in its own JVM under {@code -Djdk.tls.useExtendedMasterSecret=false} (read once per JVM).
 */
class ExtendedMasterSecretInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GNUTLS_NO_EMS = "NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH";

    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    /** Our default server, plus a session-id cache (tickets are on by default): every way to resume is open. */
    private TlsConfig.Builder server() {
        return TlsConfig.server(pki.ecdsaServer().keyMaterial()).sessionIdCache(16, Duration.ofHours(1));
    }

    private static void assertFullHandshakeWithoutEms(TlsSession session) {
        assertThat(session.version()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(session.extendedMasterSecret()).isFalse();
        assertThat(session.resumed()).isFalse();
    }

    @ParameterizedTest(name = "tickets offered: {0}")
    @ValueSource(booleans = {true, false})
    void gnutlsClientWithoutEmsIsServedAndNeverResumed(boolean tickets) throws Exception {
        String priority = GNUTLS_NO_EMS + (tickets ? "" : ":%NO_TICKETS");
        try (EngineEchoServer server = EngineEchoServer.start(server().build(), TIMEOUT, 2);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(priority)
                     .verify(pki.caFile(), TestPki.HOST).arg("--resume").start()) {
            // gnutls 3.7 says "Resume Handshake was completed" after any second handshake, and adds "This is a
            // resumed session" before its data only when the server resumed.
            client.stdout().awaitText("Resume Handshake was completed", TIMEOUT);
            assertThat(GnuTlsClient.awaitHandshake(client, TIMEOUT)).doesNotContain("This is a resumed session");
            client.closeStdin();
            client.awaitExit(TIMEOUT);
            assertFullHandshakeWithoutEms(server.result(0, TIMEOUT).session());
            assertFullHandshakeWithoutEms(server.result(1, TIMEOUT).session());
        }
    }

    @Test
    void gnutlsClientWithoutEmsIsRefusedInStrictMode() {
        try (EngineEchoServer server = EngineEchoServer.start(server().requireExtendedMasterSecret(true).build(), TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GNUTLS_NO_EMS)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            assertHandshakeFailure(server);
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stdout().text() + client.stderr().text()).containsIgnoringCase("handshake failed");
        }
    }

    @Test
    void gnutlsClientWithEmsStillGetsIt() throws Exception {
        try (EngineEchoServer server = EngineEchoServer.start(server().build(), TIMEOUT, 2);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GnuTlsClient.TLS12)
                     .verify(pki.caFile(), TestPki.HOST).arg("--resume").start()) {
            client.stdout().awaitText("This is a resumed session", TIMEOUT);
            client.closeStdin();
            assertThat(server.result(0, TIMEOUT).session().extendedMasterSecret()).isTrue();
            assertThat(server.result(1, TIMEOUT).session().resumed()).isTrue();
        }
    }

    /** openssl 3.0's s_client has no -no_ems; its config file can turn EMS off. */
    private PeerProcess openSslClientWithoutEms(int port, String... more) throws Exception {
        Path conf = dir.resolve("no-ems.cnf");
        Files.writeString(conf, String.join("\n", "openssl_conf = openssl_init", "[openssl_init]", "ssl_conf = ssl_module",
                "[ssl_module]", "system_default = no_ems", "[no_ems]", "Options = -ExtendedMasterSecret", ""));
        List<String> command = new ArrayList<>(List.of("env", "OPENSSL_CONF=" + conf, "openssl", "s_client",
                "-nocommands", "-tls1_2", "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", pki.caFile().toString(),
                "-verify_return_error", "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST));
        command.addAll(List.of(more));
        return PeerProcess.start(command);
    }

    @Test
    void openSslClientWithoutEmsIsServedAndNotResumedBySessionId() throws Exception {
        // -reconnect: five more connections offering the first session's id (no tickets: the id is all there is).
        try (EngineEchoServer server = EngineEchoServer.start(server().build(), TIMEOUT, 6);
             PeerProcess client = openSslClientWithoutEms(server.port(), "-reconnect", "-no_ticket")) {
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(client.stdout().text()).contains("Extended master secret: no").doesNotContain("Reused,");
            for (int i = 0; i < 6; i++) {
                assertFullHandshakeWithoutEms(server.result(i, TIMEOUT).session());
            }
        }
    }

    @Test
    void openSslClientWithoutEmsIsRefusedInStrictMode() throws Exception {
        try (EngineEchoServer server = EngineEchoServer.start(server().requireExtendedMasterSecret(true).build(), TIMEOUT);
             PeerProcess client = openSslClientWithoutEms(server.port())) {
            client.closeStdin();
            assertHandshakeFailure(server);
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stderr().text()).contains("alert handshake failure");
        }
    }

    @Test
    void jdkClientWithoutEmsIsServedAndNeverResumed() throws Exception {
        // The server's accept and the client's exit wait for a JVM to start.
        try (EngineEchoServer server = EngineEchoServer.start(server().build(), JdkTlsClientMain.STARTUP, 2);
             PeerProcess client = PeerProcess.start(JdkTlsClientMain.command(List.of("-Djdk.tls.useExtendedMasterSecret=false"),
                     Integer.toString(server.port()), pki.caFile().toString(), TestPki.HOST, "TLSv1.2", "2"))) {
            assertThat(client.awaitExit(JdkTlsClientMain.STARTUP)).as(client.describeOutput()).isZero();
            assertThat(client.stdout().text()).contains("connection 1: TLSv1.2", "connection 2: TLSv1.2");
            assertFullHandshakeWithoutEms(server.result(0, TIMEOUT).session());
            assertFullHandshakeWithoutEms(server.result(1, TIMEOUT).session());
        }
    }

    @Test
    void jdkClientWithoutEmsIsRefusedInStrictMode() {
        try (EngineEchoServer server = EngineEchoServer.start(server().requireExtendedMasterSecret(true).build(),
                JdkTlsClientMain.STARTUP);
             PeerProcess client = PeerProcess.start(JdkTlsClientMain.command(List.of("-Djdk.tls.useExtendedMasterSecret=false"),
                     Integer.toString(server.port()), pki.caFile().toString(), TestPki.HOST, "TLSv1.2", "1"))) {
            assertHandshakeFailure(server, JdkTlsClientMain.STARTUP);
            assertThat(client.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(client.stdout().text()).contains("failed: ", "handshake_failure");
        }
    }

    private static void assertHandshakeFailure(EngineEchoServer server) {
        assertHandshakeFailure(server, TIMEOUT);
    }

    private static void assertHandshakeFailure(EngineEchoServer server, Duration timeout) {
        Throwable failure = catchThrowable(() -> server.result(timeout));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOfSatisfying(TlsAlertException.class, e -> {
            assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
            assertThat(e.getMessage()).contains("extended master secret");
        });
    }

    /** gnutls-serv echoing, TLS 1.2 without EMS. */
    private PeerProcess.Listening gnutlsServerWithoutEms() {
        TestPki.Leaf leaf = pki.ecdsaServer();
        return PeerProcess.startListening(port -> List.of("gnutls-serv", "--port", Integer.toString(port), "--echo",
                "--x509certfile", leaf.chain().toString(), "--x509keyfile", pki.opensslEcKey(leaf).toString(),
                "--priority", GNUTLS_NO_EMS), TIMEOUT);
    }

    @Test
    void ourClientTalksToGnutlsServerWithoutEmsAndNeverResumes() {
        SessionCache tickets = SessionCache.bounded(8);
        TlsConfig config = TlsConfig.client().trustAnchors(pki.trustAnchors()).sessionCache(tickets)
                .sessionIdCache(8, Duration.ofHours(1)).build();
        try (PeerProcess.Listening server = gnutlsServerWithoutEms()) {
            int port = server.port();
            for (int n = 1; n <= 2; n++) {
                try (SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, port, TIMEOUT)) {
                    assertFullHandshakeWithoutEms(client.handshake());
                    byte[] ping = ("no ems " + n + "\n").getBytes(StandardCharsets.US_ASCII);
                    client.send(ping);
                    assertThat(client.receive(ping.length)).as("echoed").isEqualTo(ping);
                    client.closeOutbound();
                }
                // Nothing kept to offer next time (RFC 7627 §5.3: the client SHOULD NOT offer such a session).
                assertThat(config.sessionIdCache().size()).isZero();
                assertThat(tickets.size(SessionCache.key(TestPki.HOST, port))).isZero();
            }
        }
    }

    @Test
    void ourStrictClientRefusesGnutlsServerWithoutEms() {
        TlsConfig config = TlsConfig.client().trustAnchors(pki.trustAnchors()).requireExtendedMasterSecret(true).build();
        try (PeerProcess.Listening server = gnutlsServerWithoutEms();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            Throwable failure = catchThrowable(client::handshake);
            assertThat(failure).isInstanceOfSatisfying(TlsAlertException.class, e -> {
                assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
                assertThat(e.getMessage()).contains("extended master secret");
            });
        }
    }
}
