package io.reactls.server;

import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.handshake.TlsConfig;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

/** TlsServer in this JVM (leak guard and BlockHound watching) echoing to openssl s_client. */
class TlsServerOpenSslTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private DisposableServer server;

    @BeforeEach
    void startEchoServer() {
        server = TlsServer.create(tcpServer(), TlsServerOptions.of(SERVER))
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
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
        try (PeerProcess client = OpenSslClient.connect(server.port()).tls12().verify(PKI.caFile(), TestPki.HOST).start()) {
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
        assertThatThrownBy(() -> TlsServerOptions.of(client)).isInstanceOf(IllegalArgumentException.class);
    }
}
