package io.reactls.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeHooks;
import io.reactls.HandshakeStep;
import io.reactls.TlsAlertException;
import io.reactls.TlsClientConfig;
import io.reactls.TlsClosedException;
import io.reactls.TlsServerConfig;
import io.reactls.TlsSession;
import io.reactls.handshake.TlsConfig;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** One connection's Reactor face, two of them wired back to back in memory. */
public class TlsConnectionTest {

    static final GeneratedPki PKI = CertificateGenerator.ec().ca("reactive test CA").leaf("localhost");

    /**
     * Wires two connections back to back like a transport would: each side's outbound() is written into a pipe
     * that the other side reads, across a parallel scheduler like a real event-loop hop.
     */
    static TlsConnection[] wire(TlsConfig clientConfig, TlsConfig serverConfig) {
        return wire(clientConfig, HandshakeHooks.none(), serverConfig, HandshakeHooks.none());
    }

    /**
     * {@link #wire}, through the public factories: each connection takes its configuration's hooks.
     *
     * @param client the client's public configuration (it connects to "localhost", port unknown)
     * @param server the server's public configuration
     * @return the client and the server connection, started
     */
    public static TlsConnection[] wire(TlsClientConfig client, TlsServerConfig server) {
        return wire(in -> TlsConnection.client(client, "localhost", -1, in), in -> TlsConnection.server(server, in), c -> { });
    }

    static TlsConnection[] wire(TlsConfig clientConfig, HandshakeHooks clientHooks, TlsConfig serverConfig, HandshakeHooks serverHooks) {
        return wire(clientConfig, clientHooks, serverConfig, serverHooks, c -> { });
    }

    /** {@link #wire}, with {@code beforeStart} given both connections before the handshake starts. */
    static TlsConnection[] wire(TlsConfig clientConfig, HandshakeHooks clientHooks, TlsConfig serverConfig, HandshakeHooks serverHooks,
                                Consumer<TlsConnection[]> beforeStart) {
        return wire(in -> TlsConnection.client(clientConfig, "localhost", -1, in).withHooks(clientHooks),
                in -> TlsConnection.server(serverConfig, in).withHooks(serverHooks), beforeStart);
    }

    /** Makes both connections on the two pipes' read ends, gives them to {@code beforeStart}, then starts them. */
    private static TlsConnection[] wire(Function<Flux<ByteBuf>, TlsConnection> newClient,
                                        Function<Flux<ByteBuf>, TlsConnection> newServer,
                                        Consumer<TlsConnection[]> beforeStart) {
        Sinks.Many<ByteBuf> toServer = Sinks.many().unicast().onBackpressureBuffer();
        Sinks.Many<ByteBuf> toClient = Sinks.many().unicast().onBackpressureBuffer();
        TlsConnection client = newClient.apply(toClient.asFlux().publishOn(Schedulers.parallel(), 1));
        TlsConnection server = newServer.apply(toServer.asFlux().publishOn(Schedulers.parallel(), 1));
        beforeStart.accept(new TlsConnection[] {client, server});
        // A record the other side can no longer take (it was disposed) is released here, not dropped: the leak
        // detector otherwise blames whichever test runs next.
        server.outbound().subscribe(b -> deliver(toClient, b), toClient::tryEmitError, toClient::tryEmitComplete);
        client.outbound().subscribe(b -> deliver(toServer, b), toServer::tryEmitError, toServer::tryEmitComplete);
        return new TlsConnection[] {client, server};
    }

    private static void deliver(Sinks.Many<ByteBuf> to, ByteBuf b) {
        if (to.tryEmitNext(b).isFailure()) {
            b.release();
        }
    }

