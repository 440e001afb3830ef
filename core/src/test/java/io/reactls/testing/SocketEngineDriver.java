package io.reactls.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.TlsAlertException;
import io.reactls.engine.TlsEngine;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link TlsEngine} over a blocking {@link Socket}: the simplest honest transport for interop-testing the
 * engine itself against openssl and gnutls. Test-only; one thread at a time. Every read is bounded by the timeout.
 */
public final class SocketEngineDriver implements AutoCloseable {

    private final Socket socket;
    private final TlsEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    private final List<HandshakeEvent> events = new ArrayList<>();
    private final byte[] readBuffer = new byte[32 * 1024];
    private boolean eof;

    private SocketEngineDriver(Socket socket, TlsEngine engine, Duration timeout) throws IOException {
        this.socket = socket;
        this.engine = engine;
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects a client engine to 127.0.0.1:{@code port}; {@code serverName} is sent as SNI and checked. */
    public static SocketEngineDriver connect(TlsConfig config, String serverName, int port, Duration timeout) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), (int) timeout.toMillis());
            return new SocketEngineDriver(socket, TlsEngine.client(config, serverName, port, ByteBufAllocator.DEFAULT), timeout);
        } catch (IOException e) {
            closeQuietlyAfter(socket, e);
            throw new UncheckedIOException("cannot connect to " + LoopbackPorts.HOST + ":" + port, e);
        }
    }

    /** Accepts one connection on {@code listener} and wraps it in a server engine. */
    public static SocketEngineDriver accept(ServerSocket listener, TlsConfig config, Duration timeout) {
        try {
            listener.setSoTimeout((int) timeout.toMillis());
            Socket socket = listener.accept();
            return new SocketEngineDriver(socket, TlsEngine.server(config, ByteBufAllocator.DEFAULT), timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("no connection accepted on " + listener.getLocalSocketAddress(), e);
        }
    }

    /** A listening socket on 127.0.0.1 with a free port, for {@link #accept}. */
    public static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, java.net.InetAddress.getByName(LoopbackPorts.HOST));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + LoopbackPorts.HOST, e);
        }
    }

    public TlsEngine engine() {
        return engine;
    }

    /** Every handshake event so far, in order. */
    public List<HandshakeEvent> events() {
        return List.copyOf(events);
    }

    /** Runs the handshake to completion; throws the engine's {@link TlsAlertException} (after sending the alert). */
    public TlsSession handshake() {
        engine.beginHandshake();
        flush();
        while (!engine.isHandshakeComplete()) {
            // The peer may close right after its last handshake message, in the same read that completes ours.
            if (!readOnce() && !engine.isHandshakeComplete()) {
                throw new AssertionError("peer closed the connection during the handshake" + describeState());
            }
        }
        return engine.session();
    }

    /** Sends {@code data} as application data (before the handshake completes it is queued by the engine). */
    public void send(byte[] data) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.heapBuffer(Math.max(data.length, 1)).writeBytes(data);
        engine.send(buf);
        flush();
    }

    /** Reads until at least {@code count} plaintext bytes arrived; returns exactly {@code count} and keeps the rest. */
    public byte[] receive(int count) {
        while (plaintext.size() < count) {
            if (!readOnce()) {
                throw new AssertionError("connection ended after " + plaintext.size() + " of " + count
                        + " plaintext bytes" + describeState());
            }
        }
        byte[] all = plaintext.toByteArray();
        plaintext.reset();
        plaintext.write(all, count, all.length - count);
        return java.util.Arrays.copyOf(all, count);
    }

    /**
     * Reads once and returns the plaintext that arrived (maybe none), or null when the peer closed: after its
     * close_notify (our reply is sent) or at EOF.
     */
    public byte[] receiveSome() {
        if (plaintext.size() == 0 && !readOnce() && plaintext.size() == 0) {
            return null;
        }
        byte[] got = plaintext.toByteArray();
        plaintext.reset();
        return got;
    }

    /** Reads until the peer's close_notify or EOF; returns true for close_notify, false for a bare EOF (truncation). */
    public boolean awaitPeerClose() {
        while (readOnce()) {
            // keep reading: data after our close is allowed until the peer closes too
        }
        return engine.isInboundClosed();
    }

    /** Sends close_notify. */
    public void closeOutbound() {
        engine.closeOutbound();
        flush();
    }

    /** Plaintext received but not yet returned by {@link #receive}. */
    public int buffered() {
        return plaintext.size();
    }

    /**
     * One socket read fed to the engine, then whatever the engine wants to send. Returns false once the peer has
     * closed (close_notify or EOF).
     */
    private boolean readOnce() {
        if (eof || engine.isInboundClosed()) {
            return false;
        }
        int n;
        try {
            n = in.read(readBuffer);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no data from the peer within " + timeoutText() + describeState(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from " + socket.getRemoteSocketAddress(), e);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        try {
            engine.receive(ByteBufAllocator.DEFAULT.heapBuffer(n).writeBytes(readBuffer, 0, n));
        } catch (TlsAlertException e) {
            // The engine queued its fatal alert: the peer must see it, then the test sees the exception.
            try {
                flush();
            } catch (UncheckedIOException sendFailure) {
                e.addSuppressed(sendFailure);
            }
            collect();
            throw e;
        }
        collect();
        flush();
        return !engine.isInboundClosed();
    }

    private void collect() {
        events.addAll(engine.takeEvents());
        ByteBuf b;
        while ((b = engine.takePlaintext()) != null) {
            try {
                b.readBytes(plaintext, b.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // ByteArrayOutputStream does not throw
            } finally {
                b.release();
            }
        }
    }

    private void flush() {
        events.addAll(engine.takeEvents());
        ByteBuf b = engine.takeOutbound();
        if (b == null) {
            return;
        }
        try {
            b.readBytes(out, b.readableBytes());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to " + socket.getRemoteSocketAddress(), e);
        } finally {
            b.release();
        }
    }

    private String timeoutText() {
        try {
            return socket.getSoTimeout() + " ms";
        } catch (IOException e) {
            return "the timeout";
        }
    }

    private String describeState() {
        return " (handshake complete: " + engine.isHandshakeComplete() + ", events: " + events + ")";
    }

    /**
     * Closes the socket and releases the engine; does not send close_notify (see {@link #closeOutbound}). Bytes that
     * arrived unread (a TLS 1.3 server's session tickets, after a test that only handshakes) are skipped first: a
     * socket closed with unread bytes makes the kernel reset the connection instead of ending it, and the peer then
     * sees "connection reset" instead of our close.
     */
    @Override
    public void close() {
        try {
            skipUnread();
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + socket, e);
        } finally {
            ByteBuf pending = engine.takeOutbound();
            if (pending != null) {
                pending.release();
            }
            engine.release();
        }
    }

    private void skipUnread() {
        try {
            for (int n; !socket.isClosed() && (n = in.available()) > 0; ) {
                in.skipNBytes(n);
            }
        } catch (IOException e) {
            // already reset or closed by the peer: nothing left to spare it
        }
    }

    private static void closeQuietlyAfter(Socket socket, Exception cause) {
        try {
            socket.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
