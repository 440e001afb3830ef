package io.reactls.fuzz;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.record.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One engine under fuzz, with the "fail closed, loudly" contract checked after every call: the engine either
 * returns normally or throws a {@link TlsAlertException}; anything else (IndexOutOfBounds, IllegalArgument, NPE, ...)
 * escapes to Jazzer as a finding. A failure must be the engine's {@code failure()}, be raised by us for a reason
 * other than internal_error (peer input is never our internal error), end our output with the alert record, deliver
 * no plaintext, and make every later call rethrow it. {@link #close} releases the engine and checks that every
 * buffer its allocator made was released.
 */
final class FuzzedEngine implements AutoCloseable {

    /** {@code -Dfuzz.trace=true}: print every alert, to see what a replayed input now ends in. */
    private static final boolean TRACE = Boolean.getBoolean("fuzz.trace");
    private static final Field WRITE_PROTECTION;

    static {
        try {
            WRITE_PROTECTION = TlsEngine.class.getDeclaredField("writeProtection");
            WRITE_PROTECTION.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TrackingAllocator alloc = new TrackingAllocator();
    final TlsEngine engine;
    private final ArrayDeque<byte[]> sent = new ArrayDeque<>();
    private final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    private boolean plaintextAllowed;
    private TlsAlertException failure;

    private FuzzedEngine(boolean client, TlsConfig config) {
        engine = client ? TlsEngine.client(config, FuzzPki.HOST, alloc) : TlsEngine.server(config, alloc);
    }

    static FuzzedEngine server(TlsConfig config) {
        return new FuzzedEngine(false, config);
    }

    static FuzzedEngine client(TlsConfig config) {
        return new FuzzedEngine(true, config);
    }

    /** Application data may be delivered (an established connection); during a handshake it never may. */
    FuzzedEngine allowPlaintext() {
        plaintextAllowed = true;
        return this;
    }

    TlsAlertException failure() {
        return failure;
    }

    boolean failed() {
        return failure != null;
    }

    /** Starts the handshake (a client queues its ClientHello, see {@link #takeSent}). */
    void begin() {
        call(engine::beginHandshake);
    }

    /** Feeds {@code data[from, to)} as ciphertext; false once the engine has failed. */
    boolean receive(byte[] data, int from, int to) {
        ByteBuf in = alloc.copyOf(data, from, to);
        if (failure != null) {
            expectRethrow(() -> engine.receive(in));
            return false;
        }
        return call(() -> engine.receive(in));
    }

    boolean receive(byte[] data) {
        return receive(data, 0, data.length);
    }

    /** Queues application data; false once the engine has failed. */
    boolean send(byte[] data) {
        if (failure != null || engine.isOutboundClosed()) {
            return false;
        }
        ByteBuf b = alloc.copyOf(data, 0, data.length);
        return call(() -> engine.send(b));
    }

    /**
     * Requests a KeyUpdate. On TLS 1.2 or after our close_notify that is the caller's mistake: an
     * IllegalStateException, and the connection goes on unharmed (no alert, nothing written).
     */
    boolean requestKeyUpdate() {
        if (failure != null || !engine.isHandshakeComplete()) {
            return false;
        }
        if (engine.session().version() == TlsVersion.TLS_1_3 && !engine.isOutboundClosed()) {
            return call(engine::requestKeyUpdate);
        }
        try {
            engine.requestKeyUpdate();
        } catch (IllegalStateException expected) {
            if (engine.failure() != null || engine.takeOutbound() != null) {
                throw new AssertionError("a KeyUpdate request the engine refused harmed the connection", expected);
            }
            return true;
        }
        throw new AssertionError("KeyUpdate accepted on " + engine.session().version()
                + (engine.isOutboundClosed() ? " after close_notify" : ""));
    }

    boolean closeOutbound() {
        return failure == null && call(engine::closeOutbound);
    }

    /** The next flight of ciphertext the engine wrote, or null. */
    byte[] takeSent() {
        return sent.poll();
    }

    boolean takeSentIsEmpty() {
        return sent.isEmpty();
    }

    /** Every byte of application data delivered so far. */
    byte[] delivered() {
        return plaintext.toByteArray();
    }

    /** The engine's current write protection, to seal records as this engine would (reflection: tests only). */
    RecordProtection writeProtection() {
        try {
            return (RecordProtection) WRITE_PROTECTION.get(engine);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean call(Runnable step) {
        try {
            step.run();
        } catch (TlsAlertException e) {
            failed(e);
            return false;
        }
        if (engine.failure() != null) {
            throw new AssertionError("engine failed without throwing: " + engine.failure(), engine.failure());
        }
        collect();
        return true;
    }

    private void collect() {
        ByteBuf out = engine.takeOutbound();
        if (out != null) {
            try {
                byte[] bytes = new byte[out.readableBytes()];
                out.readBytes(bytes);
                sent.add(bytes);
            } finally {
                out.release();
            }
        }
        ByteBuf p;
        while ((p = engine.takePlaintext()) != null) {
            try {
                if (!plaintextAllowed) {
                    throw new AssertionError("application data delivered before the handshake completed: "
                            + p.readableBytes() + " bytes");
                }
                byte[] bytes = new byte[p.readableBytes()];
                p.readBytes(bytes);
                plaintext.writeBytes(bytes);
            } finally {
                p.release();
            }
        }
        engine.takeEvents();
    }

    private void failed(TlsAlertException e) {
        if (TRACE) {
            System.err.println("fuzz: " + (engine.isClient() ? "client " : "server ") + e);
        }
        if (e.origin() == TlsAlertException.Origin.LOCAL && e.alert() == AlertDescription.INTERNAL_ERROR) {
            throw new AssertionError("peer input became internal_error (a bug in the engine, not a bad peer)", e);
        }
        if (engine.failure() != e) {
            throw new AssertionError("thrown " + e + " but failure() is " + engine.failure(), e);
        }
        failure = e;
        ByteBuf out = engine.takeOutbound();
        byte[] bytes = new byte[0];
        if (out != null) {
            bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
        }
        if (e.origin() == TlsAlertException.Origin.LOCAL) {
            expectAlertLast(bytes, e);
        }
        if (bytes.length > 0) {
            sent.add(bytes);
        }
        if (engine.takePlaintext() != null) {
            throw new AssertionError("plaintext still queued after " + e);
        }
        // Later calls rethrow the failure, release what they are given and write nothing.
        expectRethrow(engine::beginHandshake);
        ByteBuf more = alloc.copyOf(new byte[] {22, 3, 3, 0, 1, 1}, 0, 6);
        expectRethrow(() -> engine.receive(more));
        ByteBuf data = alloc.copyOf(new byte[] {'x'}, 0, 1);
        expectRethrow(() -> engine.send(data));
        engine.closeOutbound();
        if (engine.takeOutbound() != null) {
            throw new AssertionError("output after the fatal alert " + e);
        }
    }

    private void expectRethrow(Runnable call) {
        try {
            call.run();
        } catch (TlsAlertException again) {
            if (again != failure) {
                throw new AssertionError("after " + failure + " the engine threw another " + again, again);
            }
            return;
        }
        throw new AssertionError("a failed engine accepted a call after " + failure);
    }

    /** Our alert is the last record we wrote: in the clear level 2 and its code, or protected (type 21 or 23). */
    private static void expectAlertLast(byte[] out, TlsAlertException e) {
        int at = 0;
        int lastType = -1;
        int lastStart = -1;
        int lastLength = 0;
        while (at + 5 <= out.length) {
            lastType = out[at] & 0xFF;
            lastLength = (out[at + 3] & 0xFF) << 8 | out[at + 4] & 0xFF;
            lastStart = at + 5;
            at = lastStart + lastLength;
        }
        if (at != out.length || lastType < 0) {
            throw new AssertionError("after " + e + " our output is not whole records ending in the alert: "
                    + HexFormat.of().formatHex(out), e);
        }
        if (lastType == 21 && lastLength == 2) { // in the clear; a TLS 1.2 protected alert is longer
            byte[] alert = Arrays.copyOfRange(out, lastStart, lastStart + lastLength);
            if (!Arrays.equals(alert, new byte[] {2, (byte) e.alert().code()})) {
                throw new AssertionError("we sent alert " + HexFormat.of().formatHex(alert) + " but threw " + e, e);
            }
        } else if (lastType != 21 && lastType != 23) {
            throw new AssertionError("after " + e + " our last record has type " + lastType, e);
        }
    }

    /** Releases the engine and fails when any buffer it or we allocated is still referenced. */
    @Override
    public void close() {
        engine.release();
        alloc.assertAllReleased("by the " + (engine.isClient() ? "client" : "server") + " engine"
                + (failure == null ? "" : " after " + failure));
    }
}
