package io.reactls.server;

import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.reactls.RevocationPolicy;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OcspPki;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

/**
 * A handshake waiting for a slow OCSP responder (one that answers only once the test lets it) does not hold up the
 * client's only event-loop thread: a second handshake on the same thread completes meanwhile. A gate, not a delay: on
 * a loaded machine a handshake can outlast any fixed delay, and a blocked thread would never complete the second one. BlockHound (installed for every test) would fail any
 * blocking call on that thread, and hard-fail turns any error in the check into a failed handshake.
 */
class SlowOcspResponderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void aSecondHandshakeCompletesWhileTheFirstWaitsForTheResponder() throws Exception {
        OcspPki pki = OcspPki.create();
        CountDownLatch asked = new CountDownLatch(1);
        Sinks.Empty<Void> answer = Sinks.empty();
        AtomicReference<byte[]> slowResponse = new AtomicReference<>();
        // Bound first (port 0), so the leaf can name the port it really has: no free port to lose to another process.
        DisposableServer responder = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .route(r -> r.post("/", (req, res) -> req.receive().aggregate().then(Mono.fromRunnable(asked::countDown))
                        .then(answer.asMono())
                        .then(res.header("content-type", "application/ocsp-response")
                                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(slowResponse.get()))).then())))
                .bindNow(TIMEOUT);
        int ocspPort = responder.port();
        OcspPki.Leaf slowLeaf = pki.leaf("slow", ocspPort);
        OcspPki.Leaf stapledLeaf = pki.leaf("stapled", b -> { });
        // Made here: signing draws on SecureRandom, which the responder's event loop must not do.
        slowResponse.set(pki.ocspResponse(slowLeaf.leaf(), Instant.now().minusSeconds(10), Instant.now().plusSeconds(3600), null, 0));
        byte[] staple = pki.ocspResponse(stapledLeaf.leaf(), Instant.now().minusSeconds(10), Instant.now().plusSeconds(3600), null, 0);
        OcspStapler stapler = OcspStapler.from(km -> Mono.just(staple)).build();
        DisposableServer slow = TlsServer.create(tcpServer(), TlsServerOptions.of(TlsServerConfig.of(slowLeaf.keyMaterial())))
                .bind(c -> c.outbound().send(c.inbound().receive().retain())).block(TIMEOUT);
        DisposableServer stapled = TlsServer.create(tcpServer(), TlsServerOptions.of(
                        TlsServerConfig.builder(stapledLeaf.keyMaterial()).ocspStapling(stapler).build()))
                .bind(c -> c.outbound().send(c.inbound().receive().retain())).block(TIMEOUT);
        LoopResources oneThread = LoopResources.create("ocsp-one", 1, true);
        try {
            assertThat(LoopbackPorts.poll(() -> stapler.staple(stapledLeaf.keyMaterial()) != null, TIMEOUT)).isTrue();
            // The first handshake waits as long as the second takes: no default timeout may end that wait first.
            TlsClientOptions options = TlsClientOptions.builder(TlsClientConfig.builder().trust(pki.trustAnchors())
                            .revocation(RevocationPolicy.HARD_FAIL).revocationTimeout(TIMEOUT).build())
                    .serverName(TestPki.HOST).handshakeTimeout(TIMEOUT).build();

            CompletableFuture<SecureConnection> first = client(oneThread, slow.port(), options).connect().toFuture();
            assertThat(asked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue(); // the first now waits on the responder
            SecureConnection second = client(oneThread, stapled.port(), options).connect().block(TIMEOUT);
            long secondDone = System.nanoTime();

            assertThat(first).as("the first handshake still waits for the responder").isNotDone();
            assertThat(second.handshakeEvents()).anySatisfy(e -> assertThat(e.detail()).contains("revocation: OCSP staple: good"));
            answer.tryEmitEmpty(); // the responder answers now
            SecureConnection firstConnection = first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long firstDone = System.nanoTime();
            assertThat(firstConnection.handshakeEvents()).anySatisfy(e -> assertThat(e.detail())
                    .contains("revocation: OCSP responder " + OcspPki.url(ocspPort, "") + ": good"));
            assertThat(secondDone).isLessThan(firstDone);
            assertThat(second.connection().channel().eventLoop()).as("one event-loop thread served both")
                    .isSameAs(firstConnection.connection().channel().eventLoop());
            firstConnection.close().block(TIMEOUT);
            second.close().block(TIMEOUT);
        } finally {
            oneThread.disposeLater().block(TIMEOUT);
            stapler.dispose();
            slow.disposeNow(TIMEOUT);
            stapled.disposeNow(TIMEOUT);
            responder.disposeNow(TIMEOUT);
        }
    }

    private static TlsClient client(LoopResources loop, int port, TlsClientOptions options) {
        return TlsClient.create(TcpClient.newConnection().runOn(loop).host(LoopbackPorts.HOST).port(port), options);
    }
}
