package io.reactls.examples.cli;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reactls server} (its own JVM) against openssl s_client and gnutls-cli; the servers serve every test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCommandInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ALL_SUITES = Arrays.stream(CipherSuite.values()).filter(s -> !s.isTls13()).map(Enum::name)
            .collect(Collectors.joining(","));

    private final TestPki pki = TestPki.get();
    private PeerProcess rsaServer;
    private PeerProcess ecdsaServer;
    private PeerProcess mtlsServer;
    private int rsaPort;
    private int ecdsaPort;
    private int mtlsPort;

    @BeforeAll
    void startServers() {
        rsaServer = ReactlsProcess.start("server", "--port", "0", "--cert", pki.rsaServer().chain().toString(),
                "--key", pki.rsaServer().key().toString(), "--suites", ALL_SUITES, "--alpn", "h2,http/1.1");
        ecdsaServer = ReactlsProcess.start("server", "--port", "0", "--cert", pki.ecdsaServer().chain().toString(),
                "--key", pki.ecdsaServer().key().toString(), "--suites", ALL_SUITES);
        mtlsServer = ReactlsProcess.start("server", "--port", "0", "--www", "--cert", pki.ecdsaServer().chain().toString(),
                "--key", pki.ecdsaServer().key().toString(), "--client-auth", "require",
                "--cafile", pki.caFile().toString());
        rsaPort = ReactlsProcess.awaitListening(rsaServer);
        ecdsaPort = ReactlsProcess.awaitListening(ecdsaServer);
        mtlsPort = ReactlsProcess.awaitListening(mtlsServer);
    }

    @AfterAll
    void stopServers() {
        for (PeerProcess server : new PeerProcess[] {rsaServer, ecdsaServer, mtlsServer}) {
            if (server != null) {
                assertThat(server.isAlive()).as("server survived every test\n" + server.describeOutput()).isTrue();
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CipherSuite.class, names = "TLS_(ECDHE|RSA)_.*", mode = EnumSource.Mode.MATCH_ANY)
    void echoesForEverySuite(CipherSuite suite) {
        int port = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? ecdsaPort : rsaPort;
        try (PeerProcess client = OpenSslClient.connect(port).tls12().cipher(OpenSslNames.cipher(suite))
                .verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(OpenSslClient.awaitEstablished(client, TIMEOUT))
                    .as(client.describeOutput()).contains("Ciphersuite: " + OpenSslNames.cipher(suite));
            echo(client, 1000);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void echoesDataOfEverySize(int size) {
        try (PeerProcess client = OpenSslClient.connect(rsaPort).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            echo(client, size);
        }
    }

    @Test
    void servesConcurrentConnections() {
        List<PeerProcess> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                clients.add(OpenSslClient.connect(rsaPort).tls12().verify(pki.caFile(), TestPki.HOST).start());
            }
            for (PeerProcess client : clients) {
                OpenSslClient.awaitEstablished(client, TIMEOUT);
            }
            // All four are connected at once before any of them sends.
            for (PeerProcess client : clients) {
                echo(client, 20000);
            }
        } finally {
            clients.forEach(PeerProcess::close);
        }
    }

    @Test
    void keepsServingAfterAFailedConnection() throws IOException {
        try (Socket junk = new Socket("127.0.0.1", rsaPort)) {
            OutputStream out = junk.getOutputStream();
            out.write("this is not TLS\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server answers with a fatal alert and closes: read to EOF.
            junk.setSoTimeout((int) TIMEOUT.toMillis());
            assertThat(junk.getInputStream().readAllBytes()).startsWith(0x15); // alert record
        }
        rsaServer.stderr().awaitText("failed: TLS failure: sent ", TIMEOUT);
        try (PeerProcess client = OpenSslClient.connect(rsaPort).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            echo(client, 10);
        }
        // One line for the failed connection, no reactor-netty ERROR with a stack trace.
        assertThat(rsaServer.stderr().text()).doesNotContain("[ERROR]").doesNotContain("onUncaughtException");
    }

    @Test
    void gnutlsClientIsEchoed() {
        byte[] data = randomBytes(5000);
        try (PeerProcess client = GnuTlsClient.connect(rsaPort).priority(GnuTlsClient.TLS12)
                .verify(pki.caFile(), TestPki.HOST).alpn("http/1.1").start()) {
            assertThat(GnuTlsClient.awaitHandshake(client, TIMEOUT)).contains("(TLS1.2-X.509)-(ECDHE-");
            client.writeAsync(data).join();
            assertThat(GnuTlsClient.awaitData(client, data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
        assertThat(rsaServer.stderr().awaitText("alpn=http/1.1", TIMEOUT)).contains("sni=localhost");
    }

    @Test
    void requiredClientCertificateIsVerifiedAndShownOnTheStatusPage() {
        try (PeerProcess client = OpenSslClient.connect(mtlsPort).tls12().verify(pki.caFile(), TestPki.HOST)
                .certificate(pki.client().chain(), pki.client().key()).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.writeAsync("GET /status HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).join();
            // HTTP/1.0: the server answers, then closes with close_notify, and s_client exits cleanly.
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(client.stdout().text()).startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("request:       GET /status HTTP/1.0", "client cert:   CN=reactls test client");
        }
    }

    @Test
    void refusesAClientWithoutCertificateAndKeepsServing() {
        try (PeerProcess client = OpenSslClient.connect(mtlsPort).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
        }
        assertThat(mtlsServer.stderr().awaitText("failed: TLS failure: sent ", TIMEOUT)).contains("certificate");
        requiredClientCertificateIsVerifiedAndShownOnTheStatusPage();
    }

    private static void echo(PeerProcess client, int size) {
        byte[] data = randomBytes(size);
        client.writeAsync(data).join();
        assertThat(client.stdout().awaitBytes(size, TIMEOUT)).isEqualTo(data);
        client.closeStdin();
        assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        assertThat(client.stdout().bytes()).isEqualTo(data);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
