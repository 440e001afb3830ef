package io.reactls;

import io.reactls.CertificateVerifier.PeerRole;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Work the handshake hands out instead of doing it itself, because it may be slow or remote (a key in a KMS or HSM, a
 * revocation service). The engine stops at it, keeps buffering what the peer sends, and continues when the caller
 * completes or fails it; the reactive drivers run the configured hook and resume on the connection's own thread.
 */
public sealed interface PendingOperation {

    /**
     * Sign {@code content} with the private key of {@code key} using {@code scheme} (the whole message, not a hash:
     * ECDSA and RSA schemes hash it themselves). TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange and client
     * CertificateVerify. Completed with the signature bytes as they go on the wire.
     */
    record SignRequest(KeyMaterial key, SignatureScheme scheme, byte[] content) implements PendingOperation {
    }

    /**
     * TLS 1.2 RSA key exchange: RSAES-PKCS1-v1_5-decrypt {@code encryptedPreMaster} with the private key of {@code key}.
     * Completed with the raw plaintext (whatever its length), or failed; the engine then applies RFC 5246 §7.4.7.1
     * itself, so a failure is never visible to the peer before Finished.
     */
    record RsaDecryptRequest(KeyMaterial key, byte[] encryptedPreMaster) implements PendingOperation {
    }

    /**
     * Custom policy over a peer chain that the configured {@link io.reactls.CertificateVerifier} already
     * accepted. Completed to accept; failed to reject (a {@link io.reactls.TlsAlertException} names its
     * alert, anything else is bad_certificate).
     *
     * @param hostname the name the client meant to reach, null for client certificates
     */
    record CertificateCheck(List<X509Certificate> chain, String hostname, PeerRole role) implements PendingOperation {
    }
}
