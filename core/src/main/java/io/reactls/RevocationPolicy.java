package io.reactls;

/**
 * Whether and how strictly a client checks that the server's certificate was not revoked (step ③ of the handshake).
 * With checking on, the client asks for a stapled OCSP response ({@code status_request}, RFC 6066 §8 and
 * RFC 8446 §4.4.2.1) and uses it when it is valid; without one it asks the OCSP responder named in the certificate
 * (authorityInfoAccess) or fetches the CRL it names (cRLDistributionPoints), without blocking. A certificate with the
 * TLS feature {@code status_request} ("must-staple", RFC 7633) is refused without a valid staple in either mode.
 */
public enum RevocationPolicy {
    /** No checking, no {@code status_request} sent: the default, as in OpenSSL and Go. */
    OFF,
    /**
     * Refuse a certificate known to be revoked (certificate_revoked) or with an invalid staple
     * (bad_certificate_status_response); when no status can be had (responder down, time-out, no URL) connect
     * anyway, and a handshake event says why.
     */
    SOFT_FAIL,
    /** As {@link #SOFT_FAIL}, but a certificate whose status cannot be learned is refused too. */
    HARD_FAIL
}
