package io.reactls.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.alert.TlsAlertException;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.TlsSession;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TlsTcpClient in this JVM (leak guard and BlockHound watching) against openssl s_server. */
class TlsTcpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @Test
    void exchangesDataAndCloses() {
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key()).tls12().start()) {
            TlsTcpConnection connection = client(server.port(), TestPki.HOST).connect().block(TIMEOUT);
            TlsSession session = connection.tls().session();
            assertThat(session.protocol()).isEqualTo("TLSv1.2");
            assertThat(session.peerCertificates().get(0)).isEqualTo(pki.rsaServer().keyMaterial().leaf());

            connection.tls().send(Mono.just(text("ping"))).block(TIMEOUT);
            assertThat(server.process().stdout().awaitBytes(4, TIMEOUT)).asString(StandardCharsets.UTF_8).isEqualTo("ping");

            server.process().writeAsync("pong".getBytes(StandardCharsets.UTF_8)).join();
            ByteBuf pong = connection.tls().receive().next().block(TIMEOUT);
            try {
                assertThat(pong.toString(StandardCharsets.UTF_8)).isEqualTo("pong");
            } finally {
                pong.release();
            }

            connection.close().block(TIMEOUT);
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @Test
    void aRejectedCertificateFailsConnectAndTellsTheServer() {
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key()).tls12().start()) {
            assertThatThrownBy(() -> client(server.port(), "wrong.example").connect().block(TIMEOUT))
                    .isInstanceOf(TlsAlertException.class)
                    .hasMessageContaining("bad_certificate");
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text()).contains("alert bad certificate");
        }
    }

    private TlsTcpClient client(int port, String serverName) {
        return TlsTcpClient.create(TcpClient.create().host("127.0.0.1").port(port),
                TlsConfig.client().trustAnchors(pki.trustAnchors()).build(), serverName);
    }

    private static ByteBuf text(String s) {
        return ByteBufAllocator.DEFAULT.buffer().writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
