package io.reactls;

import io.reactls.PendingOperation.CertificateCheck;
import reactor.core.publisher.Mono;

/**
 * Custom, possibly remote, policy over the peer's certificate chain (revocation, pinning, an inventory service). It
 * runs after the configured {@link io.reactls.CertificateVerifier} accepted the chain, so it only narrows what is
 * trusted. Complete empty to accept; an error rejects: a {@link io.reactls.TlsAlertException} (e.g. a
 * {@link io.reactls.CertificateVerificationException}) sends its alert, anything else bad_certificate.
 */
@FunctionalInterface
public interface AsyncCertificateVerifier {

    /**
     * Checks the peer's chain, which the configured verifier has already accepted.
     *
     * @param check the chain, and the host name and key type it was checked for
     * @return completes empty to accept, or errors to reject
     */
    Mono<Void> verify(CertificateCheck check);
}
