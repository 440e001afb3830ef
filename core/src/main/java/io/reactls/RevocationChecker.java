package io.reactls;

import io.reactls.PendingOperation.CertificateCheck;
import reactor.core.publisher.Mono;

/**
 * Decides whether a server certificate the verifier accepted was revoked, without blocking: from the stapled OCSP
 * response in {@link CertificateCheck#ocspResponse()}, or by asking the CA. The client module installs one that
 * fetches over reactor-netty when a {@link RevocationPolicy} other than OFF is configured.
 */
@FunctionalInterface
public interface RevocationChecker {

    /**
     * Checks the leaf of {@code check.chain()}.
     *
     * @param check the accepted chain and the stapled response, if any
     * @return a line for the handshake events saying what was learned (e.g. "OCSP staple: good"), or an error:
     *         a {@link CertificateRevokedException} (certificate_revoked) or a {@link CertificateVerificationException}
     *         (bad_certificate_status_response, or the status unknown under {@link RevocationPolicy#HARD_FAIL})
     */
    Mono<String> check(CertificateCheck check);
}
