package io.reactls.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.SessionCache;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * reactls' {@link TlsEngine}s, pooled heap or direct {@code ByteBuf}s as under Netty; on the pure-Java crypto
 * backends, or with the native one ({@code nativeCrypto}) where it measured fastest.
 */
final class ReactlsPeers extends TlsPeers {

    private final ByteBufAllocator alloc;
    private final TlsConfig client;
    private final TlsConfig resumingClient;
    private final TlsConfig server;
    private final ByteBuf payload;
    private final boolean nativeCrypto;

    ReactlsPeers(TlsShape shape, boolean direct, boolean nativeCrypto) {
        super(shape, direct);
        String missing = nativeCrypto ? Stacks.nativeMissing() : null;
        if (missing != null) {
            throw new UnsupportedOperationException(Stacks.REACTLS_NATIVE + ": " + missing);
        }
        this.nativeCrypto = nativeCrypto;
        alloc = new PooledByteBufAllocator(direct);
        // Every client keeps its tickets, as the JDK's does (and so offers TLS 1.2's session_ticket extension); full
        // handshakes go to a new port each, so there is nothing to resume. Resuming clients share one cache and port.
        TlsConfig.Builder c = TlsConfig.client().trustAnchors(pki.trustAnchors());
        client = pin(c).sessionCache(SessionCache.bounded(64)).build();
        resumingClient = pin(c).sessionCache(SessionCache.bounded(4)).build();
        // One ticket per handshake, as the JDK's server sends.
        server = pin(TlsConfig.server(pki.leaf())).sessionTickets(1).build();
        payload = direct ? alloc.directBuffer() : alloc.heapBuffer();
    }

    private TlsConfig.Builder pin(TlsConfig.Builder b) {
        return b.versions(List.of(shape.version())).cipherSuites(List.of(shape.suite())).groups(List.of(shape.group()))
                .certificateCompression(List.of()).nativeCrypto(nativeCrypto);
    }

    @Override
    public void close() {
        payload.release();
    }

    @Override
    void payload(byte[] bytes) {
        payload.clear().writeBytes(bytes);
    }

    @Override
    Connection connect(boolean resume, String host) {
        TlsEngine c = resume ? TlsEngine.client(resumingClient, host, RESUME_PORT, alloc)
                : TlsEngine.client(client, host, nextPort(), alloc);
        TlsEngine s = TlsEngine.server(server, alloc);
        return new Connection() {
            private int wireBytes;
            private int wireRecords;

            @Override
            public int handshake(ServerWire wire) {
                c.beginHandshake();
                s.beginHandshake();
                int serverBytes = pump(c, s, wire);
                if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
                    throw new IllegalStateException("reactls handshake did not complete");
                }
                return serverBytes;
            }

            @Override
            public int transfer(ByteArrayOutputStream capture) {
                c.send(payload.retainedDuplicate());
                int n = 0;
                int w = 0;
                ByteBuf wire;
                int records = 0;
                while ((wire = c.takeOutbound()) != null) {
                    w += wire.readableBytes();
                    if (capture != null) {
                        records += ServerWire.recordCount(wire.nioBuffer());
                    }
                    s.receive(direct ? toDirect(wire) : wire);
                }
                wireBytes = w;
                if (capture != null) {
                    wireRecords = records;
                }
                ByteBuf p;
                while ((p = s.takePlaintext()) != null) {
                    n += p.readableBytes();
                    if (capture != null) {
                        byte[] b = new byte[p.readableBytes()];
                        p.readBytes(b);
                        capture.writeBytes(b);
                    }
                    p.release();
                }
                return n;
            }

            @Override
            public int lastWireBytes() {
                return wireBytes;
            }

            @Override
            public int lastWireRecords() {
                return wireRecords;
            }

            @Override
            public String cipherSuite() {
                return c.session().cipherSuite().name();
            }

            @Override
            public int keyShareGroup() {
                return c.session().group() == null ? -1 : c.session().group().id();
            }

            @Override
            public void close() {
                c.release();
                s.release();
            }
        };
    }

    /**
     * The engine seals into heap buffers (SunJCE is fastest on arrays); with {@code buffer=direct} the ciphertext is
     * moved to direct memory, as Netty does when it writes a heap buffer to a socket, and the server reads it from
     * there, as from a socket read: the same direct-memory work the SSLEngine stacks do with their direct buffers.
     */
    private ByteBuf toDirect(ByteBuf wire) {
        if (wire.isDirect()) {
            return wire;
        }
        try {
            return alloc.directBuffer(wire.readableBytes()).writeBytes(wire);
        } finally {
            wire.release();
        }
    }

    /** Moves ciphertext between the engines until both are idle; returns what the server sent. */
    private static int pump(TlsEngine client, TlsEngine server, ServerWire wire) {
        int serverBytes = 0;
        boolean moved = true;
        while (moved) {
            moved = false;
            ByteBuf c = client.takeOutbound();
            if (c != null) {
                moved = true;
                if (wire != null) {
                    wire.fromClient(c.readableBytes());
                }
                server.receive(c);
            }
            ByteBuf s = server.takeOutbound();
            if (s != null) {
                moved = true;
                serverBytes += s.readableBytes();
                if (wire != null) {
                    wire.fromServer(s.nioBuffer());
                }
                client.receive(s);
            }
        }
        return serverBytes;
    }
}
