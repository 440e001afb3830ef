package io.reactls.cert;

import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A CRL (RFC 5280 §5) as a revocation source when no OCSP answer is to be had: signed by the certificate's issuer,
 * current (thisUpdate not ahead, nextUpdate not past, with {@link Ocsp#CLOCK_SKEW}), then searched for the serial.
 * Pure computation, no I/O.
 */
public final class Crls {

    private Crls() {
    }

    /**
     * Checks {@code crl} and reads what it says about {@code leaf}.
     *
     * @param crl a DER (or PEM) CRL
     * @param leaf the certificate looked for
     * @param issuer its issuer, who must have signed the CRL
     * @param now the current time
     * @param source where it came from, for messages
     * @return GOOD when the serial is not listed, REVOKED with its reason when it is
     * @throws CertificateVerificationException {@link Reason#BAD_STATUS_RESPONSE} for an unusable CRL
     */
    public static RevocationStatus evaluate(byte[] crl, X509Certificate leaf, X509Certificate issuer, Instant now, String source) {
        X509CRL list;
        try {
            list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, source + " does not parse: " + e.getMessage(), e);
        }
        if (!list.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw bad(source + " is issued by " + list.getIssuerX500Principal().getName() + ", not by "
                    + issuer.getSubjectX500Principal().getName());
        }
        try {
            list.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw bad(source + " is not signed by " + issuer.getSubjectX500Principal().getName());
        }
        Instant thisUpdate = list.getThisUpdate().toInstant();
        Instant nextUpdate = list.getNextUpdate() != null ? list.getNextUpdate().toInstant() : null;
        if (thisUpdate.isAfter(now.plus(Ocsp.CLOCK_SKEW))) {
            throw bad(source + " has thisUpdate " + thisUpdate + ", ahead of our clock (" + now + ")");
        }
        if (nextUpdate != null && nextUpdate.isBefore(now.minus(Ocsp.CLOCK_SKEW))) {
            throw bad(source + " is stale: nextUpdate " + nextUpdate + " is past (now " + now + ")");
        }
        X509CRLEntry entry = list.getRevokedCertificate(leaf.getSerialNumber());
        if (entry == null) {
            return new RevocationStatus(RevocationStatus.State.GOOD, null, null, thisUpdate, nextUpdate, source);
        }
        CRLReason reason = entry.getRevocationReason() != null ? entry.getRevocationReason() : CRLReason.UNSPECIFIED;
        return new RevocationStatus(RevocationStatus.State.REVOKED, reason, entry.getRevocationDate().toInstant(),
                thisUpdate, nextUpdate, source);
    }

    private static CertificateVerificationException bad(String message) {
        return new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, message);
    }
}
