package io.reactls.driver;

import io.netty.buffer.ByteBuf;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeHooks;
import io.reactls.PendingOperation;
import io.reactls.TlsAlertException;
import io.reactls.TlsSession;
import io.reactls.engine.TlsEngine;
import io.reactls.internal.PendingOperations;
import java.util.Objects;
import java.util.concurrent.Executor;
import reactor.core.Disposable;

/**
 * Drives one {@link TlsEngine} for a transport: feeds it ciphertext and plaintext, moves what it produced (records,
 * handshake events, plaintext, the peer's close) to the {@link Transport}, runs the operations it hands out on the
 * {@link HandshakeHooks} and resumes it with their outcome, and turns an engine failure into our alert plus one
 * {@link Transport#failed} call. {@link io.reactls.connection.TlsConnection} (any byte transport, Reactor streams) and the Netty
 * handler ({@code io.reactls.netty.TlsHandler}) are two transports over this one loop.
 *
 * <p>Not thread-safe, like the engine: the owner calls it from one thread at a time (its event loop, or under its
 * monitor), and {@code resumeOn} brings a hook's answer, which may arrive on any thread, back there.
 */
public final class EngineDriver {

    /** Where the connection is. Moves forward only; {@link #FAILED} and {@link #RELEASED} are final. */
    public enum State {
        /** The handshake has not started. */
        NEW,
        /** Handshake messages are flowing (or the engine waits for a hook). */
        HANDSHAKING,
        /** The handshake completed; data flows both ways. */
        OPEN,
        /** We sent close_notify; the peer may still send. */
        OUTBOUND_CLOSED,
        /** The peer sent close_notify; we may still send (TLS 1.3 half-close). */
        INBOUND_CLOSED,
        /** close_notify went both ways. */
        CLOSED,
        /** A fatal alert (sent or received) or a transport failure ended the connection; see {@link #failure()}. */
        FAILED,
        /** The engine's buffers are freed; nothing more flows. */
        RELEASED;

        public boolean inboundClosed() {
            return this == INBOUND_CLOSED || this == CLOSED;
        }

        public boolean outboundClosed() {
            return this == OUTBOUND_CLOSED || this == CLOSED;
        }

        /** No more engine calls: the connection failed or its buffers are gone. */
        public boolean isTerminal() {
            return this == FAILED || this == RELEASED;
        }
    }

    /** What the driver hands its transport. Called on the owner's thread, from within the driver's methods. */
    public interface Transport {
        /**
         * Records to send (handshake flights, sealed data, alerts); the transport owns {@code records}.
         *
         * @param records ciphertext for the peer
         */
        void write(ByteBuf records);

        /**
         * A handshake step.
         *
         * @param event the step
         */
        void event(HandshakeEvent event);

        /**
         * The handshake completed (once).
         *
         * @param session the negotiated session
         */
        void established(TlsSession session);

        /** The engine may hold verified plaintext: take it with {@link #takePlaintext()}, at the transport's pace. */
        void plaintextReady();

        /** Our close_notify (our own, or the answer to the peer's) is the last record written. Once. */
        void outboundClosed();

        /** The peer's close_notify arrived; nothing more comes in. Once. */
        void inboundClosed();

        /**
         * The connection failed; our alert, if any, has been given to {@link #write} already. Once.
         *
         * @param cause why
         */
        void failed(Throwable cause);
    }

    private final TlsEngine engine;
    private final Executor resumeOn;
    private final Transport transport;
    private HandshakeHooks hooks = HandshakeHooks.none();
    private State state = State.NEW;
    private Throwable failure;
    /** The negotiated session, once the handshake completed. */
    private TlsSession session;
    /** The operation a hook is working on, and its subscription while it runs. */
    private PendingOperation pendingOperation;
    private Disposable pendingWork;

    /**
     * A driver for a new engine.
     *
     * @param engine the engine, not started
     * @param resumeOn runs a task on the owner's thread (a hook's answer may come from any thread)
     * @param transport where records, events, plaintext and the outcome go
     */
    public EngineDriver(TlsEngine engine, Executor resumeOn, Transport transport) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.resumeOn = Objects.requireNonNull(resumeOn, "resumeOn");
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Hands the engine's slow work to {@code hooks}; what they do not cover is done in place. Before {@link #start()}.
     *
     * @param handshakeHooks the hooks
     * @throws IllegalArgumentException when our key has no private part here and no hook signs for it
     * @throws IllegalStateException once the handshake has started
     */
    public void hooks(HandshakeHooks handshakeHooks) {
        Objects.requireNonNull(handshakeHooks, "hooks");
        if (state != State.NEW) {
            throw new IllegalStateException("hooks are set before the connection starts");
        }
        PendingOperations.handOut(engine, handshakeHooks);
        this.hooks = handshakeHooks;
    }

    /** Starts the handshake (a client's ClientHello goes out). */
    public void start() {
        if (state != State.NEW) {
            return;
        }
        state = State.HANDSHAKING;
        step(engine::beginHandshake);
    }

    /**
     * Feeds ciphertext from the peer; the driver owns it from now on.
     *
     * @param ciphertext bytes from the transport, heap or direct
     */
    public void receive(ByteBuf ciphertext) {
        if (state.isTerminal() || state.inboundClosed()) {
            ciphertext.release();
            return;
        }
        if (state == State.NEW) {
            state = State.HANDSHAKING;
        }
        step(() -> engine.receive(ciphertext));
    }

