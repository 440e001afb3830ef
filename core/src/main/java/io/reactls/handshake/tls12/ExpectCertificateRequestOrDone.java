package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.CertificateRequest;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.ServerHelloDone;

/** After the server's certificate (and key exchange): an optional CertificateRequest, then ServerHelloDone. */
final class ExpectCertificateRequestOrDone implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectCertificateRequestOrDone(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() == HandshakeType.CERTIFICATE_REQUEST && d.certificateRequest == null) {
            d.certificateRequest = CertificateRequest.decode(m.reader());
            ctx.transcript().add(m.encoded());
            return this;
        }
        if (m.type() == HandshakeType.SERVER_HELLO_DONE) {
            ServerHelloDone.decode(m.reader());
            ctx.transcript().add(m.encoded());
            return ClientFlight.send(ctx, d);
        }
        return HandshakeState.super.handle(ctx, m);
    }

    @Override
    public String describe() {
        return d.certificateRequest == null ? "expecting CertificateRequest or ServerHelloDone" : "expecting ServerHelloDone";
    }
}
