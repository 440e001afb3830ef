package io.reactls.crypto;

/**
 * AEAD algorithms and their TLS 1.2 nonce layouts: AES-GCM uses a 4-byte implicit salt plus an 8-byte explicit
 * nonce carried in each record (RFC 5288 §3); ChaCha20-Poly1305 uses a 12-byte IV XORed with the sequence number
 * and no explicit part (RFC 7905 §2).
 */
public enum AeadAlgorithm {
    AES_128_GCM(16, 4, 8),
    AES_256_GCM(32, 4, 8),
    CHACHA20_POLY1305(32, 12, 0);

    public static final int TAG_LENGTH = 16;
    public static final int NONCE_LENGTH = 12;

    private final int keyLength;
    private final int fixedIvLength;
    private final int explicitNonceLength;

    AeadAlgorithm(int keyLength, int fixedIvLength, int explicitNonceLength) {
        this.keyLength = keyLength;
        this.fixedIvLength = fixedIvLength;
        this.explicitNonceLength = explicitNonceLength;
    }

    public int keyLength() {
        return keyLength;
    }

    /** TLS 1.2 fixed_iv_length (the key-block share of the nonce). */
    public int fixedIvLength() {
        return fixedIvLength;
    }

    /** TLS 1.2 record_iv_length (the nonce bytes sent in each record). */
    public int explicitNonceLength() {
        return explicitNonceLength;
    }

    public int tagLength() {
        return TAG_LENGTH;
    }
}