    /**
     * Seals plaintext into records (held until {@link #flush()}); before the handshake completes the engine keeps it
     * until then. The driver owns {@code plaintext}; once failed, it is released and nothing happens.
     *
     * @param plaintext the bytes to send
     */
    public void send(ByteBuf plaintext) {
        if (state.isTerminal()) {
            plaintext.release();
            return;
        }
        guarded(() -> engine.send(plaintext));
    }

    /** Hands the records sealed so far to the transport. */
    public void flush() {
        if (!state.isTerminal()) {
            moveOutput();
            advance();
        }
    }

    /** Sends close_notify after what was sent before; the peer may go on sending. */
    public void closeOutbound() {
        if (!state.isTerminal()) {
            step(engine::closeOutbound);
        }
    }

    /**
     * Ends the connection: our alert (if the engine has one) goes out, then {@link Transport#failed}. Later calls and
     * calls after {@link #release()} do nothing.
     *
     * @param cause why
     */
    public void fail(Throwable cause) {
        if (state.isTerminal()) {
            return;
        }
        state = State.FAILED;
        failure = cause;
        cancelPendingOperation();
        moveOutput(); // carries our fatal alert, if any
        transport.failed(cause);
    }

    /** Frees the engine's buffers and cancels a running hook. Safe to call more than once. */
    public void release() {
        if (state == State.RELEASED) {
            return;
        }
        state = State.RELEASED;
        cancelPendingOperation();
        engine.release();
    }

    /**
     * The next verified plaintext, or null. The caller owns it.
     *
     * @return plaintext, or null
     */
    public ByteBuf takePlaintext() {
        return state == State.RELEASED ? null : engine.takePlaintext();
    }

    /**
     * Where the connection is.
     *
     * @return the state
     */
    public State state() {
        return state;
    }

    /**
     * Why the connection failed, or null.
     *
     * @return the failure, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * The engine, for what the driver does not cover (session, exporters).
     *
     * @return the engine
     */
    public TlsEngine engine() {
        return engine;
    }

    // ------------------------------------------------------------------ the loop

    /** One engine call, then everything it produced moves out and a hook starts if the engine now waits for one. */
    private void step(Runnable engineCall) {
        if (!guarded(engineCall)) {
            return;
        }
        moveOutput();
        State before = state;
        advance();
        transport.plaintextReady();
        if (state.inboundClosed() && !before.inboundClosed() && !state.isTerminal()) {
            transport.inboundClosed();
        }
        startPendingOperation();
    }

    /** Runs an engine call; a TLS failure fails the connection (our alert goes out) instead of escaping. */
    private boolean guarded(Runnable engineCall) {
        try {
            engineCall.run();
            return true;
        } catch (TlsAlertException | IllegalStateException | IllegalArgumentException e) {
            fail(e);
            return false;
        }
    }

    private void moveOutput() {
        for (HandshakeEvent e : engine.takeEvents()) {
            transport.event(e);
        }
        ByteBuf records = engine.takeOutbound();
        if (records != null) {
            transport.write(records);
        }
    }

    /** Reads the engine's flags into {@link #state} and tells the transport what changed. */
    private void advance() {
        if (state.isTerminal()) {
            return;
        }
        State before = state;
        if (session == null && engine.isHandshakeComplete()) {
            session = engine.session();
            if (state == State.HANDSHAKING) {
                state = State.OPEN;
            }
            transport.established(session);
            if (state.isTerminal()) {
                return; // the transport failed the connection on hearing it
            }
        }
        boolean in = engine.isInboundClosed();
        boolean out = engine.isOutboundClosed();
        if (in || out) {
            state = in && out ? State.CLOSED : in ? State.INBOUND_CLOSED : State.OUTBOUND_CLOSED;
        }
        if (state.outboundClosed() && !before.outboundClosed()) {
            transport.outboundClosed();
        }
    }

    // ------------------------------------------------------------------ pending operations (signer, decrypter, verifier)

    /** The engine waits for a hook: run it. Its answer may come on any thread; it resumes the engine via resumeOn. */
    private void startPendingOperation() {
        PendingOperation op = state.isTerminal() ? null : engine.pendingOperation();
        if (op == null || op == pendingOperation) {
            return;
        }
        pendingOperation = op;
        Disposable work = PendingOperations.run(hooks, op).subscribe(
                result -> resumeOn.execute(() -> onPendingOperationDone(op, result, null)),
                error -> resumeOn.execute(() -> onPendingOperationDone(op, null, error)));
        if (pendingOperation == op) {
            pendingWork = work; // still running (a hook that answered at once has resumed the engine already)
        }
    }

    private void onPendingOperationDone(PendingOperation op, byte[] result, Throwable error) {
        if (pendingOperation != op) {
            return; // cancelled meanwhile
        }
        pendingOperation = null;
        pendingWork = null;
        if (state.isTerminal()) {
            return;
        }
        step(() -> {
            if (error == null) {
                PendingOperations.complete(engine, op, result);
            } else {
                PendingOperations.fail(engine, error);
            }
        });
    }

    private void cancelPendingOperation() {
        pendingOperation = null;
        if (pendingWork != null) {
            pendingWork.dispose(); // cancels the signer, decrypter or verifier still running
            pendingWork = null;
        }
    }
}
