package io.reactls;

import io.reactls.PendingOperation.SignRequest;
import reactor.core.publisher.Mono;

/**
 * Signs for a key held elsewhere (a KMS, an HSM, a signing service): TLS 1.3 CertificateVerify, TLS 1.2
 * ServerKeyExchange and client CertificateVerify. The Mono may complete later on any thread; the connection keeps its
 * event loop free meanwhile and resumes on it. An error fails the handshake with internal_error.
 */
@FunctionalInterface
public interface PrivateKeySigner {

    /**
     * Signs one handshake message's content.
     *
     * @param request the key, the signature scheme and the content to sign
     * @return the signature of {@code request.content()} under {@code request.scheme()}, as it goes on the wire
     */
    Mono<byte[]> sign(SignRequest request);
}
