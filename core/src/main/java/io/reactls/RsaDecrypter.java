package io.reactls;

import io.reactls.PendingOperation.RsaDecryptRequest;
import reactor.core.publisher.Mono;

/**
 * Decrypts the TLS 1.2 RSA key exchange's encrypted pre-master secret with a key held elsewhere. Return the raw
 * PKCS#1 v1.5 plaintext, or an error when decryption fails; do not check its length or version — the connection
 * applies RFC 5246 §7.4.7.1 itself (a random pre-master secret on any failure), so a bad ciphertext is seen by the
 * peer only as a failed Finished. A decrypter whose own timing depends on the padding still leaks it: prefer one
 * with implicit rejection.
 */
@FunctionalInterface
public interface RsaDecrypter {

    /**
     * Decrypts one encrypted pre-master secret.
     *
     * @param request the key and the client's encrypted pre-master secret
     * @return the raw PKCS#1 v1.5 plaintext, or an error when decryption fails
     */
    Mono<byte[]> decrypt(RsaDecryptRequest request);
}
