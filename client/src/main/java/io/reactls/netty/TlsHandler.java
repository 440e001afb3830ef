package io.reactls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.reactls.PendingOperations;
import io.reactls.TlsClosedException;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.engine.TlsEngine;
import io.reactls.HandshakeEvent;
import io.reactls.PendingOperation;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.channel.ChannelOperations;
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
 * <p><b>Buffers.</b> Inbound {@code ByteBuf}s are owned by the engine once read; plaintext fired upwards belongs to
 * the next handler. Written {@code ByteBuf}s are queued and on flush gathered into records of up to 2^14 bytes (small
 * writes coalesce); their promises complete when the records carrying them are written. Everything still held is
 * released when the channel goes inactive or the handler is removed.
 *
 * <p><b>Close.</b> {@code close()} flushes pending writes, sends close_notify and closes once it is written (or after
 * the close_notify flush timeout). {@link #closeOutbound()} sends close_notify alone and keeps reading (TLS 1.3
 * half-close, or a TLS 1.2 peer's last records before its answer). The peer's close_notify is answered and the channel
 * closed; a peer that closes the transport without one after the handshake is reported as
 * {@link TlsCloseEvent#TRUNCATED}, unless we had sent close_notify (RFC 5246 §7.2.1 lets it just close then).
 *
 * <p><b>Slow work.</b> When the engine waits for a {@link PendingOperation} (an asynchronous signer, RSA decrypter or
 * certificate verifier from the {@link TlsConfig}), its Mono is subscribed and the event loop goes on serving other
 * channels; the result is handed back to this channel's loop, and the handshake continues there. The handshake
 * timeout covers the wait; a channel that closes meanwhile cancels the Mono.
 *
 * <p>All state is touched on the channel's event loop only, like the engine requires.
 */
public final class TlsHandler extends ChannelDuplexHandler {

    /** The most plaintext one TLS record carries: small writes are gathered up to this before sealing. */
    static final int MAX_RECORD_PLAINTEXT = 1 << 14;
    /** Bytes buffered while the engine is being made (ClientHello peek, handshake limiter, async resolver). */
    private static final int MAX_BUFFERED_BEFORE_ENGINE = (1 << 16) + 1024;
    private static final Logger LOG = Loggers.getLogger(TlsHandler.class);

    private record PendingWrite(ByteBuf data, ChannelPromise promise) {
    }

    private final EngineSource source;
    private final TlsHandlerSettings settings;
    private final boolean client;
    private final Promise<TlsSession> handshakeFuture = new DefaultPromise<>(ImmediateEventExecutor.INSTANCE);
    private final List<HandshakeEvent> handshakeEvents = new CopyOnWriteArrayList<>();
    private final ArrayDeque<PendingWrite> pendingWrites = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private TlsEngine engine;
    private volatile TlsSession session;
    private ByteBuf buffered;
    /** Client: the first bytes to send, as TLS 1.3 0-RTT data when a ticket allows (see {@link #sendEarlyData}). */
    private ByteBuf earlyData;
    private Disposable engineRequest;
    private PendingOperation pendingOperation;
    private Disposable pendingWork;
    private ScheduledFuture<?> handshakeTimer;
    private ChannelFuture lastWrite;
    private long handshakeStartNanos;
    private long pendingBytes;
    private String peekedServerName;
    private boolean started;
    private boolean permitHeld;
    private boolean serverNameKnown;
    private boolean engineRequested;
    private boolean activeFired;
    private boolean handshakeDone;
    private boolean failed;
    private boolean peerClosed;
    private boolean closeStarted;
    private boolean closeNotifySent;
    private boolean torndown;
    private boolean readFired;
    private boolean flushRequested;

    /**
     * A handler whose engine comes from {@code source}.
     *
     * @param source makes the engine, possibly after peeking the ClientHello's server name
     * @param settings timeouts, limiter, observers
     */
    public TlsHandler(EngineSource source, TlsHandlerSettings settings) {
        this.source = source;
        this.settings = settings;
        this.client = source.isClient();
    }

    /**
     * A client that sends {@code serverName} as SNI and verifies the certificate against it (null: neither).
     *
     * @param config a client config
     * @param serverName the server name, or null
     * @param settings timeouts and observers
     * @return the handler
     */
    public static TlsHandler client(TlsConfig config, String serverName, TlsHandlerSettings settings) {
        return new TlsHandler(EngineSource.client(config, serverName), settings);
    }

    /**
     * As above, for the server at {@code serverPort} (-1: unknown), which keys the session caches with the name.
     *
     * @param config a client config
     * @param serverName the server name, or null
     * @param serverPort the server's port, or -1
     * @param settings timeouts and observers
     * @return the handler
     */
    public static TlsHandler client(TlsConfig config, String serverName, int serverPort, TlsHandlerSettings settings) {
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
        if (engine != null || earlyData != null) {
            data.release();
            throw new IllegalStateException("early data is given once, before the handshake starts");
        }
        earlyData = data;
        return this;
    }

    /**
     * A server with one fixed configuration.
     *
     * @param config a server config
     * @param settings timeouts, limiter, observers
     * @return the handler
     */
    public static TlsHandler server(TlsConfig config, TlsHandlerSettings settings) {
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
     * The handshake steps so far, in order. Safe from any thread.
     *
     * @return the events so far
     */
    public List<HandshakeEvent> handshakeEvents() {
        return List.copyOf(handshakeEvents);
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
        if (!torndown && !failed) {
            if (!handshakeDone) {
                fail(new TlsClosedException("peer closed the connection during the TLS handshake"));
            } else if (!peerClosed && !closeStarted && !closeNotifySent) {
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
        if (settings.truncationIsError() && inboundListening(ctx)) {
            ctx.fireExceptionCaught(new TlsClosedException(
                    "peer closed the connection without close_notify (possible truncation)"));
        }
    }

    /** True outside reactor-netty (a plain pipeline); there, whether its inbound has neither ended nor been cancelled. */
    private static boolean inboundListening(ChannelHandlerContext ctx) {
        ChannelOperations<?, ?> ops = ChannelOperations.get(ctx.channel());
        return ops == null || !(ops.isInboundDisposed() || ops.isInboundCancelled());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        teardown();
    }

    private void start() {
        if (started || torndown) {
            return;
        }
        started = true;
        handshakeStartNanos = System.nanoTime();
        Duration timeout = settings.handshakeTimeout();
        if (!timeout.isZero()) {
            handshakeTimer = ctx.executor().schedule(() -> {
                if (!handshakeDone && !failed && !torndown) {
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
            if (torndown || failed || handshakeDone) {
                settings.limiter().release();
                return;
            }
            permitHeld = true;
            handshakeStartNanos = System.nanoTime(); // metrics time the handshake, not the wait for a permit
            requestEngineIfReady();
        }, () -> settings.limiter().release());
    }

    private void releasePermit() {
        if (permitHeld) {
            permitHeld = false;
            settings.limiter().release();
        }
    }

    private void requestEngineIfReady() {
        if (engineRequested || !permitHeld || (source.needsServerName() && !serverNameKnown)) {
            return;
        }
        engineRequested = true;
        engineRequest = source.engine(peekedServerName, ctx.alloc())
                .switchIfEmpty(Mono.error(() -> new TlsAlertException(AlertDescription.UNRECOGNIZED_NAME,
                        "no TLS configuration for server name " + peekedServerName)))
                .subscribe(
                        made -> onEventLoop(() -> onEngine(made), made::release),
                        error -> onEventLoop(() -> fail(error), () -> { }));
    }

    private void onEngine(TlsEngine made) {
        if (torndown || failed) {
            made.release();
            return;
        }
        engine = made;
        try {
            PendingOperations.handOut(engine, settings.hooks());
            if (earlyData != null) {
                ByteBuf data = earlyData;
                earlyData = null;
                engine.sendEarlyData(data);
            }
            engine.beginHandshake();
        } catch (TlsAlertException | IllegalStateException | IllegalArgumentException e) {
            fail(e);
            return;
        }
        afterEngineStep();
        ByteBuf early = buffered;
        buffered = null;
        if (early != null && engine != null) {
            feed(early);
        } else if (early != null) {
            early.release();
        }
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf data)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (torndown || failed || peerClosed) {
            data.release();
            return;
        }
        if (engine == null) {
            bufferBeforeEngine(data);
        } else {
            feed(data);
        }
    }

    private void bufferBeforeEngine(ByteBuf data) {
        buffered = buffered == null ? data : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, data);
        if (source.needsServerName() && !serverNameKnown) {
            ClientHelloPeek.Result peek = ClientHelloPeek.peek(buffered);
            if (peek.complete() || buffered.readableBytes() > MAX_BUFFERED_BEFORE_ENGINE) {
                serverNameKnown = true;
                peekedServerName = peek.serverName();
                requestEngineIfReady();
            }
        } else if (buffered.readableBytes() > MAX_BUFFERED_BEFORE_ENGINE) {
            fail(TlsAlertException.decodeError("peer sent " + buffered.readableBytes()
                    + " bytes before the TLS engine was ready"));
        }
    }

    private void feed(ByteBuf ciphertext) {
        try {
            engine.receive(ciphertext);
        } catch (TlsAlertException | IllegalStateException e) {
            fail(e);
            return;
        }
        afterEngineStep();
    }

    /** Moves what the engine produced: records to the peer, events, readiness, plaintext, the peer's close. */
    private void afterEngineStep() {
        writeEngineOutput();
        if (engine == null) {
            return;
        }
        if (!handshakeDone && engine.isHandshakeComplete()) {
            onHandshakeComplete();
        }
        ByteBuf plaintext;
        // 0-RTT data waits in the engine for channelActive: reactor-netty has no connection to read it before.
        while (engine != null && handshakeDone && (plaintext = engine.takePlaintext()) != null) {
            readFired = true;
            ctx.fireChannelRead(plaintext);
        }
        if (engine != null && engine.isInboundClosed() && !peerClosed) {
            onPeerCloseNotify();
        }
        startPendingOperation();
    }

    /**
     * The engine waits for a hook: subscribe to it. Its Mono may complete on any thread (a KMS client's); the engine is
     * resumed on this channel's event loop, the "loop hop" the certificate resolver uses too.
     */
    private void startPendingOperation() {
        PendingOperation op = engine == null || failed || torndown ? null : engine.pendingOperation();
        if (op == null || op == pendingOperation) {
            return;
        }
        pendingOperation = op;
        Disposable work = PendingOperations.run(settings.hooks(), op).subscribe(
                result -> onEventLoop(() -> onPendingOperationDone(op, result, null), () -> { }),
                error -> onEventLoop(() -> onPendingOperationDone(op, null, error), () -> { }));
        if (pendingOperation == op) {
            pendingWork = work; // still running (a hook that answered at once has already resumed the engine)
        }
    }

    private void onPendingOperationDone(PendingOperation op, byte[] result, Throwable error) {
        if (pendingOperation != op) {
            return;
        }
        pendingOperation = null;
        pendingWork = null;
        if (engine == null || failed || torndown) {
            return;
        }
        try {
            if (error == null) {
                PendingOperations.complete(engine, op, result);
            } else {
                PendingOperations.fail(engine, error);
            }
        } catch (TlsAlertException | IllegalStateException e) {
            fail(e);
            return;
        }
        afterEngineStep();
    }

    private void cancelPendingOperation() {
        pendingOperation = null;
        if (pendingWork != null) {
            pendingWork.dispose();
            pendingWork = null;
        }
    }

    private void writeEngineOutput() {
        for (HandshakeEvent e : engine.takeEvents()) {
            handshakeEvents.add(e);
            try {
                settings.eventListener().accept(e);
            } catch (RuntimeException listenerFailure) {
                ctx.fireExceptionCaught(listenerFailure);
            }
        }
        ByteBuf out = engine.takeOutbound();
        if (out != null) {
            lastWrite = ctx.writeAndFlush(out);
            if (!handshakeDone) {
                lastWrite.addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(f.cause());
                    }
                });
            }
        }
    }

    private void onHandshakeComplete() {
        handshakeDone = true;
        cancelHandshakeTimer();
        releasePermit();
        session = engine.session();
        settings.observer().succeeded(client, elapsed(), session);
        handshakeFuture.trySuccess(session);
        ctx.fireUserEventTriggered(TlsHandshakeCompletionEvent.success(session));
        if (!activeFired) {
            activeFired = true;
            ctx.fireChannelActive();
        }
        if (flushRequested && engine != null) {
            flushWrites(); // written while the handshake ran
        }
    }

    /**
     * The peer sent close_notify. TLS 1.2 answers it (the engine queued ours, written above); TLS 1.3 allows a
     * half-close, but reactor-netty has no way to end the inbound alone, so we send what was written before, our own
     * close_notify, and close.
     */
    private void onPeerCloseNotify() {
        peerClosed = true;
        closeStarted = true;
        ctx.fireUserEventTriggered(TlsCloseEvent.CLOSE_NOTIFY);
        if (engine != null && !failed && !engine.isOutboundClosed()) {
            if (!pendingWrites.isEmpty()) {
                flushWrites();
            }
            if (engine != null && !failed && !engine.isOutboundClosed()) {
                engine.closeOutbound();
                writeEngineOutput();
            }
        }
        failPendingWrites(new TlsClosedException("peer sent close_notify; nothing more can be written"));
        closeAfter(lastWrite, ctx.newPromise());
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
        if (torndown) {
            return;
        }
        if (!handshakeDone) {
            ctx.read(); // keep reading the handshake whatever auto-read says
            return;
        }
        boolean delivered = readFired;
        readFired = false;
        if (!delivered && !ctx.channel().config().isAutoRead()) {
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
        if (failed || closeStarted || closeNotifySent || peerClosed || torndown) {
            data.release();
            promise.tryFailure(new TlsClosedException("TLS connection is closed for writing"));
            return;
        }
        pendingWrites.add(new PendingWrite(data, promise));
        changePendingBytes(data.readableBytes());
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushRequested = true;
        if (handshakeDone && engine != null) {
            flushWrites();
        }
        // Before the handshake completes the writes wait; the handshake's own records are flushed as they come.
    }

    /** Seals the queued writes, gathering small ones into full records, and writes them as one buffer. */
    private void flushWrites() {
        flushRequested = false;
        if (pendingWrites.isEmpty()) {
            ctx.flush();
            return;
        }
        List<ChannelPromise> promises = new ArrayList<>(pendingWrites.size());
        ByteBuf batch = null;
        try {
            PendingWrite w;
            while ((w = pendingWrites.poll()) != null) {
                ByteBuf data = w.data();
                int n = data.readableBytes();
                changePendingBytes(-n);
                promises.add(w.promise());
                if (batch != null && batch.readableBytes() + n <= MAX_RECORD_PLAINTEXT) {
                    batch.writeBytes(data);
                    data.release();
                    continue;
                }
                if (batch != null) {
                    ByteBuf full = batch;
                    batch = null;
                    engine.send(full);
                }
                if (n >= MAX_RECORD_PLAINTEXT / 2 || pendingWrites.isEmpty()) {
                    engine.send(data); // large enough to fill records by itself
                } else {
                    batch = ctx.alloc().heapBuffer((int) Math.min(MAX_RECORD_PLAINTEXT, n + pendingBytes));
                    batch.writeBytes(data);
                    data.release();
                }
            }
            if (batch != null) {
                ByteBuf last = batch;
                batch = null;
                engine.send(last);
            }
        } catch (TlsAlertException | IllegalStateException e) {
            if (batch != null) {
                batch.release();
            }
            for (ChannelPromise p : promises) {
                p.tryFailure(e);
            }
            fail(e);
            return;
        }
        ByteBuf out = engine.takeOutbound();
        if (out == null) {
            promises.forEach(ChannelPromise::trySuccess); // only empty writes
            ctx.flush();
            return;
        }
        lastWrite = ctx.write(out);
        lastWrite.addListener(f -> {
            for (ChannelPromise p : promises) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
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
        if (closeNotifySent || closeStarted || failed || torndown || engine == null || !handshakeDone
                || engine.isOutboundClosed()) {
            promise.trySuccess();
            return;
        }
        closeNotifySent = true;
        if (!pendingWrites.isEmpty()) {
            flushWrites(); // what was written before goes before close_notify
        }
        if (engine != null && !engine.isOutboundClosed()) {
            engine.closeOutbound();
            writeEngineOutput();
        }
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
        if (closeStarted) {
            ctx.channel().closeFuture().addListener(f -> promise.trySuccess());
            return;
        }
        closeStarted = true;
        if (engine != null && handshakeDone && !failed && !engine.isOutboundClosed()) {
            if (!pendingWrites.isEmpty()) {
                flushWrites(); // what was written before close goes before close_notify
            }
            if (engine != null && !engine.isOutboundClosed()) {
                engine.closeOutbound();
                writeEngineOutput();
            }
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
        if (failed || torndown) {
            return;
        }
        failed = true;
        cancelPendingOperation();
        ByteBuf alert = alertFor(cause);
        if (!handshakeDone) {
            cancelHandshakeTimer();
            releasePermit();
            settings.observer().failed(client, elapsed(), cause);
            handshakeFuture.tryFailure(cause);
            ctx.fireUserEventTriggered(TlsHandshakeCompletionEvent.failure(cause));
        }
        failPendingWrites(cause);
        // The alert goes out before the pipeline hears of the failure: reactor-netty closes the connection as soon
        // as it does, and our close() then waits for this write (bounded by the close_notify flush timeout).
        if (alert != null && ctx.channel().isActive()) {
            lastWrite = ctx.writeAndFlush(alert);
        } else if (alert != null) {
            alert.release();
        }
        // A server's failed handshake goes up as an IOException, as SslHandler's does, so that reactor-netty logs it at
        // DEBUG, not as an ERROR with a stack trace (see TlsHandshakeFailedException); the event and the observer
        // above have the cause itself.
        ctx.fireExceptionCaught(client || handshakeDone ? cause : new TlsHandshakeFailedException(cause));
        if (!closeStarted) {
            closeStarted = true;
            closeAfter(lastWrite, ctx.newPromise());
        }
    }

    private ByteBuf alertFor(Throwable cause) {
        if (engine != null) {
            return engine.takeOutbound();
        }
        if (client || !started || cause instanceof TlsHandshakeTimeoutException || cause instanceof TlsClosedException) {
            return null;
        }
        // A server failed before it had an engine (the certificate resolver): tell the client why.
        AlertDescription description = cause instanceof TlsAlertException a ? a.alert() : AlertDescription.INTERNAL_ERROR;
        return FatalAlert.record(ctx.alloc(), description);
    }

    private void teardown() {
        if (torndown || ctx == null) {
            return;
        }
        torndown = true;
        cancelHandshakeTimer();
        releasePermit();
        if (engineRequest != null) {
            engineRequest.dispose();
        }
        cancelPendingOperation();
        if (engine != null) {
            engine.release();
            engine = null;
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
        PendingWrite w;
        while ((w = pendingWrites.poll()) != null) {
            changePendingBytes(-w.data().readableBytes());
            w.data().release();
            w.promise().tryFailure(cause);
        }
    }

    /**
     * Tracks queued, not yet sealed plaintext (to size the coalescing buffer). Writability is governed by the sealed
     * records in the channel's outbound buffer: writes are sealed on every flush, and reactor-netty flushes as it
     * sends, so a slow peer still pushes back on the writers.
     */
    private void changePendingBytes(long delta) {
        pendingBytes += delta;
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
