package io.reactls.handshake.compression;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Brotli (RFC 7932) through brotli4j, Google's C library with per-platform natives (what Netty's codec uses). */
public final class BrotliCodec implements CertificateCodec {

    /** Quality 11 (the maximum): compressed once per chain and cached. */
    private static final Encoder.Parameters PARAMETERS = new Encoder.Parameters().setQuality(11);

    public BrotliCodec() {
        Brotli4jLoader.ensureAvailability(); // throws when this platform's native library is missing
    }

    @Override
    public byte[] compress(byte[] plain) {
        try {
            return Encoder.compress(plain, PARAMETERS);
        } catch (IOException e) {
            throw new UncheckedIOException("brotli compression failed", e);
        }
    }

    @Override
    public void decompress(byte[] compressed, byte[] out) throws DecompressionException {
        DecoderJNI.Wrapper decoder;
        try {
            decoder = new DecoderJNI.Wrapper(Math.max(1, compressed.length));
        } catch (IOException e) {
            throw new DecompressionException("brotli decoder unavailable", e);
        }
        try {
            decoder.getInputBuffer().put(compressed);
            decoder.push(compressed.length);
            int filled = 0;
            // Output is pulled chunk by chunk (a view of native memory, nothing copied to the heap) and copied only
            // while it fits: a bomb is stopped at the first byte past the declared length.
            while (true) {
                if (decoder.hasOutput()) {
                    filled = take(decoder.pull(), out, filled);
                    continue;
                }
                switch (decoder.getStatus()) {
                    case DONE -> {
                        if (filled != out.length) {
                            throw new DecompressionException("brotli stream yields " + filled + " bytes, " + out.length + " declared");
                        }
                        return;
                    }
                    case NEEDS_MORE_OUTPUT -> filled = take(decoder.pull(), out, filled);
                    case OK -> decoder.push(0);
                    case NEEDS_MORE_INPUT -> {
                        decoder.push(0); // let the decoder finish what it buffered; still hungry means truncated
                        if (decoder.getStatus() == DecoderJNI.Status.NEEDS_MORE_INPUT) {
                            throw new DecompressionException("brotli stream truncated after " + filled + " bytes");
                        }
                    }
                    default -> throw new DecompressionException("malformed brotli stream after " + filled + " bytes");
                }
            }
        } finally {
            decoder.destroy();
        }
    }

    private static int take(ByteBuffer chunk, byte[] out, int filled) throws DecompressionException {
        int n = chunk.remaining();
        if (n > out.length - filled) {
            throw new DecompressionException("brotli stream inflates past its declared " + out.length + " bytes");
        }
        chunk.get(out, filled, n);
        return filled + n;
    }
}
