package io.reactls.handshake.compression;

import java.util.zip.DataFormatException;

/**
 * A compressed certificate did not decompress to exactly its declared length (RFC 8879 §4: bad_certificate). A
 * {@link DataFormatException}, the JDK's own type for malformed compressed data.
 */
public final class DecompressionException extends DataFormatException {

    private static final long serialVersionUID = 1L;

    public DecompressionException(String message) {
        super(message);
    }

    public DecompressionException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
