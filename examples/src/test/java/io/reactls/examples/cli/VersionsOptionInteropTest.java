package io.reactls.examples.cli;

import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --versions}: both commands default to TLS 1.3 (with TLS 1.2 as fallback) and can be limited to either. */
class VersionsOptionInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestPki pki = TestPki.get();

    private PeerProcess server(String... more) {
        List<String> args = new ArrayList<>(List.of("server", "--port", "0", "--cert", pki.ecdsaServer().chain().toString(),
                "--key", pki.ecdsaServer().key().toString()));
        args.addAll(List.of(more));
        return ReactlsProcess.start(args.toArray(String[]::new));
    }

    private PeerProcess client(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("client", "127.0.0.1:" + port, "--cafile", pki.caFile().toString(),
                "--servername", TestPki.HOST));
        args.addAll(List.of(more));
        return ReactlsProcess.start(args.toArray(String[]::new));
    }

    /** openssl s_client (its own defaults plus {@code args}) against {@code reactls server}; returns the summary. */
    private String opensslAgainst(PeerProcess server, String... args) {
        int port = ReactlsProcess.awaitListening(server);
        OpenSslClient builder = OpenSslClient.connect(port).verify(pki.caFile(), TestPki.HOST);
        for (String a : args) {
            builder.arg(a);
        }
        try (PeerProcess client = builder.start()) {
            String summary = OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            return summary;
        }
    }

    @Test
    void serverPrefersTls13ByDefault() {
        try (PeerProcess server = server()) {
            assertThat(opensslAgainst(server)).contains("TLSv1.3", "TLS_AES_128_GCM_SHA256");
            assertThat(opensslAgainst(server, "-tls1_2")).as("TLS 1.2 still accepted").contains("TLSv1.2");
        }
    }

    @Test
    void serverLimitedToTls12() {
        try (PeerProcess server = server("--versions", "1.2")) {
            assertThat(opensslAgainst(server)).contains("TLSv1.2");
        }
    }

    @Test
    void serverLimitedToTls13RefusesATls12Client() {
        try (PeerProcess server = server("--versions", "1.3")) {
            int port = ReactlsProcess.awaitListening(server);
            try (PeerProcess client = OpenSslClient.connect(port).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
                assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isNotZero();
            }
            assertThat(opensslAgainst(server)).as("and keeps serving TLS 1.3").contains("TLSv1.3");
        }
    }

    @Test
    void clientPrefersTls13ByDefaultAndCanBeLimitedToTls12() {
        for (String[] versions : new String[][] {{}, {"--versions", "1.2"}, {"--versions", "1.2,1.3"}}) {
            String expected = versions.length > 0 && versions[1].equals("1.2") ? "TLSv1.2" : "TLSv1.3";
            try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).start();
                 PeerProcess client = client(server.port(), versions)) {
                client.stderr().awaitText("---", ReactlsProcess.STARTUP); // its JVM started, handshake done, session printed
                assertThat(client.stderr().text()).contains("protocol:      " + expected);
                client.closeStdin();
                assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            }
        }
    }
}
