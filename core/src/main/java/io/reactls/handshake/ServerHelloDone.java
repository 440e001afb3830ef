package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;

/** ServerHelloDone (RFC 5246 §7.4.5): the server's flight is complete. */
public record ServerHelloDone() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        // empty body
    }

    public static ServerHelloDone decode(TlsReader r) {
        r.expectEnd();
        return new ServerHelloDone();
    }
}
