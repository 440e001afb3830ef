package io.reactls.crypto;

/**
 * The HMACs of the TLS 1.2 CBC suites (RFC 5246 §6.2.3.2). Block and length-field sizes are the hash's, so the record
 * layer can count compression-function calls and always run the same number (Lucky13, RFC 7457 §2.8).
 */
public enum MacAlgorithm {
    HMAC_SHA1("HmacSHA1", 20, 64, 8),
    HMAC_SHA256("HmacSHA256", 32, 64, 8),
    HMAC_SHA384("HmacSHA384", 48, 128, 16);

    private final String jcaName;
    private final int length;
    private final int blockLength;
    private final int lengthFieldSize;

    MacAlgorithm(String jcaName, int length, int blockLength, int lengthFieldSize) {
        this.jcaName = jcaName;
        this.length = length;
        this.blockLength = blockLength;
        this.lengthFieldSize = lengthFieldSize;
    }

    public String jcaName() {
        return jcaName;
    }

    /** mac_length, which is also mac_key_length for these HMACs. */
    public int length() {
        return length;
    }

    /** The hash's input block size. */
    public int blockLength() {
        return blockLength;
    }

    /** Compression-function calls to hash {@code n} message bytes after the HMAC key block. */
    public int compressions(int n) {
        return (n + lengthFieldSize + 1 + blockLength - 1) / blockLength;
    }
}
