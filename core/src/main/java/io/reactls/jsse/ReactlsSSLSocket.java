package io.reactls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A blocking {@link SSLSocket} over a {@link ReactlsSSLEngine}, for the code that still speaks sockets
 * ({@code HttpsURLConnection}, JDBC drivers). It is layered on a plain {@link Socket}: one it connected itself, one it
 * accepted, or one the caller handed to {@code createSocket(socket, host, port, autoClose)}. The handshake starts on
 * {@link #startHandshake()} or the first read or write; delegated tasks run on the calling thread. Reads and writes
 * may come from two threads; {@link #close()} sends close_notify.
 */
final class ReactlsSSLSocket extends SSLSocket {

    private final Socket socket;
    private final boolean autoClose;
    private final EngineFactory engines;
    private volatile ReactlsSSLEngine engine;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final List<HandshakeCompletedListener> listeners = new CopyOnWriteArrayList<>();
    private final ByteBuffer netIn = ByteBuffer.allocate(ReactlsSession.PACKET_BUFFER_SIZE);
    private final ByteBuffer appIn = ByteBuffer.allocate(ReactlsSession.APPLICATION_BUFFER_SIZE);
    private final ByteBuffer netOut = ByteBuffer.allocate(ReactlsSession.PACKET_BUFFER_SIZE);
    private final InputStream in = new TlsInputStream();
    private final OutputStream out = new TlsOutputStream();
    private volatile boolean handshakeDone;
    private volatile boolean closed;
    private boolean peerClosed;

    ReactlsSSLSocket(Socket socket, boolean autoClose, EngineFactory engines, String host, int port, boolean clientMode) {
        this.socket = socket;
        this.autoClose = autoClose;
        this.engines = engines;
        this.engine = engines.create(host, port);
        engine.setUseClientMode(clientMode);
        appIn.flip();
    }

    // ------------------------------------------------------------------------------------------ handshake

    @Override
    public void startHandshake() throws IOException {
        checkOpen();
        synchronized (readLock) {
            synchronized (writeLock) {
                if (handshakeDone) {
                    engine.beginHandshake(); // TLS 1.3: KeyUpdate; TLS 1.2: refused
                    flushEngine();
                    return;
                }
                engine.beginHandshake();
                HandshakeStatus hs = engine.getHandshakeStatus();
                while (hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED) {
                    switch (hs) {
                        case NEED_TASK -> runTasks();
                        case NEED_WRAP -> hs = wrapOnce();
                        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                            if (unwrapOnce() < 0) {
                                throw new SSLException("connection closed during the handshake");
                            }
                        }
                        default -> { }
                    }
                    if (hs != HandshakeStatus.FINISHED) {
                        hs = engine.getHandshakeStatus();
                    }
                }
                handshakeDone = true;
            }
        }
        HandshakeCompletedEvent event = new HandshakeCompletedEvent(this, engine.getSession());
        for (HandshakeCompletedListener l : listeners) {
            l.handshakeCompleted(event);
        }
    }

    private void ensureHandshake() throws IOException {
        if (!handshakeDone) {
            startHandshake();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** One wrap of nothing (handshake data or alerts), written out; returns the result's handshake status. */
    private HandshakeStatus wrapOnce() throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
        writeNet();
        return r.getHandshakeStatus();
    }

    /** Writes whatever the engine still has to send (alerts, post-handshake messages). */
    private void flushEngine() throws IOException {
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), netOut);
            writeNet();
            if (r.bytesProduced() == 0) {
                return;
            }
        }
    }

    private void writeNet() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            socket.getOutputStream().write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            socket.getOutputStream().flush();
        }
        netOut.clear();
    }

    /**
     * Reads one record's worth from the network and unwraps it into {@link #appIn}; returns the plaintext bytes
     * produced, or -1 at the end of the stream (the peer's close_notify, or EOF).
     */
    private int unwrapOnce() throws IOException {
        while (true) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } catch (SSLException e) {
                netIn.compact();
                appIn.flip();
                synchronized (writeLock) {
                    flushEngine(); // our alert
                }
                throw e;
            }
            netIn.compact();
            appIn.flip();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    int n = socket.getInputStream().read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
                    if (n < 0) {
                        if (engine.isInboundDone()) {
                            return -1;
                        }
                        peerClosed = true;
                        try {
                            engine.closeInbound();
                        } catch (SSLException truncated) {
                            // EOF without close_notify: reported as the end of the stream, like SunJSSE's sockets
                        }
                        return -1;
                    }
                    netIn.position(netIn.position() + n);
                }
                case BUFFER_OVERFLOW -> {
                    return 0; // appIn still holds unread plaintext
                }
                case CLOSED -> {
                    synchronized (writeLock) {
                        flushEngine(); // TLS 1.2: our close_notify in reply
                    }
                    return r.bytesProduced() > 0 ? r.bytesProduced() : -1;
                }
                case OK -> {
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && handshakeDone) {
                        synchronized (writeLock) {
                            flushEngine(); // post-handshake replies (KeyUpdate)
                        }
                    }
                    return r.bytesProduced();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ streams

    @Override
    public InputStream getInputStream() throws IOException {
        checkOpen();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        checkOpen();
        return out;
    }

    private final class TlsInputStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            ensureHandshake();
            synchronized (readLock) {
                while (!appIn.hasRemaining()) {
                    if (closed) {
                        throw new SocketException("socket is closed");
                    }
                    if (unwrapOnce() < 0 && !appIn.hasRemaining()) {
                        return -1;
                    }
                }
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (readLock) {
                return appIn.remaining();
            }
        }

        @Override
        public void close() throws IOException {
            ReactlsSSLSocket.this.close();
        }
    }

    private final class TlsOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ensureHandshake();
            synchronized (writeLock) {
                checkOpen();
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                while (src.hasRemaining()) {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(src, netOut);
                    writeNet();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SocketException("the TLS connection is closed for writing");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            ReactlsSSLSocket.this.close();
        }
    }

    // ------------------------------------------------------------------------------------------ closing

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (socket.isConnected() && !socket.isClosed() && !socket.isOutputShutdown()) {
                synchronized (writeLock) {
                    engine.closeOutbound();
                    flushEngine();
                }
            }
        } catch (IOException ignored) {
            // the peer may be gone already; closing must still close
        } finally {
            closed = true;
            if (autoClose || !socket.isConnected()) {
                socket.close();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed || socket.isClosed();
    }

    private void checkOpen() throws SocketException {
        if (closed || socket.isClosed()) {
            throw new SocketException("socket is closed");
        }
    }

    @Override
    public void shutdownInput() throws IOException {
        throw new UnsupportedOperationException("shutdownInput is not supported on an SSLSocket");
    }

    @Override
    public void shutdownOutput() throws IOException {
        throw new UnsupportedOperationException("shutdownOutput is not supported on an SSLSocket");
    }

    // ------------------------------------------------------------------------------------------ SSLSocket

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    /** As the javadoc says: starts the handshake if need be, and is the invalid null session if it fails. */
    @Override
    public SSLSession getSession() {
        if (!handshakeDone && !closed) {
            try {
                startHandshake();
            } catch (IOException e) {
                return engine.getSession(); // not negotiated: SSL_NULL_WITH_NULL_NULL
            }
        }
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (!listeners.remove(listener)) {
            throw new IllegalArgumentException("listener is not registered");
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        engine.setSSLParameters(params);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (e, offered) -> selector.apply(this, offered));
    }

    // ------------------------------------------------------------------------------------------ Socket, delegated

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        socket.connect(endpoint, timeout);
        peerKnown(endpoint);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /**
     * An unconnected socket's engine was made without the peer's host, which SNI, the session and endpoint
     * identification need: now that it is known, a fresh engine takes over every setting of the first.
     */
    private void peerKnown(SocketAddress endpoint) {
        if (!(endpoint instanceof java.net.InetSocketAddress a) || engine.getPeerHost() != null) {
            return;
        }
        ReactlsSSLEngine old = engine;
        ReactlsSSLEngine fresh = engines.create(a.getHostString(), a.getPort());
        fresh.setUseClientMode(old.getUseClientMode());
        fresh.setEnableSessionCreation(old.getEnableSessionCreation());
        fresh.setSSLParameters(old.getSSLParameters());
        fresh.setHandshakeApplicationProtocolSelector(old.getHandshakeApplicationProtocolSelector());
        engine = fresh;
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        socket.bind(local);
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isInputShutdown() {
        return peerClosed || socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "ReactlsSSLSocket[" + socket + "]";
    }
}
