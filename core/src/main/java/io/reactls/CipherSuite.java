package io.reactls;

import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.CbcCipher;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.crypto.MacAlgorithm;
import java.util.Locale;

/** The cipher suites reactls speaks, with their IANA names and code points. */
public enum CipherSuite {
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    // TLS 1.3 (RFC 8446 §B.4): key exchange and authentication are negotiated separately.
    TLS_AES_128_GCM_SHA256(0x1301, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    // Legacy TLS 1.2 CBC-HMAC suites (RFC 5246, RFC 4492, RFC 5289): never enabled by default. All use the SHA-256 PRF.
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xC014, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xC009, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xC00A, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xC027, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xC023, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, KeyExchangeAlgorithm.RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256),
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

    public int id() {
        return id;
    }

    public KeyExchangeAlgorithm keyExchange() {
        return keyExchange;
    }

    /** The AEAD, or null for a CBC-HMAC suite. */
    public AeadAlgorithm aead() {
        return aead;
    }

    /** A legacy TLS 1.2 CBC-HMAC suite: {@link #cbc()} and {@link #mac()} are set, {@link #aead()} is null. */
    public boolean isCbc() {
        return cbc != null;
    }

    /** The block cipher of a CBC suite, else null. */
    public CbcCipher cbc() {
        return cbc;
    }

    /** The record MAC of a CBC suite, else null. */
    public MacAlgorithm mac() {
        return mac;
    }

    /** Names the record protection: the AEAD, or cipher and MAC. */
    public String recordCipher() {
        return cbc != null ? cbc + " with " + mac : String.valueOf(aead);
    }

    /** The PRF / transcript hash. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** A TLS 1.3 suite (usable only with TLS 1.3, and TLS 1.2 suites only with TLS 1.2). */
    public boolean isTls13() {
        return keyExchange == KeyExchangeAlgorithm.TLS13;
    }

    public static CipherSuite fromId(int id) {
        for (CipherSuite s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /** Parses an IANA name (case-insensitive). */
    public static CipherSuite fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cipher suite: " + name, e);
        }
    }
}
