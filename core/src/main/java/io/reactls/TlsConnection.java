package io.reactls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.driver.EngineDriver;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The Reactor face of one TLS connection over any byte transport. Give it the transport's inbound ciphertext;
 * subscribe the transport's writer to {@link #outbound()} once; then use {@link #handshake()}, {@link #receive()},
 * {@link #send} and {@link #close()}.
 *
 * <p>Ownership: every inbound ciphertext buffer is released by this connection (with reactor-netty, pass
 * {@code inbound.receive().retain()}); buffers emitted by {@link #outbound()} and {@link #receive()} belong to
 * the subscriber.
 *
 * <p>Backpressure: inbound ciphertext is requested one chunk at a time, during the handshake always and afterwards
 * only while {@link #receive()} has demand — a slow reader stops reading the socket. {@link #send} requests
 * plaintext only while {@link #outbound()} has demand. Nothing blocks: the engine is driven under a short
 * monitor by whichever thread delivers a signal.
 */
public final class TlsConnection {

    /** The monitor every signal drives the engine under, whichever thread delivers it. */
    private final Object lock = new Object();
    private final EngineDriver driver;
    private final Flux<ByteBuf> inboundCiphertext;
    private final Sinks.One<TlsSession> handshakeResult = Sinks.one();
    /**
     * The handshake's events, replayed to every subscriber until the handshake has completed and been announced; then
     * null, so that an established connection keeps no history (a failed one keeps it).
     */
    private volatile Sinks.Many<HandshakeEvent> events = Sinks.many().replay().all();
    private final Flux<ByteBuf> outbound;
    private final Flux<ByteBuf> plaintext;

    private FluxSink<ByteBuf> outboundSink;
    private FluxSink<ByteBuf> plaintextSink;
    private InboundSubscriber inbound;
    private SendSubscriber sending;
    // Reactive-streams plumbing, not lifecycle (that is the driver's state): one ciphertext chunk requested and not
    // yet delivered; the transport's inbound has ended; the outbound stream has completed.
    private boolean inboundRequested;
    private boolean inboundDone;
    private boolean outboundCompleted;

    private TlsConnection(TlsEngine engine, Flux<ByteBuf> inboundCiphertext) {
        this.driver = new EngineDriver(engine, this::resume, new ReactiveTransport());
        this.inboundCiphertext = inboundCiphertext;
        this.outbound = Flux.<ByteBuf>create(this::onOutboundSubscribe)
                .doOnDiscard(ByteBuf.class, TlsConnection::safeRelease);
        this.plaintext = Flux.<ByteBuf>create(this::onReceiveSubscribe)
                .doOnDiscard(ByteBuf.class, TlsConnection::safeRelease);
    }

    /**
     * A client connection to {@code serverName} at {@code serverPort}, with a public client configuration.
     *
     * @param config the client configuration
     * @param serverName the name sent as SNI and checked in the certificate; null for neither
     * @param serverPort the server's port, or -1 when unknown (with the name it keys the session caches)
     * @param inboundCiphertext the bytes the transport receives
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    public static TlsConnection client(TlsClientConfig config, String serverName, int serverPort, Flux<ByteBuf> inboundCiphertext) {
        return client(io.reactls.internal.PublicConfigs.engineConfig(config), serverName, serverPort, inboundCiphertext, ByteBufAllocator.DEFAULT)
                .withHooks(config.hooks());
    }

    /**
     * A server connection with a public server configuration.
     *
     * @param config the server configuration
     * @param inboundCiphertext the bytes the transport receives
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    public static TlsConnection server(TlsServerConfig config, Flux<ByteBuf> inboundCiphertext) {
        return server(io.reactls.internal.PublicConfigs.engineConfig(config), inboundCiphertext, ByteBufAllocator.DEFAULT).withHooks(config.hooks());
    }

    /**
     * A client connection with Netty's default allocator.
     *
     * @param config a client config
     * @param serverName the name sent as SNI and checked in the certificate; null for neither
     * @param inboundCiphertext the bytes the transport receives
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection client(TlsConfig config, String serverName, Flux<ByteBuf> inboundCiphertext) {
        return client(config, serverName, inboundCiphertext, ByteBufAllocator.DEFAULT);
    }

    /**
     * A client connection.
     *
     * @param config a client config
     * @param serverName the name sent as SNI and checked in the certificate; null for neither
     * @param inboundCiphertext the bytes the transport receives
     * @param alloc the allocator for records and plaintext
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection client(TlsConfig config, String serverName, Flux<ByteBuf> inboundCiphertext,
                                       ByteBufAllocator alloc) {
        return new TlsConnection(TlsEngine.client(config, serverName, alloc), inboundCiphertext);
    }

    /**
     * A client to {@code serverName} at {@code serverPort} (-1: unknown), which together key the session caches.
     *
     * @param config a client config
     * @param serverName the name sent as SNI and checked in the certificate; null for neither
     * @param serverPort the server's port, or -1
     * @param inboundCiphertext the bytes the transport receives
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection client(TlsConfig config, String serverName, int serverPort, Flux<ByteBuf> inboundCiphertext) {
        return client(config, serverName, serverPort, inboundCiphertext, ByteBufAllocator.DEFAULT);
    }

    /**
     * A client to {@code serverName} at {@code serverPort} (-1: unknown), which together key the session caches.
     *
     * @param config a client config
     * @param serverName the name sent as SNI and checked in the certificate; null for neither
     * @param serverPort the server's port, or -1
     * @param inboundCiphertext the bytes the transport receives
     * @param alloc the allocator for records and plaintext
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection client(TlsConfig config, String serverName, int serverPort, Flux<ByteBuf> inboundCiphertext,
                                       ByteBufAllocator alloc) {
        return new TlsConnection(TlsEngine.client(config, serverName, serverPort, alloc), inboundCiphertext);
    }

    /**
     * A server connection with Netty's default allocator.
     *
     * @param config a server config
     * @param inboundCiphertext the bytes the transport receives
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection server(TlsConfig config, Flux<ByteBuf> inboundCiphertext) {
        return server(config, inboundCiphertext, ByteBufAllocator.DEFAULT);
    }

    /**
     * A server connection.
     *
     * @param config a server config
     * @param inboundCiphertext the bytes the transport receives
     * @param alloc the allocator for records and plaintext
     * @return the connection; subscribe to {@link #outbound()} to start it
     */
    static TlsConnection server(TlsConfig config, Flux<ByteBuf> inboundCiphertext, ByteBufAllocator alloc) {
        return new TlsConnection(TlsEngine.server(config, alloc), inboundCiphertext);
    }

    /**
     * Hands the handshake's slow work to {@code hooks} (a signer for a key in a KMS, an RSA decrypter, an extra
     * certificate check); what they do not cover is done in place. Call before subscribing to {@link #outbound()}.
     *
     * @param hooks the hooks
     * @return this connection
     * @throws IllegalArgumentException when our key has no private part here and {@code hooks} has no signer
     * @throws IllegalStateException once the connection has started
     */
    public TlsConnection withHooks(HandshakeHooks hooks) {
        java.util.Objects.requireNonNull(hooks, "hooks");
        synchronized (lock) {
            if (outboundSink != null) {
                throw new IllegalStateException("hooks are set before the connection starts");
            }
            driver.hooks(hooks);
        }
        return this;
    }

    /**
     * Client, before the connection starts: {@code data} is the first thing sent, as TLS 1.3 0-RTT data when the
     * config's session cache holds a ticket for this server that allows it, otherwise (or when the server refuses it)
     * right after the handshake; {@link TlsSession#earlyData()} says which. 0-RTT data can be replayed (RFC 8446 §8):
     * send so only what is safe to act on twice. The connection owns {@code data}.
     *
     * @param data the first bytes to send
     * @return this connection
     * @throws IllegalStateException on a server, once the connection has started, or when called twice
     */
    public TlsConnection withEarlyData(ByteBuf data) {
        synchronized (lock) {
            if (outboundSink != null) {
                data.release();
                throw new IllegalStateException("early data is given before the connection starts");
            }
            driver.engine().sendEarlyData(data);
        }
        return this;
    }

    /**
     * Ciphertext for the transport. Subscribing starts the connection; subscribe exactly once.
     *
     * @return the records to write, at the transport's pace
     */
    public Flux<ByteBuf> outbound() {
        return outbound;
    }

    /**
     * The handshake's outcome.
     *
     * @return completes with the negotiated session, or errors with a {@link TlsAlertException} / {@link TlsClosedException}
     */
    public Mono<TlsSession> handshake() {
        return handshakeResult.asMono();
    }

    /**
     * The handshake steps as they happen, each from the start for whoever subscribes before the handshake has
     * completed (subscribing in {@link #handshake()}'s callback is still in time). Once it has, the connection drops
     * the history: a later subscriber gets an empty stream, so an established connection keeps no events. A failed
     * handshake keeps them, then the error, for diagnosis.
     *
     * @return the events; completes when the handshake does, errors when it fails
     */
    public Flux<HandshakeEvent> events() {
        return Flux.defer(() -> {
            Sinks.Many<HandshakeEvent> history = events;
            return history == null ? Flux.empty() : history.asFlux();
        });
    }

    /**
     * Verified plaintext from the peer, at the subscriber's pace. Completes on the peer's close_notify; errors with
     * the alert on a failure, or with {@link TlsClosedException} when the transport ends without close_notify.
     * One subscriber.
     *
     * @return the peer's plaintext
     */
    public Flux<ByteBuf> receive() {
        return plaintext;
    }

    /**
     * Sends plaintext, waiting for the handshake if needed. One send at a time.
     *
     * @param data the plaintext; this connection releases the buffers
     * @return completes when all of it is handed to the transport
     */
    public Mono<Void> send(Publisher<ByteBuf> data) {
        return Mono.create(done -> {
            synchronized (lock) {
                if (sending != null) {
                    done.error(new IllegalStateException("a send is already in progress on this TLS connection"));
                    return;
                }
                sending = new SendSubscriber(done);
            }
            Flux.from(data).doOnDiscard(ByteBuf.class, TlsConnection::safeRelease).subscribe(sending);
        });
    }

    /**
     * Sends close_notify and completes the outbound stream; the transport may close once it has written it.
     *
     * @return completes once close_notify is queued
     */
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            synchronized (lock) {
                driver.closeOutbound();
                completeOutbound();
                maybeFinish();
            }
        });
    }

    /**
     * The negotiated session.
     *
     * @return the session once negotiated, else null
     */
    public TlsSession session() {
        synchronized (lock) {
            return driver.engine().session();
        }
    }

    /**
     * Keying material bound to this connection (RFC 5705 / RFC 8446 §7.5); see {@link TlsEngine#exportKeyingMaterial}.
     *
     * @param label the exporter label
     * @param context the context value, or null for none
     * @param length how many bytes to export
     * @return {@code length} bytes of keying material
     * @throws IllegalStateException before the handshake completed
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        synchronized (lock) {
            return driver.engine().exportKeyingMaterial(label, context, length);
        }
    }

    // ------------------------------------------------------------------ what the driver hands us

    /** A hook's answer, from any thread: the engine resumes under the monitor, like every other signal. */
    private void resume(Runnable task) {
        synchronized (lock) {
            task.run();
        }
    }

    private final class ReactiveTransport implements EngineDriver.Transport {
        @Override
        public void write(ByteBuf records) {
            if (outboundSink == null || outboundCompleted) {
                records.release(); // nothing may follow close_notify or a fatal alert
            } else {
                outboundSink.next(records);
            }
        }

        @Override
        public void event(HandshakeEvent event) {
            Sinks.Many<HandshakeEvent> history = events;
            if (history != null) { // after the handshake, events (a KeyUpdate) go to no one
                history.tryEmitNext(event);
            }
        }

        @Override
        public void established(TlsSession session) {
            if (handshakeResult.tryEmitValue(session) == Sinks.EmitResult.OK) {
                // Dropped before completion is signalled: whoever sees the completion sees no history left.
                Sinks.Many<HandshakeEvent> history = events;
                events = null;
                history.tryEmitComplete();
            }
        }

        @Override
        public void plaintextReady() {
            drainPlaintext();
            requestInboundIfWanted();
        }

        @Override
        public void outboundClosed() {
            completeOutbound(); // close_notify (ours or our answer to the peer's) is the last record
        }

        @Override
        public void inboundClosed() {
            completePlaintext();
            maybeFinish();
        }

        @Override
        public void failed(Throwable t) {
            completeOutbound();
            handshakeResult.tryEmitError(t);
            Sinks.Many<HandshakeEvent> history = events;
            if (history != null) {
                history.tryEmitError(t);
            }
            if (plaintextSink != null) {
                plaintextSink.error(t);
            }
            SendSubscriber s = sending;
            if (s != null) {
                s.cancel();
                s.finishSend(t);
            }
            if (inbound != null) {
                inbound.cancel();
            }
            inboundDone = true;
            maybeFinish();
        }
    }

    // ------------------------------------------------------------------ start and outbound

    private void onOutboundSubscribe(FluxSink<ByteBuf> sink) {
        synchronized (lock) {
            if (outboundSink != null) {
                sink.error(new IllegalStateException("outbound() may be subscribed only once"));
                return;
            }
            outboundSink = sink;
            sink.onRequest(n -> resumeSend());
            sink.onCancel(() -> fail(new TlsClosedException("the transport stopped taking TLS output")));
            driver.start();
        }
        inbound = new InboundSubscriber();
        // Ciphertext still queued upstream when we cancel (failure, dispose) is released, not dropped.
        inboundCiphertext.doOnDiscard(ByteBuf.class, TlsConnection::safeRelease).subscribe(inbound);
    }

    private void completeOutbound() {
        if (outboundSink != null && !outboundCompleted) {
            outboundCompleted = true;
            outboundSink.complete();
        }
    }

    // ------------------------------------------------------------------ inbound

    private final class InboundSubscriber extends BaseSubscriber<ByteBuf> {
        @Override
        protected void hookOnSubscribe(Subscription s) {
            synchronized (lock) {
                if (driver.state() == EngineDriver.State.RELEASED) {
                    s.cancel();
                    return;
                }
                requestInboundIfWanted();
            }
        }

        @Override
        protected void hookOnNext(ByteBuf ciphertext) {
            synchronized (lock) {
                inboundRequested = false;
                driver.receive(ciphertext); // released there once failed or finished
            }
        }

        @Override
        protected void hookOnComplete() {
            synchronized (lock) {
                inboundDone = true;
                TlsEngine engine = driver.engine();
                if (!driver.state().isTerminal() && !engine.isInboundClosed()) {
                    if (engine.isOutboundClosed() && engine.isHandshakeComplete()) {
                        // We closed first; a peer that drops the connection instead of answering close_notify (as
                        // openssl s_server does) truncates nothing we were still waiting for.
                        completePlaintext();
                    } else {
                        fail(new TlsClosedException(engine.isHandshakeComplete()
                                ? "peer closed the connection without close_notify (possible truncation)"
                                : "peer closed the connection during the handshake"));
                    }
                }
                maybeFinish();
            }
        }

        @Override
        protected void hookOnError(Throwable t) {
            synchronized (lock) {
                inboundDone = true;
                fail(t instanceof TlsAlertException ? t : new TlsClosedException("transport failed: " + t, t));
            }
        }
    }

    private void requestInboundIfWanted() {
        if (inbound == null || inboundRequested || inboundDone || driver.state().isTerminal()
                || driver.engine().isInboundClosed()) {
            return;
        }
        boolean wanted = !driver.engine().isHandshakeComplete()
                || (plaintextSink != null && plaintextSink.requestedFromDownstream() > 0);
        if (wanted) {
            inboundRequested = true;
            inbound.request(1);
        }
    }

    // ------------------------------------------------------------------ plaintext out to the user

    private void onReceiveSubscribe(FluxSink<ByteBuf> sink) {
        synchronized (lock) {
            if (plaintextSink != null) {
                sink.error(new IllegalStateException("receive() may be subscribed only once"));
                return;
            }
            plaintextSink = sink;
            sink.onRequest(n -> {
                synchronized (lock) {
                    drainPlaintext();
                    requestInboundIfWanted();
                }
            });
            if (driver.failure() != null) {
                sink.error(driver.failure());
            } else if (driver.state() == EngineDriver.State.RELEASED || driver.engine().isInboundClosed() || inboundDone) {
                completePlaintext();
                maybeFinish();
            }
        }
    }

    private void drainPlaintext() {
        if (plaintextSink == null) {
            return;
        }
        while (plaintextSink.requestedFromDownstream() > 0) {
            ByteBuf b = driver.takePlaintext();
            if (b == null) {
                return;
            }
            plaintextSink.next(b);
        }
    }

    /** close_notify arrived: hand over everything left (the sink buffers past demand; it is bounded by one read). */
    private void completePlaintext() {
        if (plaintextSink != null) {
            ByteBuf b;
            while ((b = driver.takePlaintext()) != null) {
                plaintextSink.next(b);
            }
            plaintextSink.complete();
        }
    }

    // ------------------------------------------------------------------ plaintext in from the user

    private final class SendSubscriber extends BaseSubscriber<ByteBuf> {
        private final MonoSink<Void> done;

        SendSubscriber(MonoSink<Void> done) {
            this.done = done;
        }

        @Override
        protected void hookOnSubscribe(Subscription s) {
            resumeSend();
        }

        @Override
        protected void hookOnNext(ByteBuf data) {
            synchronized (lock) {
                if (driver.failure() != null) {
                    data.release();
                    cancel();
                    finishSend(driver.failure());
                    return;
                }
                driver.send(data);
                driver.flush();
            }
            resumeSend();
        }

        @Override
        protected void hookOnComplete() {
            finishSend(null);
        }

        @Override
        protected void hookOnError(Throwable t) {
            finishSend(t);
        }

        private void finishSend(Throwable t) {
            synchronized (lock) {
                if (sending == this) {
                    sending = null;
                }
            }
            if (t == null) {
                done.success();
            } else {
                done.error(t);
            }
        }
    }

    /** Asks the sender for one more buffer when the transport has demand for more ciphertext. */
    private void resumeSend() {
        SendSubscriber s;
        synchronized (lock) {
            s = sending;
            if (s == null || outboundSink == null || outboundSink.requestedFromDownstream() <= 0) {
                return;
            }
        }
        s.request(1);
    }

    // ------------------------------------------------------------------ failure and teardown

    private void fail(Throwable t) {
        driver.fail(t); // our alert goes out, then ReactiveTransport.failed tells every stream
    }

    /**
     * Releases the engine once nothing more can flow: after a failure, or when close_notify went both ways and the
     * remaining plaintext has been handed to a {@link #receive()} subscriber.
     */
    private void maybeFinish() {
        if (driver.state() == EngineDriver.State.RELEASED) {
            return;
        }
        boolean inboundOver = driver.engine().isInboundClosed() || inboundDone;
        boolean closedCleanly = inboundOver && driver.engine().isOutboundClosed() && plaintextSink != null;
        if (driver.failure() != null || closedCleanly) {
            if (inbound != null && !inboundDone) {
                inbound.cancel();
            }
            driver.release();
        }
    }

    /** Abandons the connection (the transport went away): fails what is pending and frees every buffer. */
    public void dispose() {
        synchronized (lock) {
            fail(new TlsClosedException("TLS connection disposed"));
        }
    }

    private static void safeRelease(ByteBuf b) {
        if (b.refCnt() > 0) {
            b.release();
        }
    }
}
