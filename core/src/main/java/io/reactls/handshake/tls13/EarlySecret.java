package io.reactls.handshake.tls13;

import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;

/**
 * The first stage of the TLS 1.3 key schedule (RFC 8446 §7.1): {@code HKDF-Extract(0, PSK)}. Yields the PSK binder
 * key, the 0-RTT secrets, and the handshake secret once the (EC)DHE shared secret is known.
 */
public final class EarlySecret {

    private final HashAlgorithm hash;
    private final byte[] secret;

    EarlySecret(HashAlgorithm hash, byte[] psk) {
        this.hash = hash;
        this.secret = Hkdf.extract(hash, null, psk == null ? new byte[hash.length()] : psk);
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The raw secret, for known-answer tests only. */
    byte[] secret() {
        return secret.clone();
    }

    /** {@code Derive-Secret(., "res binder" | "ext binder", "")}: the base key of the PSK binder's Finished MAC (§4.2.11.2). */
    public byte[] binderKey(boolean resumption) {
        return Hkdf.deriveSecret(hash, secret, resumption ? "res binder" : "ext binder", Tls13KeySchedule.emptyHash(hash));
    }

    /** {@code Derive-Secret(., "c e traffic", ClientHello)}: protects 0-RTT data. */
    public byte[] clientEarlyTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "c e traffic", transcriptHash);
    }

    /** {@code Derive-Secret(., "e exp master", ClientHello)}: the exporter secret for 0-RTT. */
    public byte[] earlyExporterMasterSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "e exp master", transcriptHash);
    }

    /**
     * {@code HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE)}.
     *
     * @param sharedSecret the (EC)DHE shared secret, or null for a PSK-only (psk_ke) handshake, which uses zeros
     */
    public HandshakeSecret handshake(byte[] sharedSecret) {
        byte[] salt = Hkdf.deriveSecret(hash, secret, "derived", Tls13KeySchedule.emptyHash(hash));
        return new HandshakeSecret(hash, Hkdf.extract(hash, salt, sharedSecret == null ? new byte[hash.length()] : sharedSecret));
    }
}
