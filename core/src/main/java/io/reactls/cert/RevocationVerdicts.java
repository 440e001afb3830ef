package io.reactls.cert;

import io.reactls.CertificateRevokedException;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.RevocationPolicy;
import io.reactls.TrustAnchors;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The decisions a revocation check makes, whoever fetches: what a staple proves, what must-staple demands, what a
 * status means, and what the policy does when nothing could be learned. Each either returns a line for the handshake
 * events or throws the exception whose alert the peer gets. Pure computation, no I/O.
 */
public final class RevocationVerdicts {

    /** Where a stapled response came from, in messages. */
    public static final String STAPLE = "OCSP staple";

    private RevocationVerdicts() {
    }

    /**
     * The issuer of {@code chain}'s leaf: the next certificate when it signed the leaf, else a trust anchor that did
     * (a server may leave its root issuer out), else null.
     *
     * @param chain the peer's chain, leaf first
     * @param anchors the trust anchors, or null
     * @return the issuer, or null when unknown
     */
    public static X509Certificate issuer(List<X509Certificate> chain, TrustAnchors anchors) {
        X509Certificate leaf = chain.get(0);
        if (chain.size() > 1 && signedBy(leaf, chain.get(1))) {
            return chain.get(1);
        }
        if (anchors != null) {
            for (X509Certificate candidate : anchors.possibleIssuersOf(leaf)) {
                if (signedBy(leaf, candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * What the staple says, when there is one; null when there is none, or it does not know the certificate, and the
     * status must come from elsewhere. A must-staple leaf without a staple is refused here.
     *
     * @param chain the peer's chain, leaf first
     * @param issuer the leaf's issuer, or null when unknown
     * @param staple the stapled DER OCSPResponse, or null
     * @param now the current time
     * @return a line for the events when the staple settles it (good), else null
     * @throws CertificateRevokedException when the staple says revoked
     * @throws CertificateVerificationException when the staple is invalid, or a must-staple leaf has none
     */
    public static String fromStaple(List<X509Certificate> chain, X509Certificate issuer, byte[] staple, Instant now) {
        X509Certificate leaf = chain.get(0);
        if (staple == null) {
            if (Ocsp.mustStaple(leaf)) {
                throw new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, subject(leaf)
                        + " requires a stapled OCSP response (TLS feature status_request, RFC 7633) and the server sent none");
            }
            return null;
        }
        if (issuer == null) {
            throw new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE,
                    "cannot check the OCSP staple: the issuer of " + subject(leaf) + " is neither in the chain nor trusted");
        }
        return verdict(Ocsp.evaluate(staple, leaf, issuer, now, STAPLE), leaf);
    }

    /**
     * What a checked status means: a line when good, an exception when revoked, null when unknown.
     *
     * @param status what a source said
     * @param leaf the certificate it is about
     * @return a line for the events, or null for an unknown certificate
     * @throws CertificateRevokedException when revoked
     */
    public static String verdict(RevocationStatus status, X509Certificate leaf) {
        return switch (status.state()) {
            case GOOD -> status.toString();
            case REVOKED -> throw new CertificateRevokedException(subject(leaf), status.reason(), status.revokedAt(), status.source());
            case UNKNOWN -> null;
        };
    }

    /**
     * No status could be learned: soft-fail connects with a line saying why, hard-fail refuses.
     *
     * @param policy the policy
     * @param leaf the certificate
     * @param why what went wrong, in plain words
     * @return the line for the events (soft-fail)
     * @throws CertificateVerificationException {@link Reason#REVOCATION_STATUS_UNKNOWN} under hard-fail
     */
    public static String unavailable(RevocationPolicy policy, X509Certificate leaf, String why) {
        if (policy == RevocationPolicy.HARD_FAIL) {
            throw new CertificateVerificationException(Reason.REVOCATION_STATUS_UNKNOWN,
                    "revocation status of " + subject(leaf) + " unknown (hard-fail): " + why);
        }
        return "revocation status unknown, connecting anyway (soft-fail): " + why;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String subject(X509Certificate leaf) {
        return leaf.getSubjectX500Principal().getName();
    }
}
