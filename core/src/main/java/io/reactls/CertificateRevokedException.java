package io.reactls;

import java.security.cert.CRLReason;
import java.time.Instant;

/**
 * The peer's certificate was revoked: the handshake ends with certificate_revoked. Says why (the CRL reason code,
 * RFC 5280 §5.3.1), since when, and who said so.
 */
public final class CertificateRevokedException extends CertificateVerificationException {

    private static final long serialVersionUID = 1L;

    private final CRLReason revocationReason;
    private final Instant revokedAt;

    /**
     * A revoked certificate.
     *
     * @param subject the revoked certificate's subject
     * @param revocationReason the reason code, {@link CRLReason#UNSPECIFIED} when none was given
     * @param revokedAt when it was revoked
     * @param source who said so, e.g. "OCSP staple" or "OCSP responder http://ocsp.example/"
     */
    public CertificateRevokedException(String subject, CRLReason revocationReason, Instant revokedAt, String source) {
        super(Reason.REVOKED, subject + " was revoked at " + revokedAt + " (" + revocationReason + "), says the " + source);
        this.revocationReason = revocationReason;
        this.revokedAt = revokedAt;
    }

    /**
     * Why the certificate was revoked.
     *
     * @return the CRL reason code
     */
    public CRLReason revocationReason() {
        return revocationReason;
    }

    /**
     * When the certificate was revoked.
     *
     * @return the revocation time
     */
    public Instant revokedAt() {
        return revokedAt;
    }
}
