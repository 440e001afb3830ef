package io.reactls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Step ③ of the handshake: decides whether a peer's certificate chain is acceptable. */
public interface CertificateVerifier {

    /** Whose certificate is checked: it decides the extendedKeyUsage required. */
    enum PeerRole {
        /** A server's chain, checked by a client: needs serverAuth. */
        SERVER,
        /** A client's chain, checked by a server asking for client certificates: needs clientAuth. */
        CLIENT
    }

    /**
     * Accepts or rejects a peer's chain.
     *
     * @param chain     the peer's chain as sent, leaf first (never empty)
     * @param hostname  the name the client meant to reach (DNS name or IP literal); null skips the hostname check
     *                  (client certificates, or a caller that opted out)
     * @param now       the injected clock's current time
     * @param role      whose chain this is
     * @throws CertificateVerificationException with the matching alert and a plain-words reason
     */
    void verify(List<X509Certificate> chain, String hostname, Instant now, PeerRole role)
            throws CertificateVerificationException;
}