    static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    static Mono<ByteBuf> bytes(String s) {
        return Mono.fromSupplier(() -> ByteBufAllocator.DEFAULT.heapBuffer().writeBytes(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void handshakeEchoAndCleanClose() {
        List<HandshakeStep> steps = new CopyOnWriteArrayList<>();
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(), HandshakeHooks.none(),
                TlsConfig.server(PKI.leaf()).build(), HandshakeHooks.none(),
                started -> started[0].events().subscribe(e -> steps.add(e.step())));
        TlsConnection client = c[0];
        TlsConnection server = c[1];
        // The server echoes what it receives; its receive() completes on the client's close_notify.
        server.send(server.receive()).subscribe();
        Mono<TlsSession> handshake = client.handshake();
        Flux<String> replies = client.receive().map(TlsConnectionTest::text);

        StepVerifier.create(handshake).assertNext(s -> assertThat(s.serverName()).isEqualTo("localhost"))
                .verifyComplete();
        StepVerifier.create(client.send(bytes("ping")).then(Mono.defer(() -> replies.next())))
                .expectNext("ping").verifyComplete();
        assertThat(steps).startsWith(HandshakeStep.CLIENT_HELLO).endsWith(HandshakeStep.APPLICATION_DATA);
        StepVerifier.create(client.close()).verifyComplete();
    }

    /**
     * Events are delivered, not stored: whoever subscribes before the handshake completes (in its callback too) gets
     * them all from the start; once it has completed the connection holds none (issue 12's memory rule).
     */
    @Test
    void anEstablishedConnectionKeepsNoEventHistory() throws Exception {
        List<HandshakeStep> early = new CopyOnWriteArrayList<>();
        List<HandshakeStep> inCallback = new CopyOnWriteArrayList<>();
        AtomicReference<WeakReference<HandshakeEvent>> first = new AtomicReference<>();
        CountDownLatch delivered = new CountDownLatch(2);
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(), HandshakeHooks.none(),
                TlsConfig.server(PKI.leaf()).build(), HandshakeHooks.none(), started -> {
                    started[0].events().doOnNext(e -> first.compareAndSet(null, new WeakReference<>(e)))
                            .subscribe(e -> early.add(e.step()), e -> { }, delivered::countDown);
                    // Subscribed when the handshake's outcome arrives: still in time for the whole history.
                    started[0].handshake().flatMapMany(s -> started[0].events())
                            .subscribe(e -> inCallback.add(e.step()), e -> { }, delivered::countDown);
                });
        TlsConnection client = c[0];
        c[1].send(c[1].receive()).subscribe();
        assertThat(client.handshake().block(Duration.ofSeconds(10))).isNotNull();
        assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(early).startsWith(HandshakeStep.CLIENT_HELLO).endsWith(HandshakeStep.APPLICATION_DATA);
        assertThat(inCallback).isEqualTo(early);

        StepVerifier.create(client.events()).as("a subscriber after the handshake: no history").verifyComplete();
        // Nothing in the connection still holds the events: the first one is collected.
        for (int i = 0; i < 50 && first.get().get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(first.get().get()).as("the first handshake event, still reachable from the connection").isNull();

        Flux<String> replies = client.receive().map(TlsConnectionTest::text);
        StepVerifier.create(client.send(bytes("ping")).then(Mono.defer(() -> replies.next()))).expectNext("ping").verifyComplete();
        StepVerifier.create(client.close()).verifyComplete();
    }

    /** The server's key answers 30 ms later on another thread; the client's certificate policy too. */
    @Test
    void asynchronousSignerAndCertificatePolicy() {
        io.reactls.testing.RemoteKey kms = new io.reactls.testing.RemoteKey(PKI.leaf());
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(), HandshakeHooks.none()
                        .withCertificateVerifier(check -> Mono.delay(Duration.ofMillis(30)).doOnNext(x -> checks.incrementAndGet()).then()),
                TlsConfig.server(kms.keyMaterial()).build(), HandshakeHooks.none().withPrivateKeySigner(kms.signer(Duration.ofMillis(30))));
        c[1].send(c[1].receive()).subscribe();
        Flux<String> replies = c[0].receive().map(TlsConnectionTest::text);
        StepVerifier.create(c[0].handshake()).expectNextCount(1).verifyComplete();
        StepVerifier.create(c[1].handshake()).expectNextCount(1).verifyComplete();
        assertThat(checks).hasValue(1);
        StepVerifier.create(c[0].send(bytes("ping")).then(Mono.defer(() -> replies.next()))).expectNext("ping").verifyComplete();
        StepVerifier.create(c[0].close()).verifyComplete();
    }

    /** A key whose private part is elsewhere needs a signer: refused when the connection is made, not mid-handshake. */
    @Test
    void remoteKeyWithoutSignerIsRefused() {
        io.reactls.testing.RemoteKey kms = new io.reactls.testing.RemoteKey(PKI.leaf());
        TlsConnection server = TlsConnection.server(TlsConfig.server(kms.keyMaterial()).build(), Flux.never());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.withHooks(HandshakeHooks.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("privateKeySigner");
        server.withHooks(HandshakeHooks.none().withPrivateKeySigner(kms.signer(Duration.ZERO)));
    }

    /** Disposed while the signer is out: the signer's Mono is cancelled and every buffer released (LeakGuard). */
    @Test
    void disposingWhileTheSignerIsOutCancelsIt() throws Exception {
        io.reactls.testing.RemoteKey kms = new io.reactls.testing.RemoteKey(PKI.leaf());
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        // No middlebox-compatibility ChangeCipherSpec: after ClientHello the client sends nothing the suspended server
        // would have to take, so no record is left in the test's pipe when it is torn down.
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).middleboxCompatibility(false).build(),
                HandshakeHooks.none(), TlsConfig.server(kms.keyMaterial()).build(), HandshakeHooks.none()
                        .withPrivateKeySigner(request -> Mono.<byte[]>never()
                        .doOnSubscribe(s -> asked.countDown()).doOnCancel(cancelled::countDown)));
        c[0].receive().subscribe(b -> b.release(), e -> { });
        assertThat(asked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // The ServerHello record left before the signer was asked; let the client read it, so it is not in the
        // test's pipe either (see closingFirstThenLosingTheTransportIsNotTruncation).
        assertThat(c[0].events().filter(e -> e.step() == HandshakeStep.SERVER_HELLO)
                .blockFirst(Duration.ofSeconds(10))).isNotNull();
        c[1].dispose();
        assertThat(cancelled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        StepVerifier.create(c[1].handshake()).expectError(TlsClosedException.class).verify(Duration.ofSeconds(10));
        c[0].dispose();
    }

    @Test
    void exportsKeyingMaterialOnceTheHandshakeIsDone() {
        TlsConnection notStarted = TlsConnection.client(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(), "localhost", -1, Flux.never());
        assertThatThrownBy(() -> notStarted.exportKeyingMaterial("EXPERIMENTAL-test", null, 32)).isInstanceOf(IllegalStateException.class);
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(), TlsConfig.server(PKI.leaf()).build());
        c[1].send(c[1].receive()).subscribe();
        Flux<String> replies = c[0].receive().map(TlsConnectionTest::text); // reads the server's session tickets too
        StepVerifier.create(c[0].handshake()).expectNextCount(1).verifyComplete();
        StepVerifier.create(c[1].handshake()).expectNextCount(1).verifyComplete();
        byte[] exported = c[0].exportKeyingMaterial("EXPERIMENTAL-test", new byte[] {1, 2}, 32);
        assertThat(exported).hasSize(32).isEqualTo(c[1].exportKeyingMaterial("EXPERIMENTAL-test", new byte[] {1, 2}, 32));
        StepVerifier.create(c[0].send(bytes("ping")).then(Mono.defer(() -> replies.next()))).expectNext("ping").verifyComplete();
        StepVerifier.create(c[0].close()).verifyComplete();
    }

    @Test
    void untrustedServerFailsBothSidesWithAlert() {
        GeneratedPki other = CertificateGenerator.ec().ca("someone else").leaf("localhost");
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(other.trustAnchors()).build(),
                TlsConfig.server(PKI.leaf()).build());
        server(c).receive().subscribe(b -> b.release(), e -> { });
        StepVerifier.create(c[0].handshake())
                .expectErrorSatisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNKNOWN_CA))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(c[1].handshake())
                .expectErrorSatisfies(e -> {
                    assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
                    assertThat(((TlsAlertException) e).origin()).isEqualTo(TlsAlertException.Origin.PEER);
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void peerVanishingWithoutCloseNotifyIsReportedAsTruncation() {
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(),
                TlsConfig.server(PKI.leaf()).build());
        Flux<ByteBuf> received = c[0].receive();
        StepVerifier.create(c[0].handshake()).expectNextCount(1).verifyComplete();
        c[1].handshake().block(Duration.ofSeconds(10));
        // The server's transport goes away: its outbound completes with no close_notify written.
        c[1].dispose();
        StepVerifier.create(received)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TlsClosedException.class)
                        .hasMessageContaining("without close_notify"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void closingFirstThenLosingTheTransportIsNotTruncation() {
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(),
                TlsConfig.server(PKI.leaf()).build());
        Flux<ByteBuf> received = c[0].receive();
        StepVerifier.create(c[0].handshake()).expectNextCount(1).verifyComplete();
        // The server must have taken the client's Finished before it goes away, or that record is still in the
        // test's pipe when the pipe is torn down.
        c[1].handshake().block(Duration.ofSeconds(10));
        StepVerifier.create(c[0].close()).verifyComplete();
        // The server reads our close_notify (TLS 1.3 half-close: it owes no answer), then drops the socket instead of
        // answering, as openssl s_server does. Waiting first keeps records out of the test pipe when it is torn down
        // (a Reactor unicast sink can drop, unreleased, an element racing with its subscriber's cancel).
        StepVerifier.create(c[1].receive()).verifyComplete();
        c[1].dispose();
        StepVerifier.create(received).verifyComplete();
    }

    /**
     * A transport whose inbound subscription arrives later, on another thread (reactor-netty hands a subscriber to its
     * event loop): a reader's demand in between is not lost, the first ciphertext is still asked for once it arrives.
     */
    @Test
    void readerDemandBeforeTheTransportSubscriptionArrivesIsKept() throws Exception {
        AtomicReference<Runnable> subscribeInbound = new AtomicReference<>();
        TlsConnection[] c = wire(in -> TlsConnection.client(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(),
                        "localhost", -1, Flux.from(s -> subscribeInbound.set(() -> in.subscribe(s)))),
                in -> TlsConnection.server(TlsConfig.server(PKI.leaf()).build(), in), started -> { });
        java.util.concurrent.CompletableFuture<Void> echoed = c[1].send(c[1].receive()).toFuture();
        // The client has started (its ClientHello is out) and a reader waits, before the transport's onSubscribe.
        java.util.concurrent.CompletableFuture<String> reply = c[0].receive().map(TlsConnectionTest::text).next().toFuture();
        assertThat(subscribeInbound.get()).as("the client subscribed to its transport").isNotNull();
        subscribeInbound.get().run();

        StepVerifier.create(c[0].handshake()).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
        StepVerifier.create(c[0].send(bytes("ping"))).expectComplete().verify(Duration.ofSeconds(10));
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("ping");
        StepVerifier.create(c[0].close()).expectComplete().verify(Duration.ofSeconds(10));
        echoed.get(10, TimeUnit.SECONDS); // the server has read our close_notify: nothing is left in the test's pipes
    }

    @Test
    void largeTransfersRespectBackpressure() {
        TlsConnection[] c = wire(TlsConfig.client().trustAnchors(PKI.trustAnchors()).build(),
                TlsConfig.server(PKI.leaf()).build());
        c[1].send(c[1].receive()).subscribe();
        int chunks = 64;
        Flux<ByteBuf> data = Flux.range(0, chunks).map(i -> ByteBufAllocator.DEFAULT.heapBuffer(16385).writeZero(16385));
        Mono<Long> echoed = c[0].receive().limitRate(2)
                .map(b -> { int n = b.readableBytes(); b.release(); return (long) n; })
                .scan(0L, Long::sum).takeUntil(total -> total >= 16385L * chunks).last();
        StepVerifier.create(c[0].send(data).then(echoed)).expectNext(16385L * chunks).verifyComplete();
        StepVerifier.create(c[0].close()).verifyComplete();
    }

    private static TlsConnection server(TlsConnection[] c) {
        return c[1];
    }
}
