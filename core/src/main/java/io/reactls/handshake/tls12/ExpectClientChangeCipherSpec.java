package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeContext;

/** Waiting for the client to switch to the new keys. */
final class ExpectClientChangeCipherSpec implements HandshakeState {

    private final ServerHandshakeData d;

    ExpectClientChangeCipherSpec(ServerHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext ctx) {
        ctx.changeReadProtection(d.keys.clientWrite(ctx.config().aeadBackend()));
        return new ExpectClientFinished(d);
    }

    @Override
    public String describe() {
        return "expecting the client's ChangeCipherSpec";
    }
}
