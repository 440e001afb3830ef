package io.reactls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CoalescingBufferQueue;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.reactls.AlertDescription;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeHooks;
import io.reactls.KeyMaterial;
import io.reactls.TlsAlertException;
import io.reactls.TlsClientConfig;
import io.reactls.TlsClosedException;
import io.reactls.TlsServerConfig;
import io.reactls.TlsSession;
import io.reactls.driver.EngineDriver;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.internal.PublicConfigs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Runs a {@link TlsEngine} inside a Netty pipeline, the reactls counterpart of Netty's {@code SslHandler}: ciphertext
 * below, plaintext above. Put it first in the pipeline (reactor-netty's {@code NettyPipeline.SslHandler} slot).
 *
 * <p><b>Readiness.</b> {@code channelActive} is held back until the handshake completes, then fired after a
 * {@link TlsHandshakeCompletionEvent}; handlers above (HTTP codecs, reactor-netty's connection observers) therefore
 * start on an established TLS connection, as they do behind {@code SslHandler} + reactor-netty's {@code SslReadHandler},
 * which this handler replaces. A failed handshake fires the event and {@code exceptionCaught}, then closes; a server's
 * {@code exceptionCaught} carries a {@link TlsHandshakeFailedException} (an IOException, as from SslHandler) whose cause
 * is the failure, so that reactor-netty does not log a client's failed handshake as a server ERROR.
 *
 * <p><b>Buffers.</b> Inbound {@code ByteBuf}s (heap or direct, as the transport reads them) go to the engine as they are,
 * no copy; plaintext fired upwards belongs to the next handler. On a socket channel records are sealed into direct
 * buffers, which the socket writes from without Netty's copy ({@link TlsEngine#directOutbound}). Written {@code ByteBuf}s wait in Netty's
 * {@link CoalescingBufferQueue} (counted against the channel's writability, as behind {@code SslHandler}) and on flush
 * are taken out 2^14 bytes at a time, so small writes coalesce into full records; their promises complete when the
 * records carrying them are written. Writes made before the handshake completes go out once it has. Between reads
 * and flushes the handler holds no buffer of its own: the queue is empty, and the bytes buffered before the engine
 * exists (ClientHello peek) go to the engine when it does. Everything still held is released when the channel goes
 * inactive or the handler is removed.
 *
 * <p><b>Close.</b> {@code close()} flushes pending writes, sends close_notify and closes once it is written (or after
 * the close_notify flush timeout). {@link #closeOutbound()} sends close_notify alone and keeps reading (TLS 1.3
 * half-close, or a TLS 1.2 peer's last records before its answer). The peer's close_notify is answered and the channel
 * closed; a peer that closes the transport without one after the handshake is reported as
 * {@link TlsCloseEvent#TRUNCATED}, unless we had sent close_notify (RFC 5246 §7.2.1 lets it just close then).
 *
 * <p><b>Slow work.</b> When the engine waits for a {@link io.reactls.PendingOperation} (an asynchronous signer, RSA decrypter or
 * certificate verifier among the config's or the settings' hooks), its Mono is subscribed and the event loop goes on serving other
 * channels; the result is handed back to this channel's loop, and the handshake continues there. The handshake
 * timeout covers the wait; a channel that closes meanwhile cancels the Mono.
 *
 * <p><b>Lifecycle.</b> One {@code Phase} says where the handler is (waiting for a handshake permit, the server name
 * or the engine; handshaking; open; closing; failed; removed); the engine's own lifecycle (open, half-closed, closed)
 * is the {@code EngineDriver}'s, which runs the engine here exactly as it does under {@link io.reactls.connection.TlsConnection}.
 *
 * <p>All state is touched on the channel's event loop only, like the engine requires.
 */
public final class TlsHandler extends ChannelDuplexHandler {

    /** The most plaintext one TLS record carries: small writes are gathered up to this before sealing. */
    static final int MAX_RECORD_PLAINTEXT = 1 << 14;
    /** Bytes buffered while the engine is being made (ClientHello peek, handshake limiter, async resolver). */
    private static final int MAX_BUFFERED_BEFORE_ENGINE = (1 << 16) + 1024;
    private static final Logger LOG = Loggers.getLogger(TlsHandler.class);

    /** Where the handler is. Moves forward only; the engine's own state (half-closes included) is the driver's. */
    enum Phase {
        /** Added, the channel not active yet. */
        NEW,
        /** Active; waiting for a permit from the handshake limiter. */
        WAITING_FOR_PERMIT,
        /** Holding a permit; waiting for the ClientHello's server name (a server whose configuration depends on it). */
        WAITING_FOR_SERVER_NAME,
        /** Holding a permit; the engine is being made (possibly by an asynchronous certificate resolver). */
        WAITING_FOR_ENGINE,
        /** Holding a permit; the driver runs the handshake. */
        HANDSHAKING,
        /** The handshake completed; data flows. */
        OPEN,
        /** A close started (ours, or the peer's close_notify): close_notify goes out, then the channel closes. */
        CLOSING,
        /** Failed: our alert goes out, the pipeline has heard why, the channel closes. */
        FAILED,
        /** The channel went inactive or the handler was removed; every buffer is released. */
        REMOVED;

        boolean holdsPermit() {
            return this == WAITING_FOR_SERVER_NAME || this == WAITING_FOR_ENGINE || this == HANDSHAKING;
        }

        /** Past the point where anything is written or read. */
        boolean isOver() {
            return this == CLOSING || this == FAILED || this == REMOVED;
        }
    }

    private final EngineSource source;
    private final TlsHandlerSettings settings;
    private final boolean client;
    private final Promise<TlsSession> handshakeFuture = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
    /** The handshake's events until it has completed and been announced; then null (an idle connection keeps none). */
    private volatile List<HandshakeEvent> handshakeEvents = new CopyOnWriteArrayList<>();

    private Phase phase = Phase.NEW;
    private ChannelHandlerContext ctx;
    private CoalescingBufferQueue writes;
    private EngineDriver driver;
    private volatile TlsSession session;
    /** Ciphertext that came before the engine; null otherwise. */
    private ByteBuf buffered;
    /** Client: the first bytes to send, as TLS 1.3 0-RTT data when a ticket allows (see {@link #sendEarlyData}). */
    private ByteBuf earlyData;
    /** The ClientHello's server name once known (a server that needs it), else null. */
    private ClientHelloPeek.Result peeked;
    private Disposable engineRequest;
    private ScheduledFuture<?> handshakeTimer;
    private ChannelFuture lastWrite;
    /** The promise the next records written complete (the writes a flush sealed), or null. */
    private ChannelPromise sealing;
    private long handshakeStartNanos;
    /** Plaintext reads fired since the last channelReadComplete. */
    private int readsFired;

    /** A handler whose engine comes from {@code source}, with {@code settings}' timeouts, limiter and observers. */
    TlsHandler(EngineSource source, TlsHandlerSettings settings) {
        this.source = source;
        this.settings = settings;
        this.client = source.isClient();
    }

    /**
     * A client that sends {@code serverName} as SNI and verifies the certificate against it (null: neither). The
     * handshake's slow work goes to the settings' hooks when they have any, else to the config's.
     *
     * @param config the client configuration
     * @param serverName the server name, or null
     * @param settings timeouts and observers
     * @return the handler
     */
    public static TlsHandler client(TlsClientConfig config, String serverName, TlsHandlerSettings settings) {
        return client(config, serverName, -1, settings);
    }

    /**
     * As {@link #client(TlsClientConfig, String, TlsHandlerSettings)}, for the server at {@code serverPort} (-1:
     * unknown): name and port key the session caches (TLS 1.2 session ids, TLS 1.2 and 1.3 tickets), so that servers
     * on other ports of the same host are not offered each other's sessions.
     *
     * @param config the client configuration
     * @param serverName the server name, or null
     * @param serverPort the server's port, or -1
     * @param settings timeouts and observers
     * @return the handler
     */
    public static TlsHandler client(TlsClientConfig config, String serverName, int serverPort, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.client(PublicConfigs.engineConfigOffLoop(config), serverName, serverPort),
                hooked(settings, config.hooks()));
    }

    /**
     * A server with one configuration, and so one certificate. The handshake's slow work goes to the settings' hooks
     * when they have any, else to the config's.
     *
     * @param config the server configuration
     * @param settings timeouts, limiter, observers
     * @return the handler
     */
    public static TlsHandler server(TlsServerConfig config, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.server(PublicConfigs.engineConfigOffLoop(config)),
                hooked(settings, config.hooks()));
    }

    /**
     * A server whose key material {@code resolver} picks per ClientHello server_name (null when the client sent
     * none); everything else comes from {@code base}, whose own key material is then unused. The resolver is
     * consulted for every connection, so swapping what it returns (a renewed certificate) affects new connections
     * only; it may answer later, on any thread. An empty answer fails the handshake with unrecognized_name.
     *
     * @param base the server configuration apart from its key material
     * @param resolver the key material for a server name (null: no SNI)
     * @param settings timeouts, limiter, observers
     * @return the handler
     */
    public static TlsHandler server(TlsServerConfig base, Function<String, Mono<KeyMaterial>> resolver,
                                    TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.server(PublicConfigs.engineConfigOffLoop(base), resolver),
                hooked(settings, base.hooks()));
    }

    private static TlsHandlerSettings hooked(TlsHandlerSettings settings, HandshakeHooks configHooks) {
        return settings.hooks() == HandshakeHooks.none() ? settings.withHooks(configHooks) : settings;
    }

    /** A client over an engine-level config (this package's tests). */
    static TlsHandler client(TlsConfig config, String serverName, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.client(config, serverName), settings);
    }

    /** A client over an engine-level config, for the server at {@code serverPort} (-1: unknown). */
    static TlsHandler client(TlsConfig config, String serverName, int serverPort, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.client(config, serverName, serverPort), settings);
    }

    /**
     * Client, before the handler is added to a pipeline: {@code data} is the first thing sent, as TLS 1.3 0-RTT data
     * when the session cache holds a ticket for this server that allows it, otherwise (or when the server refuses it)
     * right after the handshake ({@link io.reactls.engine.TlsEngine#sendEarlyData}). The handler owns {@code data}.
     *
     * @param data the first bytes to send; replayable when sent as 0-RTT data
     * @return this handler
     */
    public TlsHandler sendEarlyData(ByteBuf data) {
        if (driver != null || earlyData != null) {
            data.release();
            throw new IllegalStateException("early data is given once, before the handshake starts");
        }
        earlyData = data;
        return this;
    }

    /** A server over an engine-level config (this package's tests). */
    static TlsHandler server(TlsConfig config, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.server(config), settings);
    }

    /**
     * Completes (on the event loop) with the session when the handshake does, or fails with why it did not.
     *
     * @return the handshake's future
     */
    public Future<TlsSession> handshakeFuture() {
        return handshakeFuture;
    }

    /**
     * The negotiated session, or null before the handshake completes. Safe from any thread.
     *
     * @return the session, or null
     */
    public TlsSession session() {
        return session;
    }

    /**
     * The handshake steps so far, in order, while the handshake runs and while its completion is announced (the
     * {@link TlsHandshakeCompletionEvent}, channelActive: what {@link SecureConnection} captures); empty afterwards,
     * so that an established connection keeps no history. To see every event, listen from the start
     * ({@link TlsHandlerSettings#eventListener()}). Safe from any thread.
     *
     * @return the events so far
     */
    public List<HandshakeEvent> handshakeEvents() {
        List<HandshakeEvent> events = handshakeEvents;
        return events == null ? List.of() : List.copyOf(events);
    }

    /**
     * Whether this handler is the client side.
     *
     * @return true for a client
     */
    public boolean isClient() {
        return client;
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.writes = new CoalescingBufferQueue(ctx.channel(), 4, true);
        // An accepted channel is already active while its pipeline is initialised, though channelActive is still to
        // come; start now. The handler must be added before channelActive fires (in the channel initialiser), or
        // the handlers above would see channelActive twice.
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Not passed on: the handlers above see channelActive once the handshake has completed.
        start();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (phase != Phase.FAILED && phase != Phase.REMOVED) {
            if (!handshakeDone()) {
                fail(new TlsClosedException("peer closed the connection during the TLS handshake"));
            } else if (phase == Phase.OPEN && !driver.state().outboundClosed()) {
                // Only a close we did not start is suspicious: after our close_notify we do not wait for the answer.
                onTruncation(ctx);
            }
        }
        teardown();
        ctx.fireChannelInactive();
    }

    /**
     * The peer closed the transport without close_notify: an event, the observer (metrics) and a DEBUG line, never a
     * warning. A raw stream also gets a {@link TlsClosedException}, but only while reactor-netty's inbound still
     * listens: one that already completed or was cancelled (the connection closing under {@code send(receive())})
     * would log it as a WARN "observed post termination", once per connection.
     */
    private void onTruncation(ChannelHandlerContext ctx) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(ctx.channel() + " peer closed the connection without close_notify (possible truncation)");
        }
        settings.observer().truncated(client, session);
        ctx.fireUserEventTriggered(TlsCloseEvent.TRUNCATED);
        if (settings.truncationIsError() && ReactorNettyInbound.listening(ctx.channel())) {
            ctx.fireExceptionCaught(new TlsClosedException(
                    "peer closed the connection without close_notify (possible truncation)"));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        teardown();
    }

    private void start() {
        if (phase != Phase.NEW) {
            return;
        }
        moveTo(Phase.WAITING_FOR_PERMIT);
        handshakeStartNanos = System.nanoTime();
        Duration timeout = settings.handshakeTimeout();
        if (!timeout.isZero()) {
            handshakeTimer = ctx.executor().schedule(() -> {
                if (!handshakeDone() && phase != Phase.FAILED && phase != Phase.REMOVED) {
                    fail(new TlsHandshakeTimeoutException(timeout));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        settings.limiter().acquire(this::onPermit);
        ctx.read(); // the ClientHello (or ServerHello) is needed whatever the channel's auto-read says
    }

    /** May run on the thread of another connection that released its permit. */
    private void onPermit() {
        onEventLoop(() -> {
            if (phase != Phase.WAITING_FOR_PERMIT) {
                settings.limiter().release(); // failed, closed or removed meanwhile
                return;
            }
            moveTo(Phase.WAITING_FOR_SERVER_NAME);
            handshakeStartNanos = System.nanoTime(); // metrics time the handshake, not the wait for a permit
            requestEngineIfReady();
        }, () -> settings.limiter().release());
    }

    /**
     * The one place the phase changes; the limiter's permit is given back when leaving the phases that hold it, and a
     * failed or removed handler stays so.
     */
    private void moveTo(Phase next) {
        Phase before = phase;
        if (before == Phase.REMOVED || (before == Phase.FAILED && next != Phase.REMOVED)) {
            return;
        }
        phase = next;
        if (before.holdsPermit() && !next.holdsPermit()) {
            settings.limiter().release();
        }
    }

    private void requestEngineIfReady() {
        if (phase != Phase.WAITING_FOR_SERVER_NAME || (source.needsServerName() && peeked == null)) {
            return;
        }
        moveTo(Phase.WAITING_FOR_ENGINE);
        String serverName = peeked == null ? null : peeked.serverName();
        engineRequest = source.engine(serverName, ctx.alloc())
                .switchIfEmpty(Mono.error(() -> new TlsAlertException(AlertDescription.UNRECOGNIZED_NAME,
                        "no TLS configuration for server name " + serverName)))
                .subscribe(
                        made -> onEventLoop(() -> onEngine(made), made::release),
                        error -> onEventLoop(() -> fail(error), () -> { }));
    }

    private void onEngine(TlsEngine made) {
        if (phase != Phase.WAITING_FOR_ENGINE) {
            made.release();
            return;
        }
        // A socket channel copies every heap buffer written into a direct one: seal into direct buffers instead.
        made.directOutbound(ctx.channel() instanceof DuplexChannel);
        driver = new EngineDriver(made, task -> onEventLoop(task, () -> { }), new ChannelTransport());
        moveTo(Phase.HANDSHAKING);
        try {
            driver.hooks(settings.hooks());
            if (earlyData != null) {
                ByteBuf data = earlyData;
                earlyData = null;
                made.sendEarlyData(data);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(e);
            return;
        }
        driver.start();
        ByteBuf early = buffered;
        buffered = null;
        if (early != null) {
            driver.receive(early); // released there if the start failed
        }
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (phase == Phase.FAILED || phase == Phase.REMOVED) {
            data.release();
        } else if (driver == null) {
            bufferBeforeEngine(data);
        } else {
            driver.receive(data); // as read, heap or direct: the engine takes ownership
        }
    }

    private void bufferBeforeEngine(ByteBuf data) {
        buffered = buffered == null ? data : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, data);
        if (source.needsServerName() && peeked == null) {
            ClientHelloPeek.Result peek = ClientHelloPeek.peek(buffered);
            if (peek.complete() || buffered.readableBytes() > MAX_BUFFERED_BEFORE_ENGINE) {
                peeked = peek; // an incomplete one has no name: the engine will fail on what follows
                requestEngineIfReady();
            }
        } else if (buffered.readableBytes() > MAX_BUFFERED_BEFORE_ENGINE) {
            fail(TlsAlertException.decodeError("peer sent " + buffered.readableBytes()
                    + " bytes before the TLS engine was ready"));
        }
    }

    /** What the driver hands this channel: records to write, events, readiness, plaintext, the peer's close, failure. */
    private final class ChannelTransport implements EngineDriver.Transport {
        @Override
        public void write(ByteBuf records) {
            ChannelPromise promise = sealing;
            if (promise != null) {
                sealing = null;
                lastWrite = ctx.write(records, promise); // flushWrites flushes
                return;
            }
            lastWrite = ctx.writeAndFlush(records);
            if (!handshakeDone()) {
                lastWrite.addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(f.cause());
                    }
                });
            }
        }

        @Override
        public void event(HandshakeEvent e) {
            List<HandshakeEvent> kept = handshakeEvents;
            if (kept != null) {
                kept.add(e);
            }
            try {
                settings.eventListener().accept(e);
            } catch (RuntimeException listenerFailure) {
                ctx.fireExceptionCaught(listenerFailure);
            }
        }

        @Override
        public void established(TlsSession negotiated) {
            onHandshakeComplete(negotiated);
            plaintextReady(); // 0-RTT data held back until now
        }

        @Override
        public void plaintextReady() {
            if (!handshakeDone()) {
                return; // 0-RTT data waits in the engine for channelActive: reactor-netty has no connection to read it before
            }
            ByteBuf plaintext;
            while ((plaintext = driver.takePlaintext()) != null) {
                readsFired++;
                ctx.fireChannelRead(plaintext);
            }
        }

        @Override
        public void outboundClosed() {
            // close() and closeOutbound() wait for lastWrite, which carries close_notify.
        }

        @Override
        public void inboundClosed() {
            onPeerCloseNotify();
        }

        @Override
        public void failed(Throwable cause) {
            onFailed(cause);
        }
    }

    private void onHandshakeComplete(TlsSession negotiated) {
        if (phase == Phase.HANDSHAKING) {
            moveTo(Phase.OPEN);
        }
        cancelHandshakeTimer();
        session = negotiated;
        settings.observer().succeeded(client, elapsed(), negotiated);
        handshakeFuture.trySuccess(negotiated);
        ctx.fireUserEventTriggered(TlsHandshakeCompletionEvent.success(negotiated));
        ctx.fireChannelActive();
        handshakeEvents = null; // delivered: to the listener, and to whoever took them while completion was announced
        if (!writes.isEmpty() && phase == Phase.OPEN) {
            flushWrites(); // written while the handshake ran
        }
    }

    /**
     * The peer sent close_notify. TLS 1.2 answers it (the engine queued ours, written already); TLS 1.3 allows a
     * half-close, but reactor-netty has no way to end the inbound alone, so we send what was written before, our own
     * close_notify, and close.
     */
    private void onPeerCloseNotify() {
        boolean wasClosing = phase == Phase.CLOSING;
        moveTo(Phase.CLOSING);
        ctx.fireUserEventTriggered(TlsCloseEvent.CLOSE_NOTIFY);
        if (!driver.state().outboundClosed() && !driver.state().isTerminal()) {
            if (!writes.isEmpty()) {
                flushWrites();
            }
            driver.closeOutbound();
        }
        failPendingWrites(new TlsClosedException("peer sent close_notify; nothing more can be written"));
        if (!wasClosing) {
            closeAfter(lastWrite, ctx.newPromise());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslCompletionEvent) {
            return; // from a Netty SslHandler this handler replaced (reactor-netty's HttpClient adds one for https)
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (phase == Phase.REMOVED) {
            return;
        }
        if (!handshakeDone()) {
            ctx.read(); // keep reading the handshake whatever auto-read says
            return;
        }
        int delivered = readsFired;
        readsFired = 0;
        if (delivered == 0 && !ctx.channel().config().isAutoRead()) {
            ctx.read(); // a partial record: the reader above asked for data and has not had any yet
        }
        ctx.fireChannelReadComplete();
    }

    // ------------------------------------------------------------------ outbound

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ByteBuf data;
        if (msg instanceof ByteBuf b) {
            data = b;
        } else if (msg instanceof ByteBufHolder holder) {
            data = holder.content().retain();
            holder.release();
        } else {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedOperationException("reactls encrypts ByteBufs only, not "
                    + msg.getClass().getName() + " (a FileRegion must be sent as ByteBufs over TLS)"));
            return;
        }
        if (phase.isOver() || (driver != null && (driver.state().outboundClosed() || driver.state().isTerminal()))) {
            data.release();
            promise.tryFailure(new TlsClosedException("TLS connection is closed for writing"));
            return;
        }
        writes.add(data, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (phase == Phase.OPEN) {
            flushWrites();
        }
        // Before the handshake completes the writes wait (they go out when it does); the handshake's own records
        // are flushed as they come.
    }

    /**
     * Seals the queued writes 2^14 bytes at a time, so that small writes share full records, and writes the records
     * as one buffer whose promise completes the writes' own.
     */
    private void flushWrites() {
        if (writes.isEmpty()) {
            ctx.flush();
            return;
        }
        ChannelPromise sealed = ctx.newPromise();
        while (!writes.isEmpty() && !driver.state().isTerminal()) {
            driver.send(writes.remove(ctx.alloc(), MAX_RECORD_PLAINTEXT, sealed));
        }
        if (driver.state().isTerminal()) {
            Throwable why = driver.failure();
            sealed.tryFailure(why != null ? why : new TlsClosedException("TLS connection closed"));
            return; // the writes still queued were failed with the connection
        }
        sealing = sealed;
        driver.flush();
        if (sealing != null) {
            sealing = null;
            sealed.trySuccess(); // only empty writes: no record
        }
        ctx.flush();
    }

    /**
     * Sends close_notify after what was written before, without closing the channel: inbound goes on until the
     * peer's close_notify (which closes the channel) or the peer closing the transport. Nothing more can be written.
     * The counterpart of Netty's {@code SslHandler.closeOutbound()}. Any thread; the future completes once
     * close_notify is written (at once if the connection is already closing or the handshake has not completed).
     *
     * @return completes once close_notify is written
     */
    public ChannelFuture closeOutbound() {
        ChannelPromise promise = ctx.newPromise();
        onEventLoop(() -> closeOutbound(promise), () -> promise.tryFailure(new TlsClosedException("connection closed")));
        return promise;
    }

    private void closeOutbound(ChannelPromise promise) {
        if (phase != Phase.OPEN || driver.state() != EngineDriver.State.OPEN) {
            promise.trySuccess();
            return;
        }
        if (!writes.isEmpty()) {
            flushWrites(); // what was written before goes before close_notify
        }
        driver.closeOutbound();
        ChannelFuture written = lastWrite;
        if (written == null) {
            promise.trySuccess();
        } else {
            written.addListener(f -> {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            });
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (phase.isOver()) {
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
            return;
        }
        Phase before = phase;
        moveTo(Phase.CLOSING);
        if (before == Phase.OPEN && !driver.state().outboundClosed() && !driver.state().isTerminal()) {
            if (!writes.isEmpty()) {
                flushWrites(); // what was written before close goes before close_notify
            }
            driver.closeOutbound();
        }
        failPendingWrites(new TlsClosedException("TLS connection closed before the write was flushed"));
        closeAfter(lastWrite, promise);
    }

    /** Closes once {@code written} is on the wire, or after the close_notify flush timeout at the latest. */
    private void closeAfter(ChannelFuture written, ChannelPromise promise) {
        if (written == null || written.isDone() || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        boolean[] closed = new boolean[1];
        Runnable closeOnce = () -> {
            if (!closed[0]) {
                closed[0] = true;
                ctx.close(promise);
            }
        };
        Duration timeout = settings.closeNotifyFlushTimeout();
        ScheduledFuture<?> timer = timeout.isZero() ? null
                : ctx.executor().schedule(closeOnce, timeout.toNanos(), TimeUnit.NANOSECONDS);
        written.addListener(f -> {
            if (timer != null) {
                timer.cancel(false);
            }
            closeOnce.run();
        });
    }

    // ------------------------------------------------------------------ failure and teardown

    /** Ends the connection: our alert (if any) goes out, the pipeline hears why, then the channel closes. */
    private void fail(Throwable cause) {
        if (phase == Phase.FAILED || phase == Phase.REMOVED) {
            return;
        }
        if (driver != null && !driver.state().isTerminal()) {
            driver.fail(cause); // writes the engine's alert, then calls onFailed
        } else {
            onFailed(cause);
        }
    }

    private void onFailed(Throwable cause) {
        Phase before = phase;
        moveTo(Phase.FAILED);
        if (!handshakeFuture.isDone()) {
            cancelHandshakeTimer();
            settings.observer().failed(client, elapsed(), cause);
            handshakeFuture.tryFailure(cause);
            ctx.fireUserEventTriggered(TlsHandshakeCompletionEvent.failure(cause));
        }
        failPendingWrites(cause);
        // The alert goes out before the pipeline hears of the failure: reactor-netty closes the connection as soon
        // as it does, and our close() then waits for this write (bounded by the close_notify flush timeout).
        ByteBuf alert = driver == null ? alertBeforeEngine(before, cause) : null;
        if (alert != null && ctx.channel().isActive()) {
            lastWrite = ctx.writeAndFlush(alert);
        } else if (alert != null) {
            alert.release();
        }
        // A server's failed handshake goes up as an IOException, as SslHandler's does, so that reactor-netty logs it at
        // DEBUG, not as an ERROR with a stack trace (see TlsHandshakeFailedException); the event and the observer
        // above have the cause itself.
        ctx.fireExceptionCaught(client || handshakeDone() ? cause : new TlsHandshakeFailedException(cause));
        if (before != Phase.CLOSING) {
            closeAfter(lastWrite, ctx.newPromise());
        }
    }

    /** A server failed before it had an engine (the certificate resolver, the limiter's wait): tell the client why. */
    private ByteBuf alertBeforeEngine(Phase before, Throwable cause) {
        if (client || before == Phase.NEW || cause instanceof TlsHandshakeTimeoutException
                || cause instanceof TlsClosedException) {
            return null;
        }
        AlertDescription description = cause instanceof TlsAlertException a ? a.alert() : AlertDescription.INTERNAL_ERROR;
        return FatalAlert.record(ctx.alloc(), description);
    }

    private void teardown() {
        if (phase == Phase.REMOVED || ctx == null) {
            return;
        }
        moveTo(Phase.REMOVED);
        cancelHandshakeTimer();
        if (engineRequest != null) {
            engineRequest.dispose();
        }
        if (driver != null) {
            driver.release(); // cancels a running hook too
        }
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
        if (earlyData != null) {
            earlyData.release();
            earlyData = null;
        }
        TlsClosedException closed = new TlsClosedException("connection closed");
        failPendingWrites(closed);
        if (!handshakeFuture.isDone()) {
            handshakeFuture.tryFailure(closed);
        }
    }

    private void failPendingWrites(Throwable cause) {
        if (writes != null && !writes.isEmpty()) {
            writes.releaseAndFailAll(cause);
        }
    }

    private boolean handshakeDone() {
        return handshakeFuture.isSuccess();
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
            handshakeTimer = null;
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - handshakeStartNanos);
    }

    /** Runs {@code task} on this channel's event loop; {@code ifRejected} when that loop has shut down. */
    private void onEventLoop(Runnable task, Runnable ifRejected) {
        EventExecutor loop = ctx.executor();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            ifRejected.run();
        }
    }
}
