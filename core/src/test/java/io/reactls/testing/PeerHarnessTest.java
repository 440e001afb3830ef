package io.reactls.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interop harness checked against itself: openssl and gnutls-cli talking to openssl s_server with the test PKI.
 * If these fail, a failing reactls interop test says nothing about reactls.
 */
class PeerHarnessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @ParameterizedTest(name = "{0} bytes each way")
    @ValueSource(ints = {0, 1, 16384, 16385, 1 << 20})
    void opensslClientAndServerRelayDataBothWays(int size) {
        byte[] up = randomBytes(size, 1);
        byte[] down = randomBytes(size, 2);
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().start();
             PeerProcess client = OpenSslClient.connect(server.port()).tls12()
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            String summary = OpenSslClient.awaitEstablished(client, TIMEOUT);
            assertThat(summary).contains("Protocol version: TLSv1.2");

            client.writeAsync(up).join();
            assertThat(server.process().stdout().awaitBytes(size, TIMEOUT)).isEqualTo(up);
            server.process().writeAsync(down).join();
            assertThat(client.stdout().awaitBytes(size, TIMEOUT)).isEqualTo(down);

            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
            assertThat(server.process().stdout().bytes()).isEqualTo(up);
            assertThat(client.stdout().bytes()).isEqualTo(down);
        }
    }

    @Test
    void opensslClientRejectsAWrongHostname() {
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().start();
             PeerProcess client = OpenSslClient.connect(server.port()).tls12()
                     .verify(pki.caFile(), "wrong.example").start()) {
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stderr().text()).contains("hostname mismatch");
        }
    }

    @Test
    void gnutlsClientTalksToOpensslServer() {
        byte[] up = randomBytes(20000, 3);
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key())
                .tls12().start();
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GnuTlsClient.TLS12)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(GnuTlsClient.awaitHandshake(client, TIMEOUT)).contains("(TLS1.2-X.509)-(ECDHE-");

            client.writeAsync(up).join();
            assertThat(server.process().stdout().awaitBytes(up.length, TIMEOUT)).isEqualTo(up);
            byte[] down = randomBytes(30000, 4);
            server.process().writeAsync(down).join();
            assertThat(GnuTlsClient.awaitData(client, down.length, TIMEOUT)).isEqualTo(down);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
    }

    /** Readiness is this process's listening socket on 127.0.0.1, not whoever holds the port. */
    @Test
    void isListeningTellsWhoseSocketItIs() throws IOException {
        try (ServerSocket ours = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST));
             PeerProcess other = PeerProcess.start(List.of("sleep", "60"))) {
            int port = ours.getLocalPort();
            assertThat(LoopbackPorts.isListening(port, ProcessHandle.current().pid())).isTrue();
            assertThat(LoopbackPorts.isListening(port, other.pid())).as("another process").isFalse();
            ours.close();
            assertThat(LoopbackPorts.isListening(port, ProcessHandle.current().pid())).as("closed").isFalse();
        }
    }

    /**
     * The port race, forced: the first port offered is already taken (as another process could take a free port
     * before the peer binds it); the peer is started again on another one. gnutls-serv is the hard case: it goes on
     * listening on IPv6 only.
     */
    @Test
    void aPeerWhosePortWasTakenIsStartedOnAnother() throws IOException {
        TestPki.Leaf leaf = pki.ecdsaServer();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            AtomicInteger attempts = new AtomicInteger();
            try (PeerProcess.Listening server = PeerProcess.startListening(port -> List.of("gnutls-serv", "--echo",
                    "--port", Integer.toString(attempts.getAndIncrement() == 0 ? taken.getLocalPort() : port),
                    "--x509certfile", leaf.chain().toString(), "--x509keyfile", pki.opensslEcKey(leaf).toString()), TIMEOUT)) {
                assertThat(attempts).hasValue(2);
                assertThat(server.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(LoopbackPorts.isListening(server.port(), server.process().pid())).isTrue();
            }
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
