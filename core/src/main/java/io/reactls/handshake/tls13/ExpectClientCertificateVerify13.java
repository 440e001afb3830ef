package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/** The client proves it holds the key of the certificate it sent. */
final class ExpectClientCertificateVerify13 implements HandshakeState {

    private final ServerData13 d;

    ExpectClientCertificateVerify13(ServerData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CERTIFICATE_VERIFY) {
            return HandshakeState.super.handle(ctx, m);
        }
        CertificateVerify cv = CertificateVerify.decode(m.reader());
        CertificateVerifier13.verify(ctx, cv, d.clientChain.get(0).getPublicKey(), false, ctx.transcript().hash(CipherSuites.hash(d.suite)));
        ctx.transcript().add(m.encoded());
        return new ExpectClientFinished13(d);
    }

    @Override
    public String describe() {
        return "expecting the client CertificateVerify";
    }
}
