package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeContext;

/** Waiting for the server to switch to the new keys. */
final class ExpectServerChangeCipherSpec implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectServerChangeCipherSpec(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handleChangeCipherSpec(HandshakeContext ctx) {
        ctx.changeReadProtection(d.keys.serverWrite(ctx.config().aeadBackend()));
        return new ExpectServerFinished(d);
    }

    @Override
    public String describe() {
        return "expecting the server's ChangeCipherSpec";
    }
}
