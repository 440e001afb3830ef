package io.reactls.server;

import static io.reactls.server.ServerFixtures.CLIENT;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;

/**
 * Many concurrent connections on loopback, each a full handshake and a 64 KiB echo; every buffer must come back
 * (LeakGuard) and every handshake succeed. {@code -Dreactls.load.connections=N} changes the count (default 1000).
 */
class LoadTest {

    static final int CONNECTIONS = Integer.getInteger("reactls.load.connections", 1000);
    static final int PAYLOAD = 64 * 1024;

    @Test
    void concurrentConnectionsHandshakeAndEcho64KiB() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // Generous timeouts: on two cores a thousand simultaneous handshakes queue behind each other.
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.builder(SERVER)
                        .handshakeTimeout(Duration.ofSeconds(120))
                        .maxConcurrentHandshakes(64)
                        .observer(new MicrometerHandshakeMetrics(registry)).build())
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
        try {
            TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(server.port()),
                    TlsClientOptions.builder(CLIENT).serverName(TestPki.HOST)
                            .handshakeTimeout(Duration.ofSeconds(120)).build());
            byte[] payload = randomBytes(PAYLOAD);
            AtomicInteger open = new AtomicInteger();
            AtomicInteger maxOpen = new AtomicInteger();
            long start = System.nanoTime();
            // Every connection stays open until all have completed their handshake: N really are open at once.
            Sinks.Empty<Void> allConnected = Sinks.empty();
            Long ok = Flux.range(0, CONNECTIONS)
                    .flatMap(i -> client.connect()
                            .doOnNext(c -> {
                                int n = open.incrementAndGet();
                                maxOpen.accumulateAndGet(n, Math::max);
                                if (n == CONNECTIONS) {
                                    allConnected.tryEmitEmpty();
                                }
                            })
                            .flatMap(c -> allConnected.asMono().then(echo(c, payload)).doFinally(s -> open.decrementAndGet())),
                            CONNECTIONS)
                    .filter(back -> Arrays.equals(back, payload))
                    .count()
                    .block(Duration.ofSeconds(300));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Timer handshakes = registry.get(MicrometerHandshakeMetrics.HANDSHAKE_TIME)
                    .tag("side", "server").tag("status", "SUCCESS").timer();
            System.out.printf("LoadTest: %d connections, %d KiB echoed each, in %d ms; at most %d open at once; "
                            + "server handshakes %d, mean %.1f ms, max %.1f ms%n",
                    CONNECTIONS, PAYLOAD / 1024, took.toMillis(), maxOpen.get(), handshakes.count(),
                    handshakes.mean(TimeUnit.MILLISECONDS), handshakes.max(TimeUnit.MILLISECONDS));
            assertThat(ok).isEqualTo(CONNECTIONS);
            assertThat(maxOpen.get()).isEqualTo(CONNECTIONS);
            assertThat(handshakes.count()).isEqualTo(CONNECTIONS);
            assertThat(registry.find(MicrometerHandshakeMetrics.HANDSHAKE_FAILURES).counters()).isEmpty();
        } finally {
            server.disposeNow();
        }
    }
}
