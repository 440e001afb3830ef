package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;

/** EndOfEarlyData (RFC 8446 §4.5): the client's last word under its 0-RTT keys; an empty body. */
record EndOfEarlyData() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encodeBody(ByteBuf out) {
    }
}
