package io.reactls.handshake.compression;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib (RFC 1950: header and Adler-32, not raw deflate) with the JDK's own Deflater and Inflater. */
public final class ZlibCodec implements CertificateCodec {

    @Override
    public byte[] compress(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION); // nowrap=false: the zlib format RFC 8879 names
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public void decompress(byte[] compressed, byte[] out) throws DecompressionException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int filled = 0;
            while (filled < out.length) {
                int n = inflater.inflate(out, filled, out.length - filled);
                filled += n;
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DecompressionException("zlib stream ended after " + filled + " of " + out.length + " declared bytes");
                }
            }
            // The buffer is full: the stream must end exactly here, with no byte left over and nothing after it.
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw new DecompressionException("zlib stream inflates past its declared " + out.length + " bytes");
            }
            if (!inflater.finished()) {
                throw new DecompressionException("zlib stream does not end after its declared " + out.length + " bytes");
            }
            if (inflater.getRemaining() > 0) {
                throw new DecompressionException(inflater.getRemaining() + " bytes after the end of the zlib stream");
            }
        } catch (DataFormatException e) {
            throw new DecompressionException("malformed zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
