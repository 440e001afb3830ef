package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.SignatureSchemes;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/** The client proves it holds the key of the certificate it sent. */
final class ExpectCertificateVerify implements HandshakeState {

    private final ServerHandshakeData d;

    ExpectCertificateVerify(ServerHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CERTIFICATE_VERIFY) {
            return HandshakeState.super.handle(ctx, m);
        }
        CertificateVerify cv = CertificateVerify.decode(m.reader());
        PublicKey key = d.clientChain.get(0).getPublicKey();
        SignatureScheme scheme = SignatureSchemes.checkPeerScheme(cv.signatureScheme(), ctx.config().signatureSchemes(), key, "CertificateVerify");
        boolean valid;
        try {
            valid = scheme.verify(key, ctx.transcript().bytes(), cv.signature(),
                    ctx.config().crypto().signatureProvider(scheme));
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "cannot verify CertificateVerify: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "client CertificateVerify signature does not verify");
        }
        ctx.transcript().add(m.encoded());
        return new ExpectClientChangeCipherSpec(d);
    }

    @Override
    public String describe() {
        return "expecting CertificateVerify";
    }
}
