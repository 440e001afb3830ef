package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/** The server proves it holds its certificate's key by signing the transcript. */
final class ExpectServerCertificateVerify implements HandshakeState {

    private final ClientData13 d;

    ExpectServerCertificateVerify(ClientData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CERTIFICATE_VERIFY) {
            return HandshakeState.super.handle(ctx, m);
        }
        CertificateVerify cv = CertificateVerify.decode(m.reader());
        CertificateVerifier13.verify(ctx, cv, d.serverChain.get(0).getPublicKey(), true, ctx.transcript().hash(CipherSuites.hash(d.suite)));
        ctx.transcript().add(m.encoded());
        return new ExpectServerFinished13(d);
    }

    @Override
    public String describe() {
        return "expecting the server CertificateVerify";
    }
}
