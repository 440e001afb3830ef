package io.reactls.handshake.tls13;

import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;

/**
 * The last stage of the TLS 1.3 key schedule (RFC 8446 §7.1). The application and exporter secrets take the transcript
 * through the server Finished; the resumption secret takes it through the client Finished.
 */
public final class MasterSecret {

    private final HashAlgorithm hash;
    private final byte[] secret;

    MasterSecret(HashAlgorithm hash, byte[] secret) {
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

    /** {@code Derive-Secret(., "c ap traffic", ClientHello...server Finished)}. */
    public byte[] clientApplicationTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "c ap traffic", transcriptHash);
    }

    /** {@code Derive-Secret(., "s ap traffic", ClientHello...server Finished)}. */
    public byte[] serverApplicationTrafficSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "s ap traffic", transcriptHash);
    }

    /** {@code Derive-Secret(., "exp master", ClientHello...server Finished)}: input to {@link Tls13KeySchedule#exporter}. */
    public byte[] exporterMasterSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "exp master", transcriptHash);
    }

    /** {@code Derive-Secret(., "res master", ClientHello...client Finished)}: input to {@link Tls13KeySchedule#resumptionPsk}. */
    public byte[] resumptionMasterSecret(byte[] transcriptHash) {
        return Hkdf.deriveSecret(hash, secret, "res master", transcriptHash);
    }
}
