package io.reactls.handshake.tls12;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/**
 * TLS 1.2 NewSessionTicket (RFC 5077 §3.3): {@code u32 ticket_lifetime_hint; opaque ticket<0..2^16-1>}. The ticket
 * is opaque to the client; an empty one means the server acknowledged the extension but issues no ticket.
 *
 * @param lifetimeHint seconds the ticket should be kept; 0 means unspecified
 */
public record NewSessionTicket12(long lifetimeHint, byte[] ticket) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeInt((int) lifetimeHint);
        TlsWriter.vector16(out, ticket);
    }

    public static NewSessionTicket12 decode(TlsReader r) {
        long lifetimeHint = r.u32();
        byte[] ticket = r.vector16(0, 0xFFFF);
        r.expectEnd();
        return new NewSessionTicket12(lifetimeHint, ticket);
    }
}
