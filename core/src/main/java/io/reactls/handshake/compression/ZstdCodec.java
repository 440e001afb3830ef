package io.reactls.handshake.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/** Zstandard (RFC 8478) through zstd-jni, Facebook's reference library. */
public final class ZstdCodec implements CertificateCodec {

    /** Level 19: the chain is compressed once and cached, so a slow, tight level costs nothing per handshake. */
    private static final int LEVEL = 19;

    public ZstdCodec() {
        Zstd.compress(new byte[] {0}, LEVEL); // loads the native library now, or fails here (the algorithm is then off)
    }

    @Override
    public byte[] compress(byte[] plain) {
        return Zstd.compress(plain, LEVEL);
    }

    @Override
    public void decompress(byte[] compressed, byte[] out) throws DecompressionException {
        long n;
        try {
            // Single-shot into out: zstd decodes straight into the destination and fails rather than exceed it,
            // so a frame declaring (or expanding to) more than out.length never gets memory for it.
            n = Zstd.decompressByteArray(out, 0, out.length, compressed, 0, compressed.length);
        } catch (ZstdException e) {
            throw new DecompressionException("malformed zstd frame or more than " + out.length + " bytes: " + e.getMessage(), e);
        }
        if (Zstd.isError(n)) {
            throw new DecompressionException("malformed zstd frame: " + Zstd.getErrorName(n));
        }
        if (n != out.length) {
            throw new DecompressionException("zstd frame yields " + n + " bytes, " + out.length + " declared");
        }
    }
}
