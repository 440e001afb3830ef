package io.reactls.handshake.tls12;

import io.reactls.alert.TlsAlertException;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;

/**
 * One TLS 1.2 handshake state. It accepts exactly the messages the protocol allows next and returns the following
 * state; anything else is an {@code unexpected_message} by construction.
 */
public interface Tls12State {

    default Tls12State handle(HandshakeContext ctx, Message message) {
        throw TlsAlertException.unexpectedMessage(message.type() + " is not allowed while " + describe());
    }

    default Tls12State handleChangeCipherSpec(HandshakeContext ctx) {
        throw TlsAlertException.unexpectedMessage("ChangeCipherSpec is not allowed while " + describe());
    }

    /** Whether application data may flow (the handshake is complete). */
    default boolean isTraffic() {
        return false;
    }

    /** Words for errors: "expecting ServerHello". */
    String describe();
}
