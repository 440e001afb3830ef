package io.reactls;

import io.reactls.handshake.compression.BrotliCodec;
import io.reactls.handshake.compression.CertificateCodec;
import io.reactls.handshake.compression.DecompressionException;
import io.reactls.handshake.compression.ZlibCodec;
import io.reactls.handshake.compression.ZstdCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The certificate compression algorithms of RFC 8879 §7.3. One whose library cannot load on this platform (brotli's
 * and zstd's are native) reports {@link #isAvailable()} false and is never offered, accepted or used.
 */
public enum CertificateCompression {
    ZLIB(1, "zlib", ZlibCodec::new),
    BROTLI(2, "brotli", BrotliCodec::new),
    ZSTD(3, "zstd", ZstdCodec::new);

    /**
     * Our preference, as a client offering and a server accepting client certificates: brotli first (the best ratio on
     * certificates thanks to its built-in dictionary, and the only algorithm Chromium offers), zstd, then zlib.
     */
    public static final List<CertificateCompression> PREFERENCE = List.of(BROTLI, ZSTD, ZLIB);

    private final int id;
    private final String rfcName;
    private final Supplier<CertificateCodec> loader;
    private volatile CertificateCodec codec;
    private volatile Throwable unavailable;

    CertificateCompression(int id, String rfcName, Supplier<CertificateCodec> loader) {
        this.id = id;
        this.rfcName = rfcName;
        this.loader = loader;
    }

    public int id() {
        return id;
    }

    public String rfcName() {
        return rfcName;
    }

    /** Whether this algorithm's library loaded here. Loads it on first call (file I/O for natives: call at config time). */
    public boolean isAvailable() {
        return load() != null;
    }

    /** Why {@link #isAvailable()} is false, or null. */
    public Throwable unavailabilityCause() {
        load();
        return unavailable;
    }

    /** The algorithms of {@link #PREFERENCE} that work on this platform. */
    public static List<CertificateCompression> available() {
        List<CertificateCompression> out = new ArrayList<>();
        for (CertificateCompression c : PREFERENCE) {
            if (c.isAvailable()) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    public static CertificateCompression fromId(int id) {
        for (CertificateCompression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    public byte[] compress(byte[] plain) {
        CertificateCodec c = load();
        if (c == null) {
            throw new IllegalStateException(rfcName + " is not available: " + unavailable);
        }
        return c.compress(plain);
    }

    /** Decompresses into a new array of exactly {@code length} bytes; the caller has bounded {@code length}. */
    public byte[] decompress(byte[] compressed, int length) throws DecompressionException {
        CertificateCodec c = load();
        if (c == null) {
            throw new DecompressionException(rfcName + " is not available");
        }
        byte[] out = new byte[length];
        c.decompress(compressed, out);
        return out;
    }

    private CertificateCodec load() {
        CertificateCodec c = codec;
        if (c != null || unavailable != null) {
            return c;
        }
        synchronized (this) {
            if (codec == null && unavailable == null) {
                try {
                    codec = loader.get();
                } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ...: the algorithm is just off
                    unavailable = t;
                }
            }
            return codec;
        }
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
