package io.reactls.handshake.tls12;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/** Step ⑧ in TLS 1.2: application data flows; renegotiation is refused with a warning (RFC 5746 §4.2, §4.4). */
public final class Traffic implements HandshakeState {

    private final boolean client;

    Traffic(boolean client) {
        this.client = client;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        boolean renegotiation = client ? m.type() == HandshakeType.HELLO_REQUEST : m.type() == HandshakeType.CLIENT_HELLO;
        if (!renegotiation) {
            throw TlsAlertException.unexpectedMessage(m.type() + " after the handshake completed");
        }
        if (m.type() == HandshakeType.HELLO_REQUEST && m.body().length != 0) {
            throw TlsAlertException.decodeError("HelloRequest must be empty");
        }
        ctx.sendWarning(AlertDescription.NO_RENEGOTIATION);
        return this;
    }

    @Override
    public boolean isTraffic() {
        return true;
    }

    @Override
    public String describe() {
        return "exchanging application data";
    }
}
