package io.reactls;

import io.reactls.handshake.compression.BrotliCodec;
import io.reactls.handshake.compression.CertificateCodec;
import io.reactls.handshake.compression.DecompressionException;
import io.reactls.handshake.compression.ZlibCodec;
import io.reactls.handshake.compression.ZstdCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;

/**
 * The certificate compression algorithms of RFC 8879 §7.3. zlib is the JDK's and always works; brotli and zstd need
 * optional native libraries (brotli4j, zstd-jni). One whose library is not on the classpath or whose native does not
 * load on this platform reports {@link #isAvailable()} false, is never offered, accepted or used, and says why in
 * one log line the first time it is asked for: {@link System.Logger} {@code io.reactls.handshake.compression} at
 * DEBUG (java.util.logging's FINE unless the application routes platform logging elsewhere). DEBUG, not INFO: a
 * default configuration lists brotli and zstd, and an application that chose not to ship their natives must start
 * with nothing on stderr.
 */
public enum CertificateCompression {
    // Lambdas, not constructor references: a reference links the codec class (and verifying it loads the library's
    // classes) when this enum initializes; a lambda's `new` runs only in load(), where a missing library is caught.

    /** zlib (RFC 1950), with {@code java.util.zip}: always available. */
    ZLIB(1, "zlib", () -> new ZlibCodec(), "java.util.zip"),
    /** Brotli (RFC 7932), with the optional {@code com.aayushatharva.brotli4j:brotli4j} and its per-platform native. */
    BROTLI(2, "brotli", () -> new BrotliCodec(), "com.aayushatharva.brotli4j:brotli4j"),
    /** Zstandard (RFC 8478), with the optional {@code com.github.luben:zstd-jni}. */
    ZSTD(3, "zstd", () -> new ZstdCodec(), "com.github.luben:zstd-jni");

    private static final System.Logger LOG = System.getLogger("io.reactls.compression");

    /**
     * Our preference, as a client offering and a server accepting client certificates: brotli first (the best ratio on
     * certificates thanks to its built-in dictionary, and the only algorithm Chromium offers), zstd, then zlib.
     */
    public static final List<CertificateCompression> PREFERENCE = List.of(BROTLI, ZSTD, ZLIB);

    private final int id;
    private final String rfcName;
    private final Supplier<CertificateCodec> loader;
    private final String library;
    private volatile CertificateCodec codec;
    private volatile Throwable unavailable;

    CertificateCompression(int id, String rfcName, Supplier<CertificateCodec> loader, String library) {
        this.id = id;
        this.rfcName = rfcName;
        this.loader = loader;
        this.library = library;
    }

    /**
     * The algorithm's code point in the compress_certificate extension (RFC 8879 §7.3).
     *
     * @return the code point
     */
    public int id() {
        return id;
    }

    /**
     * The algorithm's name as RFC 8879 spells it.
     *
     * @return {@code zlib}, {@code brotli} or {@code zstd}
     */
    public String rfcName() {
        return rfcName;
    }

    /**
     * Whether this algorithm's library loaded here. Loads it on first call (file I/O for natives: call at config time).
     *
     * @return whether it can be used
     */
    public boolean isAvailable() {
        return load() != null;
    }

    /**
     * Why {@link #isAvailable()} is false.
     *
     * @return the cause, or null when it is available
     */
    public Throwable unavailabilityCause() {
        load();
        return unavailable;
    }

    /**
     * The algorithms of {@link #PREFERENCE} that work on this platform.
     *
     * @return those algorithms, preferred first
     */
    public static List<CertificateCompression> available() {
        List<CertificateCompression> out = new ArrayList<>();
        for (CertificateCompression c : PREFERENCE) {
            if (c.isAvailable()) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The algorithm with a code point.
     *
     * @param id a code point
     * @return the algorithm, or null for one we do not know
     */
    public static CertificateCompression fromId(int id) {
        for (CertificateCompression c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /**
     * Compresses {@code plain}.
     *
     * @param plain a Certificate message body
     * @return the compressed bytes
     * @throws IllegalStateException when this algorithm is not {@linkplain #isAvailable() available}
     */
    public byte[] compress(byte[] plain) {
        CertificateCodec c = load();
        if (c == null) {
            throw new IllegalStateException(rfcName + " is not available: " + unavailable);
        }
        return c.compress(plain);
    }

    /**
     * Decompresses into a new array of exactly {@code length} bytes; the caller has bounded {@code length}.
     *
     * @param compressed the compressed bytes
     * @param length the declared uncompressed length
     * @return exactly {@code length} bytes
     * @throws DataFormatException when the stream is malformed, yields another length, or the algorithm is off
     */
    public byte[] decompress(byte[] compressed, int length) throws DataFormatException {
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
                    LOG.log(System.Logger.Level.DEBUG, () -> "reactls: " + rfcName + " certificate compression is off: " + why(t));
                }
            }
            return codec;
        }
    }

    private String why(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ClassNotFoundException || root instanceof NoClassDefFoundError) {
            return library + " is not on the classpath (an optional dependency; see the README)";
        }
        String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT).split(" ")[0] + "-" + System.getProperty("os.arch", "?");
        return library + "'s native library did not load on " + platform + " (" + root + ")";
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
