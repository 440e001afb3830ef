package io.reactls.examples.cli;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reactls client} (its own JVM) against openssl s_server and against {@code reactls server}. */
class ClientCommandInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final TestPki pki = TestPki.get();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CipherSuite.class, names = "TLS_(ECDHE|RSA)_.*", mode = EnumSource.Mode.MATCH_ANY) // TLS 1.2
    void talksToOpensslWithEverySuite(CipherSuite suite) {
        TestPki.Leaf leaf = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? pki.ecdsaServer() : pki.rsaServer();
        try (OpenSslServer server = OpenSslServer.builder(leaf.chain(), leaf.key()).tls12()
                .cipher(OpenSslNames.cipher(suite)).start();
             PeerProcess client = client(server.port(), "--suites", suite.name())) {
            exchange(server, client, 1000);
            assertThat(client.stderr().text()).contains("cipher suite:  " + suite.name(), "⑧ Application data");
        }
    }

    @ParameterizedTest(name = "{0} bytes each way")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void copiesDataOfEverySize(int size) {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).tls12().start();
             PeerProcess client = client(server.port())) {
            exchange(server, client, size);
        }
    }

    @Test
    void presentsAClientCertificateAndNegotiatesAlpn() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).tls12()
                .clientAuth(pki.caFile(), true).alpn("h2,http/1.1").start();
             PeerProcess client = client(server.port(), "--alpn", "http/1.1",
                     "--cert", pki.client().chain().toString(), "--key", pki.client().key().toString())) {
            exchange(server, client, 100);
            assertThat(server.process().stderr().text()).contains("Peer certificate: CN = reactls test client");
            assertThat(client.stderr().text()).contains("ALPN:          http/1.1");
        }
    }

    @Test
    void sendsTheServerNameGiven() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).tls12()
                .serverName(TestPki.SNI_HOST, pki.sniServer().chain(), pki.sniServer().key(), true).start();
             PeerProcess client = client(server.port(), "--servername", TestPki.SNI_HOST)) {
            exchange(server, client, 10);
            assertThat(client.stderr().text()).contains("SNI:           " + TestPki.SNI_HOST,
                    "peer:          CN=" + TestPki.SNI_HOST);
        }
    }

    @Test
    void failsWithOneLineWhenTheCertificateDoesNotMatch() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).tls12().start();
             PeerProcess client = ReactlsProcess.start("client", "127.0.0.1:" + server.port(),
                     "--servername", "wrong.example", "--cafile", pki.caFile().toString())) {
            client.closeStdin();
            assertThat(client.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            List<String> lines = client.stderr().text().lines().toList();
            assertThat(lines.get(lines.size() - 1)).startsWith("reactls client: TLS failure: sent bad_certificate: ")
                    .contains("not valid for 'wrong.example'");
            assertThat(client.stderr().text()).doesNotContain("\tat ");
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text()).contains("alert bad certificate");
        }
    }

    @Test
    void failsWhenNothingListens() {
        try (PeerProcess client = ReactlsProcess.start("client", "127.0.0.1:1", "--cafile", pki.caFile().toString())) {
            client.closeStdin();
            assertThat(client.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            assertThat(client.stderr().text()).startsWith("reactls client: cannot connect: ");
        }
    }

    /**
     * Both ends are cold JVMs. The server's handshake timeout counts from the client's connection, so it covers the
     * client's first chain verification too: on a loaded machine that outlasted the library's 10 s, the server gave
     * up and closed, and the client (done with its side) exited 1 on a close without close_notify. {@code reactls
     * server} now waits as long as {@code reactls client} does; its stderr says why a connection failed.
     */
    @Test
    void fetchesTheStatusPageOfReactlsServer() {
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--www",
                "--cert", pki.rsaServer().chain().toString(), "--key", pki.rsaServer().key().toString());
             PeerProcess client = client(ReactlsProcess.awaitListening(server), "--ign-eof")) {
            client.writeAsync("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).join();
            client.closeStdin();
            assertThat(client.awaitExit(ReactlsProcess.STARTUP)).as(() -> bothSides(client, server)).isZero();
            assertThat(client.stdout().text()).as(() -> bothSides(client, server)).startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("protocol:      TLSv1.3", "cipher suite:  TLS_AES_128_GCM_SHA256", "SNI:           localhost");
        }
    }

    /**
     * A client that waits for its handshake longer than {@code reactls server --handshake-timeout} is cut off with a
     * line on the server's stderr naming the timeout (here a silent TCP client and a 1 s timeout).
     */
    @Test
    void theServerEndsAHandshakeThatOutlastsItsTimeout() throws Exception {
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--www", "--handshake-timeout", "1",
                "--cert", pki.rsaServer().chain().toString(), "--key", pki.rsaServer().key().toString());
             java.net.Socket silent = new java.net.Socket("127.0.0.1", ReactlsProcess.awaitListening(server))) {
            // Well short of the 30 s default: a server that ignored the option would not have closed by then.
            silent.setSoTimeout(20_000);
            silent.getInputStream().readAllBytes(); // until the server closes
            server.stderr().awaitText("did not complete within 1000 ms", TIMEOUT);
        }
    }

    /** The client's output and the server's, for a failure message: either side may say why. */
    private static String bothSides(PeerProcess client, PeerProcess server) {
        return "client " + client.describeOutput() + "\nserver " + server.describeOutput();
    }

    /** {@code reactls client} to 127.0.0.1 trusting the test CA, with --servername localhost unless given. */
    private PeerProcess client(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("client", "127.0.0.1:" + port, "--cafile", pki.caFile().toString()));
        args.addAll(List.of(more));
        if (!args.contains("--servername")) {
            args.addAll(List.of("--servername", TestPki.HOST));
        }
        return ReactlsProcess.start(args.toArray(String[]::new));
    }

    /**
     * Our stdin reaches openssl's stdout and openssl's stdin reaches our stdout; at the end of our stdin we send
     * close_notify, openssl hangs up, and the client exits 0.
     */
    private static void exchange(OpenSslServer server, PeerProcess client, int size) {
        byte[] up = randomBytes(size, 1);
        byte[] down = randomBytes(size, 2);
        client.stderr().awaitText("---", ReactlsProcess.STARTUP); // its JVM started, handshake done, session printed
        client.writeAsync(up).join();
        assertThat(server.process().stdout().awaitBytes(size, TIMEOUT)).isEqualTo(up);
        server.process().writeAsync(down).join();
        assertThat(client.stdout().awaitBytes(size, TIMEOUT)).isEqualTo(down);
        client.closeStdin();
        assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        assertThat(client.stdout().bytes()).isEqualTo(down);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
