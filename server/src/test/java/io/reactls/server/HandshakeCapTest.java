package io.reactls.server;

import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.KeyMaterial;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;

class HandshakeCapTest {

    @Test
    void withACapOfOneASecondHandshakeWaitsForTheFirst() {
        Sinks.One<KeyMaterial> slow = Sinks.one();
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.builder(SERVER)
                        .maxConcurrentHandshakes(1)
                        .certificateResolver(sni -> TestPki.SNI_HOST.equals(sni) ? slow.asMono()
                                : Mono.just(PKI.ecdsaServer().keyMaterial()))
                        .build())
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
        try {
            AtomicReference<SecureConnection> first = new AtomicReference<>();
            AtomicReference<SecureConnection> second = new AtomicReference<>();
            client(server.port(), TestPki.SNI_HOST).connect().subscribe(first::set);
            // Let the first connection take the only permit (its resolver is asked once it holds it).
            assertThat(LoopbackPorts.poll(() -> slow.currentSubscriberCount() > 0, Duration.ofSeconds(10))).isTrue();
            client(server.port(), TestPki.HOST).connect().subscribe(second::set);
            assertThat(LoopbackPorts.poll(() -> second.get() != null, Duration.ofSeconds(1)))
                    .as("the second handshake must wait for the permit").isFalse();
            slow.tryEmitValue(PKI.sniServer().keyMaterial());
            assertThat(LoopbackPorts.poll(() -> first.get() != null && second.get() != null, Duration.ofSeconds(10)))
                    .isTrue();
            first.get().connection().disposeNow();
            second.get().connection().disposeNow();
        } finally {
            server.disposeNow();
        }
    }
}
