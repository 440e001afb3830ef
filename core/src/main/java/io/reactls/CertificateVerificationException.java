package io.reactls;


/** A peer certificate chain was rejected; {@link #reason()} says why, {@link #alert()} what the peer is told. */
public final class CertificateVerificationException extends TlsAlertException {

    private static final long serialVersionUID = 1L;

    /** Why a chain was rejected, each mapped to its alert. */
    public enum Reason {
        EXPIRED(AlertDescription.CERTIFICATE_EXPIRED),
        NOT_YET_VALID(AlertDescription.CERTIFICATE_EXPIRED),
        UNTRUSTED_ISSUER(AlertDescription.UNKNOWN_CA),
        BAD_SIGNATURE(AlertDescription.BAD_CERTIFICATE),
        HOSTNAME_MISMATCH(AlertDescription.BAD_CERTIFICATE),
        NOT_A_CA(AlertDescription.BAD_CERTIFICATE),
        WRONG_KEY_USAGE(AlertDescription.UNSUPPORTED_CERTIFICATE),
        WEAK_KEY(AlertDescription.INSUFFICIENT_SECURITY),
        WEAK_SIGNATURE_ALGORITHM(AlertDescription.BAD_CERTIFICATE),
        MALFORMED(AlertDescription.BAD_CERTIFICATE),
        OTHER(AlertDescription.CERTIFICATE_UNKNOWN);

        private final AlertDescription alert;

        Reason(AlertDescription alert) {
            this.alert = alert;
        }

        public AlertDescription alert() {
            return alert;
        }
    }

    private final Reason reason;

    public CertificateVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public CertificateVerificationException(Reason reason, String message, Throwable cause) {
        super(reason.alert(), "certificate rejected: " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
