package io.reactls.handshake.tls13;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.SignatureSchemes;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;

/** Makes and checks TLS 1.3 CertificateVerify signatures; RSA PKCS#1 v1.5 is not allowed there (RFC 8446 §4.2.3). */
final class CertificateVerifier13 {

    private CertificateVerifier13() {
    }

    static boolean allowed(SignatureScheme s) {
        return s != SignatureScheme.RSA_PKCS1_SHA256 && s != SignatureScheme.RSA_PKCS1_SHA384
                && s != SignatureScheme.RSA_PKCS1_SHA512;
    }

    static List<SignatureScheme> allowedOf(List<SignatureScheme> schemes) {
        return schemes.stream().filter(CertificateVerifier13::allowed).toList();
    }

    /** Our scheme for {@code key} (the public one: a remote key has no other) among those the peer offered, or null. */
    static SignatureScheme choose(HandshakeContext ctx, List<Integer> peerOffered, PublicKey key) {
        return SignatureSchemes.choose(allowedOf(ctx.config().signatureSchemes()), peerOffered, key);
    }

    static void verify(HandshakeContext ctx, CertificateVerify cv, PublicKey key, boolean peerIsServer, byte[] th) {
        SignatureScheme scheme = SignatureSchemes.checkPeerScheme(cv.signatureScheme(),
                allowedOf(ctx.config().signatureSchemes()), key, "CertificateVerify");
        boolean valid;
        try {
            valid = scheme.verify(key, CertificateVerifyContent.of(peerIsServer, th), cv.signature(),
                    ctx.config().crypto().signatureProvider(scheme));
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "cannot verify CertificateVerify: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, (peerIsServer ? "server" : "client")
                    + " CertificateVerify (" + scheme.rfcName() + ") does not verify with its certificate key");
        }
    }
}
