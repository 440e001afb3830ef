package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;

/** Finished (RFC 5246 §7.4.9): verify_data over the whole transcript, under the new keys. */
public record Finished(byte[] verifyData) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeBytes(verifyData);
    }

    /** TLS 1.2 verify_data is 12 bytes for every suite we support. */
    public static Finished decode(TlsReader r, int length) {
        byte[] data = r.bytes(length);
        r.expectEnd();
        return new Finished(data);
    }
}
