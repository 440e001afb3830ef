package io.reactls.handshake.tls13;

import io.reactls.HandshakeStep;
import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/**
 * A TLS 1.3 server that accepted 0-RTT: the client's early data flows (under its early traffic keys) until
 * EndOfEarlyData (RFC 8446 §4.5), after which its handshake flight comes under the handshake keys.
 */
final class ExpectEndOfEarlyData13 implements HandshakeState {

    private final ServerData13 d;

    ExpectEndOfEarlyData13(ServerData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.END_OF_EARLY_DATA) {
            return HandshakeState.super.handle(ctx, m);
        }
        if (m.reader().hasRemaining()) {
            throw TlsAlertException.decodeError("EndOfEarlyData must be empty");
        }
        ctx.transcript().add(m.encoded());
        ctx.changeReadProtection(Tls13KeySchedule.protection(d.suite, ctx.config().aeadBackend(), d.clientHandshakeSecret));
        ctx.event(HandshakeStep.CLIENT_FINISHED, "EndOfEarlyData: " + ctx.earlyDataReceived() + " bytes of 0-RTT data received");
        return new ExpectClientFinished13(d);
    }

    @Override
    public boolean acceptsEarlyData() {
        return true;
    }

    @Override
    public String describe() {
        return "expecting 0-RTT data or EndOfEarlyData";
    }
}
