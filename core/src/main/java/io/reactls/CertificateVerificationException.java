package io.reactls;


/** A peer certificate chain was rejected; {@link #reason()} says why, {@link #alert()} what the peer is told. */
public class CertificateVerificationException extends TlsAlertException {

    private static final long serialVersionUID = 1L;

    /** Why a chain was rejected, each mapped to its alert. */
    public enum Reason {
        /** A certificate's notAfter has passed. */
        EXPIRED(AlertDescription.CERTIFICATE_EXPIRED),
        /** A certificate's notBefore is still ahead. */
        NOT_YET_VALID(AlertDescription.CERTIFICATE_EXPIRED),
        /** The chain does not lead to a trust anchor. */
        UNTRUSTED_ISSUER(AlertDescription.UNKNOWN_CA),
        /** A signature in the chain does not verify. */
        BAD_SIGNATURE(AlertDescription.BAD_CERTIFICATE),
        /** The leaf is not for the host name the client meant to reach. */
        HOSTNAME_MISMATCH(AlertDescription.BAD_CERTIFICATE),
        /** An issuing certificate is not a CA (basicConstraints) or exceeds its path length. */
        NOT_A_CA(AlertDescription.BAD_CERTIFICATE),
        /** A keyUsage or extendedKeyUsage does not allow this use. */
        WRONG_KEY_USAGE(AlertDescription.UNSUPPORTED_CERTIFICATE),
        /** A key is shorter than the security policy allows. */
        WEAK_KEY(AlertDescription.INSUFFICIENT_SECURITY),
        /** A signature uses an algorithm the security policy refuses (MD5, SHA-1). */
        WEAK_SIGNATURE_ALGORITHM(AlertDescription.BAD_CERTIFICATE),
        /** A certificate could not be parsed or is inconsistent. */
        MALFORMED(AlertDescription.BAD_CERTIFICATE),
        /** The certificate was revoked ({@link CertificateRevokedException} says why and when). */
        REVOKED(AlertDescription.CERTIFICATE_REVOKED),
        /**
         * An OCSP response (stapled or fetched) is invalid: unsigned by the issuer or its delegate, about another
         * certificate, stale; or a must-staple certificate (RFC 7633) came without a staple.
         */
        BAD_STATUS_RESPONSE(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE),
        /** Revocation checking is required ({@link RevocationPolicy#HARD_FAIL}) and no status could be learned. */
        REVOCATION_STATUS_UNKNOWN(AlertDescription.CERTIFICATE_UNKNOWN),
        /** Any other reason. */
        OTHER(AlertDescription.CERTIFICATE_UNKNOWN);

        private final AlertDescription alert;

        Reason(AlertDescription alert) {
            this.alert = alert;
        }

        /**
         * The alert sent to the peer for this reason.
         *
         * @return the alert description
         */
        public AlertDescription alert() {
            return alert;
        }
    }

    /** Why the chain was rejected. */
    private final Reason reason;

    /**
     * A rejected chain.
     *
     * @param reason why, as a category
     * @param message why, in plain words
     */
    public CertificateVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * A rejected chain, because of {@code cause}.
     *
     * @param reason why, as a category
     * @param message why, in plain words
     * @param cause the underlying failure, or null
     */
    public CertificateVerificationException(Reason reason, String message, Throwable cause) {
        super(reason.alert(), "certificate rejected: " + message, cause);
        this.reason = reason;
    }

    /**
     * Why the chain was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
