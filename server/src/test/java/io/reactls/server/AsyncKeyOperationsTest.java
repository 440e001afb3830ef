package io.reactls.server;

import static io.reactls.server.ServerFixtures.CLIENT;
import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.PrivateKeySigner;
import io.reactls.client.TlsClientOptions;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.SecureConnection;
import io.reactls.netty.TlsHandshakeTimeoutException;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.RemoteKey;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;

/**
 * Keys in a "KMS": the server signs through a {@link PrivateKeySigner} whose answer comes later on another thread,
 * while its single event loop keeps serving other connections (BlockHound watches that loop).
 */
class AsyncKeyOperationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The sni.test key answers only once the test lets it (after a second handshake completed on the same single
     * event loop), on the parallel scheduler; the localhost key answers at once. A gate, not a delay: on a loaded
     * machine a handshake can outlast any fixed wait, and an event loop blocked on the signer would never complete the
     * second handshake at all.
     */
    @Test
    void aSignerThatAnswersLaterDoesNotHoldUpOtherHandshakes() throws Exception {
        RemoteKey slowKey = new RemoteKey(PKI.sniServer().keyMaterial());
        RemoteKey fastKey = new RemoteKey(PKI.ecdsaServer().keyMaterial());
        AtomicReference<CountDownLatch> asked = new AtomicReference<>(new CountDownLatch(1));
        AtomicReference<Sinks.Empty<Void>> answer = new AtomicReference<>(Sinks.empty());
        AtomicLong slowSignedAt = new AtomicLong();
        AtomicReference<String> slowSignerThread = new AtomicReference<>();
        PrivateKeySigner kms = request -> {
            if (request.key().leaf().equals(slowKey.keyMaterial().leaf())) {
                asked.get().countDown();
                return answer.get().asMono().publishOn(Schedulers.parallel()).then(Mono.fromCallable(() -> {
                    byte[] signature = slowKey.sign(request);
                    slowSignerThread.set(Thread.currentThread().getName());
                    slowSignedAt.set(System.nanoTime());
                    return signature;
                }));
            }
            return Mono.fromCallable(() -> fastKey.sign(request));
        };
        AtomicReference<String> slowFinishedOn = new AtomicReference<>();
        TlsServerOptions options = TlsServerOptions.builder(TlsConfig.server(fastKey.keyMaterial()).build()).privateKeySigner(kms)
                .certificateResolver(sni -> Mono.just(TestPki.SNI_HOST.equals(sni) ? slowKey.keyMaterial() : fastKey.keyMaterial()))
                .onHandshakeEvent(e -> {
                    if (e.step() == HandshakeStep.SERVER_FINISHED && e.detail().contains("CN=" + TestPki.SNI_HOST)) {
                        slowFinishedOn.set(Thread.currentThread().getName());
                    }
                })
                .build();
        LoopResources oneLoop = LoopResources.create("kms-test", 1, true);
        DisposableServer server = TlsServer.create(tcpServer().runOn(oneLoop), options)
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(TIMEOUT);
        try {
            // Warm-up, both paths, so the measured handshakes below do not pay for class loading and compilation.
            answer.get().tryEmitEmpty();
            client(server.port(), TestPki.SNI_HOST).connect().block(TIMEOUT).connection().disposeNow();
            for (int i = 0; i < 3; i++) {
                client(server.port(), TestPki.HOST).connect().block(TIMEOUT).connection().disposeNow();
            }
            slowSignedAt.set(0);
            asked.set(new CountDownLatch(1));
            answer.set(Sinks.empty());

            Mono<SecureConnection> slow = client(server.port(), TestPki.SNI_HOST).connect().cache();
            slow.subscribe(c -> { }, e -> { });
            assertThat(asked.get().await(10, TimeUnit.SECONDS)).as("the server asked the KMS for the sni.test signature").isTrue();
            long askedAt = System.nanoTime();

            // While that signature is outstanding, the same (single) event loop completes another handshake.
            SecureConnection fast = client(server.port(), TestPki.HOST).connect().block(TIMEOUT);
            long fastDoneAt = System.nanoTime();
            assertThat(fast.session().peerCertificates().get(0)).isEqualTo(fastKey.keyMaterial().leaf());
            long fastMillis = TimeUnit.NANOSECONDS.toMillis(fastDoneAt - askedAt);
            System.out.println("second handshake completed " + fastMillis + " ms into the signature wait");
            assertThat(slowSignedAt.get()).as("the slow signature is still outstanding").isZero();
            byte[] data = randomBytes(5000);
            assertThat(echo(fast, data).block(TIMEOUT)).isEqualTo(data);

            answer.get().tryEmitEmpty(); // the KMS answers now
            SecureConnection late = slow.block(TIMEOUT);
            assertThat(slowSignedAt.get()).isGreaterThan(fastDoneAt);
            assertThat(late.session().peerCertificates().get(0)).isEqualTo(slowKey.keyMaterial().leaf());
            assertThat(slowSignerThread.get()).startsWith("parallel-");
            assertThat(slowFinishedOn.get()).as("resumed on the channel's event loop").startsWith("kms-test");
            assertThat(echo(late, data).block(TIMEOUT)).isEqualTo(data);
        } finally {
            server.disposeNow(TIMEOUT);
            oneLoop.disposeLater().block(TIMEOUT);
        }
    }

    @Test
    void theHandshakeTimeoutCoversTheWaitAndCancelsTheSigner() throws Exception {
        RemoteKey key = new RemoteKey(PKI.ecdsaServer().keyMaterial());
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicReference<Throwable> serverFailure = new AtomicReference<>();
        TlsServerOptions options = TlsServerOptions.builder(TlsConfig.server(key.keyMaterial()).build())
                .privateKeySigner(request -> Mono.<byte[]>never().doOnCancel(cancelled::countDown))
                .handshakeTimeout(Duration.ofMillis(300))
                .observer(new io.reactls.netty.HandshakeObserver() {
                    @Override
                    public void succeeded(boolean client, Duration elapsed, io.reactls.TlsSession session) {
                    }

                    @Override
                    public void failed(boolean client, Duration elapsed, Throwable cause) {
                        serverFailure.set(cause);
                    }
                })
                .build();
        DisposableServer server = TlsServer.create(tcpServer(), options)
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(TIMEOUT);
        try {
            assertThatThrownBy(() -> client(server.port(), TestPki.HOST).connect().block(TIMEOUT)).isNotNull();
            assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the pending signer was cancelled").isTrue();
            // The signer is cancelled before the observer hears of the failure, on the event loop: wait for it.
            assertThat(LoopbackPorts.poll(() -> serverFailure.get() != null, TIMEOUT)).as("the observer heard").isTrue();
            assertThat(serverFailure.get()).isInstanceOf(TlsHandshakeTimeoutException.class);
        } finally {
            server.disposeNow(TIMEOUT);
        }
    }

    @Test
    void aFailingSignerIsAnInternalErrorForTheClient() {
        RemoteKey key = new RemoteKey(PKI.ecdsaServer().keyMaterial());
        TlsServerOptions options = TlsServerOptions.builder(TlsConfig.server(key.keyMaterial()).build())
                .privateKeySigner(request -> Mono.delay(Duration.ofMillis(20))
                        .then(Mono.error(new IllegalStateException("KMS: access denied")))).build();
        DisposableServer server = TlsServer.create(tcpServer(), options)
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(TIMEOUT);
        try {
            assertThatThrownBy(() -> client(server.port(), TestPki.HOST).connect().block(TIMEOUT))
                    .hasStackTraceContaining("internal_error");
        } finally {
            server.disposeNow(TIMEOUT);
        }
    }

    /** The client side: mTLS with a client key in the "KMS", and a certificate policy that answers later. */
    @Test
    void clientSignsAndChecksAsynchronously() {
        RemoteKey clientKey = new RemoteKey(PKI.client().keyMaterial());
        AtomicBoolean checked = new AtomicBoolean();
        TlsServerOptions serverOptions = TlsServerOptions.builder(TlsConfig.server(PKI.ecdsaServer().keyMaterial())
                        .clientAuth(io.reactls.ClientAuthMode.REQUIRE).trustAnchors(PKI.trustAnchors()).build())
                .certificateVerifier(check -> Mono.delay(Duration.ofMillis(50)).then())
                .build();
        DisposableServer server = TlsServer.create(tcpServer(), serverOptions)
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(TIMEOUT);
        try {
            // The key's private part is elsewhere: the public config wants its signer with it.
            io.reactls.TlsClientConfig clientConfig = io.reactls.TlsClientConfig.builder().trust(PKI.trustAnchors())
                    .keyMaterial(clientKey.keyMaterial()).privateKeySigner(clientKey.signer(Duration.ofMillis(50))).build();
            TlsClientOptions options = TlsClientOptions.builder(clientConfig).serverName(TestPki.HOST)
                    .certificateVerifier(check -> Mono.delay(Duration.ofMillis(50)).doOnNext(x -> checked.set(true)).then())
                    .build();
            SecureConnection c = client(server.port(), options).connect().block(TIMEOUT);
            assertThat(checked).isTrue();
            byte[] data = randomBytes(100);
            assertThat(echo(c, data).block(TIMEOUT)).isEqualTo(data);
        } finally {
            server.disposeNow(TIMEOUT);
        }
    }

    @Test
    void aRejectingCertificatePolicyFailsTheClient() {
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.of(ServerFixtures.SERVER))
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(TIMEOUT);
        try {
            TlsClientOptions options = TlsClientOptions.builder(CLIENT).serverName(TestPki.HOST)
                    .certificateVerifier(check -> Mono.delay(Duration.ofMillis(20)).then(Mono.error(
                            new io.reactls.CertificateVerificationException(
                                    io.reactls.CertificateVerificationException.Reason.OTHER, "revoked"))))
                    .build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(server.port(), options).connect().block(TIMEOUT))
                    .hasStackTraceContaining("revoked");
            System.out.println("rejected in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        } finally {
            server.disposeNow(TIMEOUT);
        }
    }

}
