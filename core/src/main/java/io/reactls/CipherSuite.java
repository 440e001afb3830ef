package io.reactls;

import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.CbcCipher;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.crypto.MacAlgorithm;
import java.util.Locale;

/**
 * The cipher suites reactls speaks, by IANA name, with their code points and OpenSSL names. The TLS 1.3 suites and
 * the TLS 1.2 ECDHE AEAD suites are on by default; the TLS 1.2 RSA key exchange and CBC-HMAC suites only when listed.
 */
public enum CipherSuite {
    /** TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xC02B). */
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (0xC02C). */
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (0xCCA9). */
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    /** TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (0xC02F). */
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (0xC030). */
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xCCA8). */
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    /** TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C). */
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** TLS_RSA_WITH_AES_256_GCM_SHA384 (0x009D). */
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    // TLS 1.3 (RFC 8446 §B.4): key exchange and authentication are negotiated separately.
    /** TLS_AES_128_GCM_SHA256 (0x1301). */
    TLS_AES_128_GCM_SHA256(0x1301, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    /** TLS_AES_256_GCM_SHA384 (0x1302). */
    TLS_AES_256_GCM_SHA384(0x1302, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    /** TLS_CHACHA20_POLY1305_SHA256 (0x1303). */
    TLS_CHACHA20_POLY1305_SHA256(0x1303, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    // Legacy TLS 1.2 CBC-HMAC suites (RFC 5246, RFC 4492, RFC 5289): never enabled by default. All use the SHA-256 PRF.
    /** TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (0xC013). */
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA (0xC014). */
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xC014, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA (0xC009). */
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xC009, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA (0xC00A). */
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xC00A, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 (0xC027). */
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xC027, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 (0xC023). */
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xC023, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    /** TLS_RSA_WITH_AES_128_CBC_SHA (0x002F). */
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_RSA_WITH_AES_256_CBC_SHA (0x0035). */
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, KeyExchangeAlgorithm.RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    /** TLS_RSA_WITH_AES_128_CBC_SHA256 (0x003C). */
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    /** TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003D). */
    TLS_RSA_WITH_AES_256_CBC_SHA256(0x003D, KeyExchangeAlgorithm.RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA256);

    private final int id;
    private final KeyExchangeAlgorithm keyExchange;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;
    private final CbcCipher cbc;
    private final MacAlgorithm mac;

    CipherSuite(int id, KeyExchangeAlgorithm keyExchange, AeadAlgorithm aead, HashAlgorithm hash) {
        this.id = id;
        this.keyExchange = keyExchange;
        this.aead = aead;
        this.hash = hash;
        this.cbc = null;
        this.mac = null;
    }

    CipherSuite(int id, KeyExchangeAlgorithm keyExchange, CbcCipher cbc, MacAlgorithm mac) {
        this.id = id;
        this.keyExchange = keyExchange;
        this.aead = null;
        this.hash = HashAlgorithm.SHA256; // RFC 5246 §5: every suite defined for TLS 1.2 without its own PRF uses SHA-256
        this.cbc = cbc;
        this.mac = mac;
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
     * The key exchange (TLS 1.2), or TLS 1.3's negotiated one.
     *
     * @return the key exchange, for reactls's own layers
     */
    public KeyExchangeAlgorithm keyExchange() {
        return keyExchange;
    }

    /**
     * The AEAD.
     *
     * @return the AEAD, or null for a CBC-HMAC suite
     */
    public AeadAlgorithm aead() {
        return aead;
    }

    /**
     * A legacy TLS 1.2 CBC-HMAC suite: {@link #cbc()} and {@link #mac()} are set, {@link #aead()} is null.
     *
     * @return whether it is one
     */
    public boolean isCbc() {
        return cbc != null;
    }

    /**
     * The block cipher of a CBC suite.
     *
     * @return the cipher, else null
     */
    public CbcCipher cbc() {
        return cbc;
    }

    /**
     * The record MAC of a CBC suite.
     *
     * @return the MAC, else null
     */
    public MacAlgorithm mac() {
        return mac;
    }

    /**
     * Names the record protection.
     *
     * @return the AEAD, or cipher and MAC
     */
    public String recordCipher() {
        return cbc != null ? cbc + " with " + mac : String.valueOf(aead);
    }

    /**
     * The PRF / transcript hash.
     *
     * @return the hash
     */
    public HashAlgorithm hash() {
        return hash;
    }

    /**
     * A TLS 1.3 suite (usable only with TLS 1.3, and TLS 1.2 suites only with TLS 1.2).
     *
     * @return whether it is one
     */
    public boolean isTls13() {
        return keyExchange == KeyExchangeAlgorithm.TLS13;
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
        if (isTls13()) {
            return name();
        }
        String kx = switch (keyExchange) {
            case ECDHE_ECDSA -> "ECDHE-ECDSA-";
            case ECDHE_RSA -> "ECDHE-RSA-";
            case RSA, TLS13 -> "";
        };
        if (isCbc()) {
            String cipher = switch (cbc) {
                case AES_128_CBC -> "AES128-";
                case AES_256_CBC -> "AES256-";
            };
            return kx + cipher + switch (mac) {
                case HMAC_SHA1 -> "SHA";
                case HMAC_SHA256 -> "SHA256";
                case HMAC_SHA384 -> "SHA384";
            };
        }
        return kx + switch (aead) {
            case AES_128_GCM -> "AES128-GCM-" + hash;
            case AES_256_GCM -> "AES256-GCM-" + hash;
            case CHACHA20_POLY1305 -> "CHACHA20-POLY1305";
        };
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
