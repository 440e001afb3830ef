package io.reactls.cert;

import java.security.cert.CRLReason;
import java.time.Instant;

/**
 * What an OCSP response or a CRL says about one certificate, once its signature, subject and freshness were checked.
 *
 * @param state good, revoked or unknown
 * @param reason why it was revoked ({@link CRLReason#UNSPECIFIED} when the source gave no reason), null unless revoked
 * @param revokedAt when it was revoked, null unless revoked
 * @param thisUpdate when the source vouched for this
 * @param nextUpdate when newer information will be available, null when the source did not say
 * @param source who said it, for messages ("OCSP staple", "OCSP responder http://…", "CRL http://…")
 */
public record RevocationStatus(State state, CRLReason reason, Instant revokedAt, Instant thisUpdate, Instant nextUpdate,
                               String source) {

    /** The certificate status (RFC 6960 §2.2). */
    public enum State {
        /** Not revoked. */
        GOOD,
        /** Revoked. */
        REVOKED,
        /** The source does not know the certificate. */
        UNKNOWN
    }

    /** Until when this may be used: nextUpdate, or {@code thisUpdate + fallback} when the source named none. */
    public Instant usableUntil(java.time.Duration fallback) {
        return nextUpdate != null ? nextUpdate : thisUpdate.plus(fallback);
    }

    @Override
    public String toString() {
        return switch (state) {
            case GOOD -> source + ": good (thisUpdate " + thisUpdate + (nextUpdate != null ? ", nextUpdate " + nextUpdate : "") + ")";
            case REVOKED -> source + ": revoked at " + revokedAt + " (" + reason + ")";
            case UNKNOWN -> source + ": unknown certificate";
        };
    }
}
