package io.reactls.handshake.compression;

/** One RFC 8879 compression algorithm's bytes-to-bytes transform. Implementations are stateless and thread-safe. */
public interface CertificateCodec {

    byte[] compress(byte[] plain);

    /**
     * Decompresses {@code compressed} into exactly {@code out.length} bytes. A stream that is malformed, truncated, or
     * yields fewer or more bytes fails, and nothing beyond {@code out} (plus the algorithm's own bounded state) is
     * ever allocated: the caller checked the declared length before sizing {@code out}.
     */
    void decompress(byte[] compressed, byte[] out) throws DecompressionException;
}
