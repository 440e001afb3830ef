package io.reactls;

import java.util.Locale;

/**
 * The cipher suites reactls speaks, by IANA name, with their code points and OpenSSL names. The TLS 1.3 suites and
 * the TLS 1.2 ECDHE AEAD suites are on by default; the TLS 1.2 RSA key exchange and CBC-HMAC suites only when listed.
 */
public enum CipherSuite {
    /** TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xC02B). */
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256"),
    /** TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (0xC02C). */
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384"),
    /** TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (0xCCA9). */
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305"),
    /** TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F). */
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, "ECDHE-RSA-AES128-GCM-SHA256"),
    /** TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (0xC030). */
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, "ECDHE-RSA-AES256-GCM-SHA384"),
    /** TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xCCA8). */
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305"),
    /** TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C). */
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, "AES128-GCM-SHA256"),
    /** TLS_RSA_WITH_AES_256_GCM_SHA384 (0x009D). */
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, "AES256-GCM-SHA384"),
    // TLS 1.3 (RFC 8446 §B.4): key exchange and authentication are negotiated separately.
    /** TLS_AES_128_GCM_SHA256 (0x1301). */
    TLS_AES_128_GCM_SHA256(0x1301),
    /** TLS_AES_256_GCM_SHA384 (0x1302). */
    TLS_AES_256_GCM_SHA384(0x1302),
    /** TLS_CHACHA20_POLY1305_SHA256 (0x1303). */
    TLS_CHACHA20_POLY1305_SHA256(0x1303),
    // Legacy TLS 1.2 CBC-HMAC suites (RFC 5246, RFC 4492, RFC 5289): never enabled by default. All use the SHA-256 PRF.
    /** TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (0xC013). */
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, "ECDHE-RSA-AES128-SHA"),
    /** TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA (0xC014). */
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xC014, "ECDHE-RSA-AES256-SHA"),
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA (0xC009). */
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xC009, "ECDHE-ECDSA-AES128-SHA"),
    /** TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA (0xC00A). */
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xC00A, "ECDHE-ECDSA-AES256-SHA"),
    /** TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 (0xC027). */
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xC027, "ECDHE-RSA-AES128-SHA256"),
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (0xC023). */
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xC023, "ECDHE-ECDSA-AES128-SHA256"),
    /** TLS_RSA_WITH_AES_128_CBC_SHA (0x002F). */
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, "AES128-SHA"),
    /** TLS_RSA_WITH_AES_256_CBC_SHA (0x0035). */
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, "AES256-SHA"),
    /** TLS_RSA_WITH_AES_128_CBC_SHA256 (0x003C). */
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, "AES128-SHA256"),
    /** TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003D). */
    TLS_RSA_WITH_AES_256_CBC_SHA256(0x003D, "AES256-SHA256");

    private final int id;
    private final String openSslName;

    /** A TLS 1.3 suite: OpenSSL calls it by its IANA name. */
    CipherSuite(int id) {
        this(id, null);
    }

    CipherSuite(int id, String openSslName) {
        this.id = id;
        this.openSslName = openSslName;
    }

    /**
     * The suite's code point.
     *
     * @return the two-byte IANA code point
     */
    public int id() {
        return id;
    }

    /**
     * A legacy TLS 1.2 CBC-HMAC suite (the others are AEAD suites).
     *
     * @return whether it is one
     */
    public boolean isCbc() {
        return name().contains("_CBC_");
    }

    /**
     * A TLS 1.3 suite (usable only with TLS 1.3, and TLS 1.2 suites only with TLS 1.2).
     *
     * @return whether it is one
     */
    public boolean isTls13() {
        return (id & 0xFF00) == 0x1300; // RFC 8446 §B.4: the TLS 1.3 suites are {0x13, 0x0N}
    }

    /**
     * The suite with a code point.
     *
     * @param id a two-byte code point
     * @return the suite, or null when reactls does not speak it
     */
    public static CipherSuite fromId(int id) {
        for (CipherSuite s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /**
     * Parses an IANA name (case-insensitive).
     *
     * @param name the IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}
     * @return the suite
     * @throws IllegalArgumentException if no suite has that name
     */
    public static CipherSuite fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cipher suite: " + name, e);
        }
    }

    /**
     * A suite as people type it: its IANA name or OpenSSL's name for it ({@code ECDHE-RSA-AES128-GCM-SHA256}), in any
     * case. An unknown name is refused with the closest IANA name as a suggestion.
     *
     * @param name an IANA or OpenSSL suite name
     * @return the suite
     * @throws IllegalArgumentException naming the closest suite, if no suite has that name
     */
    public static CipherSuite parse(String name) {
        String wanted = name.trim();
        for (CipherSuite suite : values()) {
            if (suite.name().equalsIgnoreCase(wanted) || suite.openSslName().equalsIgnoreCase(wanted)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown cipher suite '" + wanted + "'; did you mean " + closest(wanted).name()
                + "? (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, or OpenSSL names)");
    }

    /**
     * OpenSSL's name: a TLS 1.3 suite keeps its IANA name, a TLS 1.2 one reads like
     * {@code ECDHE-ECDSA-AES256-GCM-SHA384} or {@code AES128-SHA}.
     *
     * @return the name {@code openssl ciphers} prints
     */
    public String openSslName() {
        return openSslName != null ? openSslName : name();
    }

    /** The suite whose IANA or OpenSSL name is nearest to {@code text} by edit distance (dashes read as underscores). */
    static CipherSuite closest(String text) {
        String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
        CipherSuite best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (CipherSuite suite : values()) {
            int d = Math.min(EditDistance.between(wanted, suite.name()),
                    EditDistance.between(wanted, suite.openSslName().replace('-', '_')));
            if (d < bestDistance) {
                bestDistance = d;
                best = suite;
            }
        }
        return best;
    }
}
