package io.reactls.server;

import io.reactls.handshake.TlsConfig;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TlsTcpServer in this JVM (leak guard and BlockHound watching) against openssl s_client. */
class TlsTcpServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();
    private DisposableServer server;

    @BeforeEach
    void startEchoServer() {
        server = TlsTcpServer.create(TcpServer.create().host("127.0.0.1").port(0),
                        TlsConfig.server(pki.ecdsaServer().keyMaterial()).build())
                .bind(tls -> tls.send(tls.receive()))
                .block(TIMEOUT);
    }

    @AfterEach
    void stopServer() {
        server.disposeNow(TIMEOUT);
    }

    @Test
    void echoesAndClosesCleanly() {
        byte[] data = new byte[16385];
        new Random(7).nextBytes(data);
        try (PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.writeAsync(data).join();
            assertThat(client.stdout().awaitBytes(data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin(); // close_notify; the server answers with its own before closing the socket
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        }
    }

    @Test
    void aFailedHandshakeEndsOnlyThatConnection() {
        // An RSA-only suite cannot be served with an ECDSA certificate: handshake_failure.
        try (PeerProcess client = OpenSslClient.connect(server.port()).tls12().cipher("AES128-GCM-SHA256").start()) {
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stderr().text()).contains("alert handshake failure");
        }
        echoesAndClosesCleanly();
    }

    @Test
    void refusesAClientConfig() {
        TlsConfig client = TlsConfig.client().build();
        assertThatThrownBy(() -> TlsTcpServer.create(TcpServer.create(), client))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
