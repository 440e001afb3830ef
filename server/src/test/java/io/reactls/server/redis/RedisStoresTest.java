package io.reactls.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.reactls.SessionCache;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsSession;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.SecureConnection;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * The Redis stores against a real redis-server started for each test on 127.0.0.1 and stopped by its PID: what two
 * servers sharing it see, how fast a command fails once Redis is gone, and 0-RTT through reactor-netty
 * ({@link TlsClient#withEarlyData}) with the anti-replay record in Redis.
 */
class RedisStoresTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final TestPki pki = TestPki.get();
    private PeerProcess redis;
    private String uri;

    @BeforeEach
    void startRedis() {
        PeerProcess.requireExecutable("redis-server");
        PeerProcess.Listening listening = PeerProcess.startListening(port -> List.of("redis-server",
                "--port", Integer.toString(port), "--bind", LoopbackPorts.HOST, "--save", "", "--appendonly", "no"),
                Duration.ofSeconds(30));
        redis = listening.process();
        uri = "redis://" + LoopbackPorts.HOST + ":" + listening.port();
    }

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void twoServersShareSessionsTheAntiReplayRecordAndTheTicketSecret() {
        try (RedisStores one = RedisStores.connect(uri, "test:"); RedisStores two = RedisStores.connect(uri, "test:");
             RedisStores otherFleet = RedisStores.connect(uri, "other:")) {
            byte[] id = {1, 2, 3};
            assertThat(two.sessionIdStore().get(id).blockOptional(TIMEOUT)).isEmpty();
            one.sessionIdStore().put(id, "session".getBytes(StandardCharsets.US_ASCII), Duration.ofMinutes(1)).block(TIMEOUT);
            assertThat(two.sessionIdStore().get(id).block(TIMEOUT)).asString(StandardCharsets.US_ASCII).isEqualTo("session");
            assertThat(otherFleet.sessionIdStore().get(id).blockOptional(TIMEOUT)).as("another prefix, another fleet").isEmpty();

            byte[] hello = {9, 9, 9};
            assertThat(one.antiReplayStore().firstUse(hello, Duration.ofSeconds(20)).block(TIMEOUT)).isTrue();
            assertThat(two.antiReplayStore().firstUse(hello, Duration.ofSeconds(20)).block(TIMEOUT)).as("a replay to the other").isFalse();
            assertThat(one.antiReplayStore().firstUse(hello, Duration.ofSeconds(20)).block(TIMEOUT)).isFalse();

            byte[] a = new byte[32];
            byte[] b = new byte[32];
            b[0] = 1;
            byte[] first = one.ticketKeyStore().secret(a).block(TIMEOUT);
            byte[] second = two.ticketKeyStore().secret(b).block(TIMEOUT);
            assertThat(first).isEqualTo(a);
            assertThat(second).as("the first candidate won").isEqualTo(a);
        }
    }

    @Test
    void withRedisGoneCommandsFailFastInsteadOfWaiting() {
        try (RedisStores stores = RedisStores.connect(uri, "test:")) {
            redis.close();
            redis = null;
            long start = System.nanoTime();
            assertThatThrownBy(() -> stores.antiReplayStore().firstUse(new byte[] {1}, Duration.ofSeconds(1)).block(TIMEOUT))
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> stores.sessionIdStore().get(new byte[] {1}).block(TIMEOUT)).isInstanceOf(RuntimeException.class);
            // Failing fast is each command's 300 ms timeout or less; commands queued for a reconnect would wait out
            // the 10 s block above, each. Half of that leaves a loaded machine room without blurring the two.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.dividedBy(2));
        }
    }

    @Test
    void zeroRttThroughReactorNettyWithTheRecordInRedis() {
        try (RedisStores stores = RedisStores.connect(uri, "test:")) {
            TlsServerConfig serverConfig = TlsServerConfig.builder(pki.ecdsaServer().keyMaterial())
                    .maxEarlyData(4096).antiReplayStore(stores.antiReplayStore()).sessionIdStore(stores.sessionIdStore())
                    .build();
            DisposableServer server = TlsServer.create(TcpServer.create().host(LoopbackPorts.HOST).port(0),
                            TlsServerOptions.of(serverConfig))
                    .bind(c -> c.outbound().sendString(c.inbound().receive().asString()
                            .map(s -> s + " [" + c.session().earlyData() + " " + c.session().earlyDataBytes() + "]")))
                    .block(TIMEOUT);
            try {
                TlsClientConfig clientConfig = TlsClientConfig.builder().trust(pki.trustAnchors())
                        .sessionCache(SessionCache.bounded(4)).build();
                TlsClient client = TlsClient.create(TcpClient.create().host(TestPki.HOST).port(server.port()),
                        TlsClientOptions.of(clientConfig));
                assertThat(exchange(client.connect(), "first")).startsWith("first [NONE 0]");

                TlsClient early = client.withEarlyData(() -> Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII));
                String[] clientSaw = new String[1];
                String answer = exchange(early.connect().doOnNext(c -> clientSaw[0] = c.session().earlyData().name()), null);
                assertThat(clientSaw[0]).isEqualTo(TlsSession.EarlyData.ACCEPTED.name());
                assertThat(answer).isEqualTo("early [ACCEPTED 5]");
            } finally {
                server.disposeNow();
            }
        }
    }

    /** Sends {@code line} (null: nothing more) and returns the first answer. */
    private static String exchange(Mono<SecureConnection> connect, String line) {
        return connect.flatMap(c -> (line == null ? Mono.<Void>empty() : c.outbound().sendString(Mono.just(line)).then())
                        .then(c.inbound().receive().asString().next())
                        .flatMap(answer -> c.close().thenReturn(answer)))
                .block(TIMEOUT);
    }
}
