package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Two SSLEngines wired back to back in memory, driven exactly as the javadoc prescribes: wrap on NEED_WRAP, unwrap on
 * NEED_UNWRAP, run every delegated task on NEED_TASK. Records every result, so tests can check the transitions.
 */
final class EngineLoop {

    final SSLEngine client;
    final SSLEngine server;
    /** Ciphertext in flight: client → server, server → client. */
    final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    final List<SSLEngineResult> clientResults = new ArrayList<>();
    final List<SSLEngineResult> serverResults = new ArrayList<>();
    int tasksRun;

    EngineLoop(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        client.setUseClientMode(true);
        server.setUseClientMode(false);
    }

    /** Runs the handshake to completion on both sides; throws what an engine throws. */
    EngineLoop handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            boolean progress = step(client, toServer, toClient, clientResults);
            progress |= step(server, toClient, toServer, serverResults);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return this;
            }
            if (!progress) {
                throw new AssertionError("handshake stalled: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        throw new AssertionError("handshake did not finish in 200 rounds");
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One step of {@code e}: whatever its handshake status asks for. Returns whether anything happened. */
    boolean step(SSLEngine e, ByteBuffer out, ByteBuffer in, List<SSLEngineResult> results) throws SSLException {
        boolean progress = false;
        while (true) {
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = e.getDelegatedTask()) != null) {
                    task.run();
                    tasksRun++;
                }
                progress = true;
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                ByteBuffer dst = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
                SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), dst);
                results.add(r);
                dst.flip();
                out.put(dst);
                progress = true;
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return true;
                }
            } else if (hs == HandshakeStatus.NEED_UNWRAP
                    || (hs == HandshakeStatus.NOT_HANDSHAKING && in.position() > 0 && !e.isInboundDone())) {
                // NOT_HANDSHAKING with bytes waiting: post-handshake messages (TLS 1.3 tickets).
                in.flip();
                ByteBuffer dst = ByteBuffer.allocate(e.getSession().getApplicationBufferSize());
                SSLEngineResult r = e.unwrap(in, dst);
                in.compact();
                results.add(r);
                if (r.bytesConsumed() == 0 && (r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP
                        || r.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING)) {
                    return progress;
                }
                progress |= r.bytesConsumed() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP;
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return progress;
                }
            } else {
                return progress;
            }
        }
    }

    /** Encrypts {@code data} with {@code from} and decrypts it with {@code to}; returns what {@code to} read. */
    static byte[] transfer(SSLEngine from, SSLEngine to, byte[] data) throws SSLException {
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer wire = ByteBuffer.allocate(data.length + 64 * 1024);
        while (src.hasRemaining()) {
            SSLEngineResult r = from.wrap(src, wire);
            assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
        }
        wire.flip();
        ByteBuffer plain = ByteBuffer.allocate(data.length + to.getSession().getApplicationBufferSize());
        while (wire.hasRemaining()) {
            SSLEngineResult r = to.unwrap(wire, plain);
            assertThat(r.getStatus()).isEqualTo(SSLEngineResult.Status.OK);
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        plain.flip();
        byte[] out = new byte[plain.remaining()];
        plain.get(out);
        return out;
    }

    long finishedCount(List<SSLEngineResult> results) {
        return results.stream().filter(r -> r.getHandshakeStatus() == HandshakeStatus.FINISHED).count();
    }
}
