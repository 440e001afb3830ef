package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;

/** KeyUpdate (RFC 8446 §4.6.3). */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(updateRequested ? 1 : 0);
    }

    public static KeyUpdate decode(TlsReader r) {
        int v = r.u8();
        r.expectEnd();
        if (v > 1) {
            throw TlsAlertException.illegalParameter("KeyUpdate request_update " + v + " is neither 0 nor 1");
        }
        return new KeyUpdate(v == 1);
    }
}
