package io.reactls.examples.cli;

import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.JdkTlsClientMain;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reactls server} and {@code reactls client} (their own JVMs) with peers that do not do the extended master
 * secret: gnutls-cli and gnutls-serv with {@code %NO_SESSION_HASH}, and the JDK's client under
 * {@code -Djdk.tls.useExtendedMasterSecret=false}. Accepted by default and never resumed; refused with
 * handshake_failure under {@code --require-ems}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtendedMasterSecretCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NO_EMS = "NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH";

    private final TestPki pki = TestPki.get();
    private PeerProcess lenient;
    private PeerProcess strict;
    private int lenientPort;
    private int strictPort;

    @BeforeAll
    void startServers() {
        String chain = pki.ecdsaServer().chain().toString();
        String key = pki.ecdsaServer().key().toString();
        lenient = ReactlsProcess.start("server", "--port", "0", "--cert", chain, "--key", key);
        strict = ReactlsProcess.start("server", "--port", "0", "--require-ems", "--cert", chain, "--key", key);
        lenientPort = ReactlsProcess.awaitListening(lenient);
        strictPort = ReactlsProcess.awaitListening(strict);
    }

    @AfterAll
    void stopServers() {
        for (PeerProcess server : new PeerProcess[] {lenient, strict}) {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The server's per-connection lines ("#N TLSv1.2 ... sni=localhost") so far. */
    private static List<String> sessionLines(PeerProcess server) {
        return server.stderr().text().lines().filter(l -> l.matches("reactls server: #\\d+ TLSv1\\.2 .*")).toList();
    }

    @Test
    void serverCompletesWithGnutlsWithoutEmsAndNeverResumes() {
        int before = sessionLines(lenient).size();
        try (PeerProcess client = GnuTlsClient.connect(lenientPort).priority(NO_EMS).verify(pki.caFile(), TestPki.HOST)
                .arg("--resume").start()) {
            client.stdout().awaitText("Resume Handshake was completed", TIMEOUT);
            assertThat(GnuTlsClient.awaitHandshake(client, TIMEOUT)).doesNotContain("This is a resumed session");
            client.closeStdin();
            client.awaitExit(TIMEOUT);
        }
        assertThat(LoopbackPorts.poll(() -> sessionLines(lenient).size() == before + 2, TIMEOUT)).as(lenient.describeOutput()).isTrue();
        // Both full handshakes, neither with EMS (the session line says " ems" and " resumed" when they apply).
        assertThat(sessionLines(lenient).subList(before, before + 2)).allSatisfy(l -> assertThat(l)
                .doesNotContain(" ems").doesNotContain(" resumed"));
    }

    @Test
    void serverRefusesGnutlsWithoutEmsUnderRequireEms() {
        try (PeerProcess client = GnuTlsClient.connect(strictPort).priority(NO_EMS).verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
        }
        assertThat(strict.stderr().awaitText("failed: TLS failure: sent handshake_failure", TIMEOUT))
                .contains("extended master secret");
    }

    private PeerProcess jdkClient(int port) {
        return PeerProcess.start(JdkTlsClientMain.command(List.of("-Djdk.tls.useExtendedMasterSecret=false"),
                Integer.toString(port), pki.caFile().toString(), TestPki.HOST, "TLSv1.2", "2"));
    }

    @Test
    void serverCompletesWithTheJdkWithoutEms() {
        int before = sessionLines(lenient).size();
        try (PeerProcess client = jdkClient(lenientPort)) {
            assertThat(client.awaitExit(JdkTlsClientMain.STARTUP)).as(client.describeOutput()).isZero();
        }
        assertThat(LoopbackPorts.poll(() -> sessionLines(lenient).size() == before + 2, TIMEOUT)).as(lenient.describeOutput()).isTrue();
        assertThat(sessionLines(lenient).subList(before, before + 2)).allSatisfy(l -> assertThat(l)
                .doesNotContain(" ems").doesNotContain(" resumed"));
    }

    @Test
    void serverRefusesTheJdkWithoutEmsUnderRequireEms() {
        try (PeerProcess client = jdkClient(strictPort)) {
            assertThat(client.awaitExit(JdkTlsClientMain.STARTUP)).isEqualTo(1);
            assertThat(client.stdout().text()).contains("handshake_failure");
        }
    }

    /** gnutls-serv echoing TLS 1.2 without EMS. */
    private PeerProcess.Listening gnutlsServer() {
        TestPki.Leaf leaf = pki.ecdsaServer();
        return PeerProcess.startListening(port -> List.of("gnutls-serv", "--port", Integer.toString(port), "--echo",
                "--x509certfile", leaf.chain().toString(), "--x509keyfile", pki.opensslEcKey(leaf).toString(),
                "--priority", NO_EMS), TIMEOUT);
    }

    private PeerProcess client(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("client", "127.0.0.1:" + port, "--cafile", pki.caFile().toString(),
                "--servername", TestPki.HOST));
        args.addAll(List.of(more));
        return ReactlsProcess.start(args.toArray(String[]::new));
    }

    @Test
    void clientCompletesWithGnutlsServerWithoutEms() {
        try (PeerProcess.Listening server = gnutlsServer(); PeerProcess client = client(server.port())) {
            client.stderr().awaitText("---", ReactlsProcess.STARTUP);
            assertThat(client.stderr().text()).contains("protocol:      TLSv1.2", "ext. master:   no");
            byte[] line = "echo without ems\n".getBytes(StandardCharsets.US_ASCII);
            client.writeAsync(line).join();
            assertThat(client.stdout().awaitBytes(line.length, TIMEOUT)).isEqualTo(line);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
    }

    @Test
    void clientRefusesGnutlsServerWithoutEmsUnderRequireEms() {
        try (PeerProcess.Listening server = gnutlsServer(); PeerProcess client = client(server.port(), "--require-ems")) {
            client.closeStdin();
            assertThat(client.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            List<String> lines = client.stderr().text().lines().toList();
            assertThat(lines.get(lines.size() - 1)).startsWith("reactls client: TLS failure: sent handshake_failure: ")
                    .contains("extended master secret");
        }
    }
}
