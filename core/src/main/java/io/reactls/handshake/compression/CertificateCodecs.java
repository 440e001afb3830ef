package io.reactls.handshake.compression;

import io.reactls.CertificateCompression;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The codec behind each {@link CertificateCompression} algorithm, loaded on first use. zlib is the JDK's and always
 * loads; brotli and zstd need optional native libraries (brotli4j, zstd-jni). One whose library is not on the
 * classpath or whose native does not load on this platform is unavailable: the engine never offers, accepts or uses
 * it, and the first question about it logs one line saying why, on {@link System.Logger} {@code io.reactls.compression}
 * at DEBUG (java.util.logging's FINE unless the application routes platform logging elsewhere). DEBUG, not INFO: a
 * default configuration lists brotli and zstd, and an application that chose not to ship their natives must start
 * with nothing on stderr. Thread-safe; loading does file I/O for natives, so ask at configuration time.
 */
public final class CertificateCodecs {

    private static final System.Logger LOG = System.getLogger("io.reactls.compression");

    private static final Map<CertificateCompression, Slot> SLOTS = new EnumMap<>(CertificateCompression.class);

    static {
        for (CertificateCompression c : CertificateCompression.values()) {
            SLOTS.put(c, new Slot(c));
        }
    }

    private CertificateCodecs() {
    }

    /** Whether {@code algorithm}'s library loaded here; loads it on the first call. */
    public static boolean isAvailable(CertificateCompression algorithm) {
        return SLOTS.get(algorithm).load() != null;
    }

    /** Why {@link #isAvailable} is false for {@code algorithm}; null when it is available. */
    public static Throwable unavailabilityCause(CertificateCompression algorithm) {
        Slot slot = SLOTS.get(algorithm);
        slot.load();
        return slot.unavailable;
    }

    /**
     * Compresses a Certificate message body.
     *
     * @throws IllegalStateException when {@code algorithm} is not {@linkplain #isAvailable available}
     */
    public static byte[] compress(CertificateCompression algorithm, byte[] plain) {
        Slot slot = SLOTS.get(algorithm);
        CertificateCodec codec = slot.load();
        if (codec == null) {
            throw new IllegalStateException(algorithm.rfcName() + " is not available: " + slot.unavailable);
        }
        return codec.compress(plain);
    }

    /**
     * Decompresses into a new array of exactly {@code length} bytes; the caller has bounded {@code length}.
     *
     * @throws DecompressionException when the stream is malformed, yields another length, or the algorithm is off
     */
    public static byte[] decompress(CertificateCompression algorithm, byte[] compressed, int length) throws DecompressionException {
        CertificateCodec codec = SLOTS.get(algorithm).load();
        if (codec == null) {
            throw new DecompressionException(algorithm.rfcName() + " is not available");
        }
        byte[] out = new byte[length];
        codec.decompress(compressed, out);
        return out;
    }

    /**
     * The codec's class is named only here, in a method run inside load()'s try: a missing library's
     * NoClassDefFoundError (or a native's UnsatisfiedLinkError) surfaces there, never when this class initializes.
     */
    private static CertificateCodec create(CertificateCompression algorithm) {
        return switch (algorithm) {
            case ZLIB -> new ZlibCodec();
            case BROTLI -> new BrotliCodec();
            case ZSTD -> new ZstdCodec();
        };
    }

    /** The library an algorithm needs, as a user would add it. */
    private static String library(CertificateCompression algorithm) {
        return switch (algorithm) {
            case ZLIB -> "java.util.zip";
            case BROTLI -> "com.aayushatharva.brotli4j:brotli4j";
            case ZSTD -> "com.github.luben:zstd-jni";
        };
    }

    /** One algorithm's codec, or why it has none: decided once. */
    private static final class Slot {
        private final CertificateCompression algorithm;
        private volatile CertificateCodec codec;
        private volatile Throwable unavailable;

        Slot(CertificateCompression algorithm) {
            this.algorithm = algorithm;
        }

        CertificateCodec load() {
            CertificateCodec c = codec;
            if (c != null || unavailable != null) {
                return c;
            }
            synchronized (this) {
                if (codec == null && unavailable == null) {
                    try {
                        codec = create(algorithm);
                    } catch (Throwable t) { // NoClassDefFoundError, UnsatisfiedLinkError, ...: the algorithm is just off
                        unavailable = t;
                        LOG.log(System.Logger.Level.DEBUG, () -> "reactls: " + algorithm.rfcName()
                                + " certificate compression is off: " + why(t));
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
                return library(algorithm) + " is not on the classpath (an optional dependency; see the README)";
            }
            String platform = System.getProperty("os.name", "?").toLowerCase(Locale.ROOT).split(" ")[0] + "-"
                    + System.getProperty("os.arch", "?");
            return library(algorithm) + "'s native library did not load on " + platform + " (" + root + ")";
        }
    }
}
