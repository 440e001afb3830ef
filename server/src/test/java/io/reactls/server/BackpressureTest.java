package io.reactls.server;

import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;

class BackpressureTest {

    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 1024; // 64 MiB in all
    /** Loopback socket buffers hold a few MiB; beyond this the server would be buffering for a reader that waits. */
    static final long BOUND = 16L * 1024 * 1024;

    @Test
    void aSlowReaderStopsTheServerFromProducing() {
        AtomicLong produced = new AtomicLong();
        byte[] chunk = ServerFixtures.randomBytes(CHUNK);
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.of(SERVER))
                .bind(c -> c.outbound().send(Flux.range(0, CHUNKS)
                        .map(i -> Unpooled.wrappedBuffer(chunk))
                        .doOnNext(b -> produced.addAndGet(b.readableBytes())), b -> true))
                .block(Duration.ofSeconds(10));
        try {
            SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(LoopbackPorts.poll(() -> produced.get() > 0, Duration.ofSeconds(10))).isTrue();
            // The client reads nothing for two seconds: the server must stall well short of the 64 MiB.
            assertThat(LoopbackPorts.poll(() -> produced.get() > BOUND, Duration.ofSeconds(2)))
                    .as("server produced %d bytes for a reader that read none", produced.get()).isFalse();
            System.out.printf("BackpressureTest: server stalled after producing %d KiB of %d KiB for a reader that read none%n",
                    produced.get() / 1024, (long) CHUNK * CHUNKS / 1024);
            // Once the client reads, everything arrives.
            long received = c.inbound().receive().map(b -> (long) b.readableBytes())
                    .reduce(0L, Long::sum)
                    .block(Duration.ofSeconds(60));
            assertThat(received).isEqualTo((long) CHUNK * CHUNKS);
            assertThat(produced.get()).isEqualTo((long) CHUNK * CHUNKS);
        } finally {
            server.disposeNow();
        }
    }
}
