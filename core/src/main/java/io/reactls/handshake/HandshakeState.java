package io.reactls.handshake;

import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeReassembler.Message;

/**
 * One handshake state (TLS 1.2 or 1.3). It accepts exactly the messages the protocol allows next and returns the following
 * state; anything else is an {@code unexpected_message} by construction.
 */
public interface HandshakeState {

    default HandshakeState handle(HandshakeContext ctx, Message message) {
        throw TlsAlertException.unexpectedMessage(message.type() + " is not allowed while " + describe());
    }

    /** TLS 1.3 traffic only: send KeyUpdate (asking the peer to update too) and move to new write keys. */
    default HandshakeState requestKeyUpdate(HandshakeContext ctx) {
        throw new IllegalStateException("KeyUpdate is possible only after a TLS 1.3 handshake");
    }

    /**
     * TLS 1.3 traffic only: our write key is near its usage limit (RFC 8446 §5.5), so send KeyUpdate without
     * asking the peer to update and move to new write keys.
     */
    default HandshakeState updateWriteKeysBeforeLimit(HandshakeContext ctx) {
        throw new IllegalStateException("automatic KeyUpdate is possible only after a TLS 1.3 handshake");
    }

    default HandshakeState handleChangeCipherSpec(HandshakeContext ctx) {
        throw TlsAlertException.unexpectedMessage("ChangeCipherSpec is not allowed while " + describe());
    }

    /**
     * Whether application data may flow (the handshake is complete). Traffic states still receive handshake
     * messages: TLS 1.2 refuses renegotiation, TLS 1.3 takes NewSessionTicket and KeyUpdate.
     */
    default boolean isTraffic() {
        return false;
    }

    /**
     * TLS 1.3 server that accepted 0-RTT: application data now is the client's early data (delivered, counted and
     * bounded by max_early_data_size) rather than a protocol error.
     */
    default boolean acceptsEarlyData() {
        return false;
    }

    /** Words for errors: "expecting ServerHello". */
    String describe();
}
