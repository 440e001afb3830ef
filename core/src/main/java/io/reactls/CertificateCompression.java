package io.reactls;

import java.util.List;

/**
 * The certificate compression algorithms of RFC 8879 §7.3, as a configuration names them
 * ({@code certificateCompression(...)} on either config builder). zlib is the JDK's and always works; brotli and zstd
 * need optional native libraries (brotli4j, zstd-jni). One whose library is not on the classpath or whose native does
 * not load on this platform is dropped when a configuration is built: never offered, accepted or used, and one line on
 * {@link System.Logger} {@code io.reactls.compression} at DEBUG (java.util.logging's FINE unless the application
 * routes platform logging elsewhere) says why. DEBUG, not INFO: a default configuration lists brotli and zstd, and an
 * application that chose not to ship their natives must start with nothing on stderr.
 */
public enum CertificateCompression {

    /** zlib (RFC 1950), with {@code java.util.zip}: always available. */
    ZLIB(1, "zlib"),
    /** Brotli (RFC 7932), with the optional {@code com.aayushatharva.brotli4j:brotli4j} and its per-platform native. */
    BROTLI(2, "brotli"),
    /** Zstandard (RFC 8478), with the optional {@code com.github.luben:zstd-jni}. */
    ZSTD(3, "zstd");

    /**
     * Our preference, as a client offering and a server accepting client certificates: brotli first (the best ratio on
     * certificates thanks to its built-in dictionary, and the only algorithm Chromium offers), zstd, then zlib.
     */
    public static final List<CertificateCompression> PREFERENCE = List.of(BROTLI, ZSTD, ZLIB);

    private final int id;
    private final String rfcName;

    CertificateCompression(int id, String rfcName) {
        this.id = id;
        this.rfcName = rfcName;
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

    @Override
    public String toString() {
        return rfcName;
    }
}
