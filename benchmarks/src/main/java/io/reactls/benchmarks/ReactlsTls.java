package io.reactls.benchmarks;

import io.netty.buffer.ByteBuf;
import io.reactls.engine.TlsEngine;

/** In-memory reactls connections for benchmarks: ciphertext moved between two engines until both are idle. */
final class ReactlsTls {

    private ReactlsTls() {
    }

    /** Begins and completes the handshake; the client also reads the server's post-handshake messages. */
    static void handshake(TlsEngine client, TlsEngine server) {
        client.beginHandshake();
        server.beginHandshake();
        pump(client, server);
        if (!client.isHandshakeComplete() || !server.isHandshakeComplete()) {
            throw new IllegalStateException("reactls handshake did not complete");
        }
    }

    static void pump(TlsEngine client, TlsEngine server) {
        boolean moved = true;
        while (moved) {
            moved = false;
            ByteBuf c = client.takeOutbound();
            if (c != null) {
                moved = true;
                server.receive(c);
            }
            ByteBuf s = server.takeOutbound();
            if (s != null) {
                moved = true;
                client.receive(s);
            }
        }
    }
}
