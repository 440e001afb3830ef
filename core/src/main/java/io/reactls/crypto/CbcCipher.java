package io.reactls.crypto;

/** Block ciphers in CBC mode for the TLS 1.2 CBC suites: the key length; IVs are explicit, one block per record. */
public enum CbcCipher {
    AES_128_CBC(16),
    AES_256_CBC(32);

    public static final int BLOCK_LENGTH = 16;

    private final int keyLength;

    CbcCipher(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }
}
