package io.reactls.handshake;

import io.netty.buffer.ByteBuf;

/** A typed handshake message that can write its body (the 4-byte header is written by the framer). */
public interface HandshakeMessage {

    HandshakeType type();

    void encodeBody(ByteBuf out);
}
