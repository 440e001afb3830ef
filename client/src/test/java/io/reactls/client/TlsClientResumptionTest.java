package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

/**
 * The client keys the session cache by server name and port, and resumes a TLS 1.2 session with openssl s_server's
 * ticket (RFC 5077) on the second connection.
 */
class TlsClientResumptionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    private TlsConfig config(SessionCache cache) {
        return TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .trustAnchors(pki.trustAnchors()).sessionCache(cache).build();
    }

    private OpenSslServer server() {
        return OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).tls12().verbose().naccept(2).start();
    }

    /** Our bytes reach s_server's stdout, its bytes reach us (so the handshake is over on both sides). */
    private static void exchange(OpenSslServer server, int n, Function<byte[], Mono<Void>> send, Mono<ByteBuf> receive) {
        String up = "up " + n + "\n";
        String down = "down " + n + "\n";
        send.apply(up.getBytes(StandardCharsets.US_ASCII)).block(TIMEOUT);
        server.process().stdout().awaitText(up, TIMEOUT);
        server.process().writeAsync(down.getBytes(StandardCharsets.US_ASCII)).join();
        ByteBuf got = receive.block(TIMEOUT);
        try {
            assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo(down);
        } finally {
            got.release();
        }
    }

    @Test
    void tlsClientResumesWithATicketKeptUnderNameAndPort() {
        SessionCache cache = SessionCache.bounded(4);
        TlsClientOptions options = TlsClientOptions.builder(config(cache)).serverName(TestPki.HOST).build();
        try (OpenSslServer server = server()) {
            TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(server.port()), options);
            TlsSession[] sessions = new TlsSession[2];
            for (int n = 0; n < 2; n++) {
                SecureConnection c = client.connect().block(TIMEOUT);
                sessions[n] = c.session();
                exchange(server, n, b -> c.outbound().send(Mono.just(ByteBufAllocator.DEFAULT.buffer().writeBytes(b))).then(),
                        c.inbound().receive().retain().next());
                c.close().block(TIMEOUT);
                if (n == 0) {
                    assertThat(cache.size(SessionCache.key(TestPki.HOST, server.port()))).as("kept under host and port").isEqualTo(1);
                }
            }
            assertThat(sessions[0].version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(sessions[0].resumed()).isFalse();
            assertThat(sessions[1].resumed()).isTrue();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
            assertThat(server.process().stdout().text()).containsOnlyOnce("Reused session-id");
        }
    }
}
