package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/** TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1). */
public record NewSessionTicket(long lifetime, long ageAdd, byte[] nonce, byte[] ticket, Extensions extensions)
        implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeInt((int) lifetime);
        out.writeInt((int) ageAdd);
        TlsWriter.vector8(out, nonce);
        TlsWriter.vector16(out, ticket);
        extensions.encode(out);
    }

    public static NewSessionTicket decode(TlsReader r) {
        long lifetime = r.u32();
        long ageAdd = r.u32();
        byte[] nonce = r.vector8(0, 0xFF);
        byte[] ticket = r.vector16(1, 0xFFFF);
        Extensions ext = Tls13Extensions.decodeBlock(r, "NewSessionTicket");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, ext);
    }
}
