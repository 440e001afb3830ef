package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/**
 * The server acknowledged our session_ticket extension, so NewSessionTicket must come before its ChangeCipherSpec
 * (RFC 5077 §3.3; an empty ticket if it changed its mind). Anything else, ChangeCipherSpec included, is unexpected.
 */
final class ExpectNewSessionTicket implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectNewSessionTicket(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.NEW_SESSION_TICKET) {
            return HandshakeState.super.handle(ctx, m);
        }
        d.newTicket = NewSessionTicket12.decode(m.reader());
        ctx.transcript().add(m.encoded());
        return new ExpectServerChangeCipherSpec(d); // kept once the server Finished proves the keys
    }

    @Override
    public String describe() {
        return "expecting NewSessionTicket";
    }
}
