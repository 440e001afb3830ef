package io.reactls.conformance;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import java.time.Duration;

/**
 * A {@link TlsEngine} in memory as the peer under test. A server echoes the application data it receives, as
 * {@code reactls server} does, so a script can prove the handshake completed by a round trip.
 */
public final class EnginePeer implements Peer {

    private final TlsEngine engine;
    private final boolean echo;
    private TlsAlertException failure;

    private EnginePeer(TlsEngine engine, boolean echo) {
        this.engine = engine;
        this.echo = echo;
        engine.beginHandshake();
    }

    public static EnginePeer server(TlsConfig config) {
        return new EnginePeer(TlsEngine.server(config, ByteBufAllocator.DEFAULT), true);
    }

    /** A client engine for "localhost"; its ClientHello is ready to {@link #read}. */
    public static EnginePeer client(TlsConfig config) {
        return new EnginePeer(TlsEngine.client(config, "localhost", ByteBufAllocator.DEFAULT), false);
    }

    public TlsEngine engine() {
        return engine;
    }

    @Override
    public void write(byte[] bytes) {
        if (failure != null || engine.isClosed()) {
            return; // a closed connection reads nothing, as a socket would refuse the write
        }
        try {
            engine.receive(Unpooled.copiedBuffer(bytes));
            ByteBuf plaintext;
            while ((plaintext = engine.takePlaintext()) != null) {
                if (echo && !engine.isOutboundClosed()) {
                    engine.send(plaintext);
                } else {
                    plaintext.release();
                }
            }
        } catch (TlsAlertException e) {
            failure = e;
        }
    }

    @Override
    public byte[] read(Duration timeout) {
        ByteBuf out = engine.takeOutbound();
        if (out == null) {
            return new byte[0];
        }
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @Override
    public boolean isClosed() {
        return failure != null || engine.isClosed();
    }

    @Override
    public TlsAlertException localFailure() {
        return failure;
    }

    @Override
    public void close() {
        ByteBuf left = engine.takeOutbound();
        if (left != null) {
            left.release();
        }
        engine.release();
    }
}
