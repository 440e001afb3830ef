package io.reactls.handshake.compression;

/** A compressed certificate did not decompress to exactly its declared length (RFC 8879 §4: bad_certificate). */
public final class DecompressionException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecompressionException(String message) {
        super(message);
    }

    public DecompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
