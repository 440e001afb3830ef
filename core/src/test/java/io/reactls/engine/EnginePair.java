package io.reactls.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** A client and a server engine wired back to back in memory; {@link #pump} moves ciphertext until both are idle. */
final class EnginePair implements AutoCloseable {

    final TlsEngine client;
    final TlsEngine server;
    /** Applied to every client→server flight; tests use it to corrupt or drop bytes. */
    UnaryOperator<ByteBuf> toServer = UnaryOperator.identity();
    UnaryOperator<ByteBuf> toClient = UnaryOperator.identity();

    EnginePair(TlsEngine client, TlsEngine server) {
        this.client = client;
        this.server = server;
    }

    /** Runs the handshake to completion (or throws the first TlsAlertException). */
    EnginePair handshake() {
        client.beginHandshake();
        server.beginHandshake();
        pump();
        return this;
    }

    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            ByteBuf c = client.takeOutbound();
            if (c != null) {
                moved = true;
                server.receive(toServer.apply(c));
            }
            ByteBuf s = server.takeOutbound();
            if (s != null) {
                moved = true;
                client.receive(toClient.apply(s));
            }
        }
    }

    static String drain(TlsEngine engine) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = engine.takePlaintext()) != null) {
            sb.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return sb.toString();
    }

    static ByteBuf text(String s) {
        return ByteBufAllocator.DEFAULT.heapBuffer().writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuf copy(byte[] b) {
        return Unpooled.copiedBuffer(b);
    }

    @Override
    public void close() {
        releaseOutbound(client);
        releaseOutbound(server);
        client.release();
        server.release();
    }

    private static void releaseOutbound(TlsEngine e) {
        ByteBuf b = e.takeOutbound();
        if (b != null) {
            b.release();
        }
    }
}
