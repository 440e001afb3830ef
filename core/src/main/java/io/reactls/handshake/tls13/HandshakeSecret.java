package io.reactls.handshake.tls13;

import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;

/** The second stage of the TLS 1.3 key schedule (RFC 8446 §7.1): the handshake traffic secrets and the master secret. */
public final class HandshakeSecret {

    private final HashAlgorithm hash;
    private final byte[] secret;

    HandshakeSecret(HashAlgorithm hash, byte[] secret) {
        this.hash = hash;
        this.secret = secret;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The raw secret, for known-answer tests only. */
    byte[] secret() {
        return secret.clone();
    }

    /** {@code Derive-Secret(., "c hs traffic", ClientHello...ServerHello)}. */
    public byte[] clientTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "c hs traffic", transcriptHash);
    }

    /** {@code Derive-Secret(., "s hs traffic", ClientHello...ServerHello)}. */
    public byte[] serverTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "s hs traffic", transcriptHash);
    }

    /** {@code HKDF-Extract(Derive-Secret(., "derived", ""), 0)}. */
    public MasterSecret master() {
        byte[] salt = Hkdf.deriveSecret(hash, secret, "derived", Tls13KeySchedule.emptyHash(hash));
        return new MasterSecret(hash, Hkdf.extract(hash, salt, new byte[hash.length()]));
    }
}
