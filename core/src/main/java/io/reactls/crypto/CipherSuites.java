package io.reactls.crypto;

import io.reactls.CipherSuite;
import java.util.EnumMap;
import java.util.Map;

/**
 * The algorithms behind each {@link CipherSuite}: its key exchange, record protection (an AEAD, or a CBC cipher with
 * an HMAC) and PRF / transcript hash. The public suite is a name and a code point; what it means to the layers lives
 * here, next to the algorithms.
 */
public final class CipherSuites {

    private record Algorithms(KeyExchangeAlgorithm keyExchange, AeadAlgorithm aead, HashAlgorithm hash, CbcCipher cbc,
            MacAlgorithm mac) {
    }

    private static final Map<CipherSuite, Algorithms> ALGORITHMS = new EnumMap<>(CipherSuite.class);

    static {
        aead(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);
        aead(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);
        aead(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, KeyExchangeAlgorithm.ECDHE_RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, KeyExchangeAlgorithm.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);
        aead(CipherSuite.TLS_AES_128_GCM_SHA256, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256);
        aead(CipherSuite.TLS_AES_256_GCM_SHA384, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);
        aead(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, KeyExchangeAlgorithm.TLS13, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256);
        cbc(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, KeyExchangeAlgorithm.ECDHE_RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256);
        cbc(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, KeyExchangeAlgorithm.ECDHE_ECDSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256);
        cbc(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA, KeyExchangeAlgorithm.RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA1);
        cbc(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, KeyExchangeAlgorithm.RSA, CbcCipher.AES_128_CBC, MacAlgorithm.HMAC_SHA256);
        cbc(CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256, KeyExchangeAlgorithm.RSA, CbcCipher.AES_256_CBC, MacAlgorithm.HMAC_SHA256);
        for (CipherSuite suite : CipherSuite.values()) {
            if (!ALGORITHMS.containsKey(suite)) {
                throw new ExceptionInInitializerError("no algorithms for " + suite);
            }
        }
    }

    private CipherSuites() {
    }

    private static void aead(CipherSuite suite, KeyExchangeAlgorithm keyExchange, AeadAlgorithm aead, HashAlgorithm hash) {
        ALGORITHMS.put(suite, new Algorithms(keyExchange, aead, hash, null, null));
    }

    /** RFC 5246 §5: every TLS 1.2 suite without its own PRF uses SHA-256. */
    private static void cbc(CipherSuite suite, KeyExchangeAlgorithm keyExchange, CbcCipher cbc, MacAlgorithm mac) {
        ALGORITHMS.put(suite, new Algorithms(keyExchange, null, HashAlgorithm.SHA256, cbc, mac));
    }

    /**
     * The key exchange (TLS 1.2), or {@link KeyExchangeAlgorithm#TLS13} for TLS 1.3's negotiated one.
     *
     * @param suite a suite
     * @return its key exchange
     */
    public static KeyExchangeAlgorithm keyExchange(CipherSuite suite) {
        return ALGORITHMS.get(suite).keyExchange();
    }

    /**
     * The AEAD.
     *
     * @param suite a suite
     * @return its AEAD, or null for a CBC-HMAC suite
     */
    public static AeadAlgorithm aead(CipherSuite suite) {
        return ALGORITHMS.get(suite).aead();
    }

    /**
     * The block cipher of a CBC suite.
     *
     * @param suite a suite
     * @return its cipher, else null
     */
    public static CbcCipher cbc(CipherSuite suite) {
        return ALGORITHMS.get(suite).cbc();
    }

    /**
     * The record MAC of a CBC suite.
     *
     * @param suite a suite
     * @return its MAC, else null
     */
    public static MacAlgorithm mac(CipherSuite suite) {
        return ALGORITHMS.get(suite).mac();
    }

    /**
     * The PRF / transcript hash.
     *
     * @param suite a suite
     * @return its hash
     */
    public static HashAlgorithm hash(CipherSuite suite) {
        return ALGORITHMS.get(suite).hash();
    }

    /**
     * Names the record protection, for handshake events.
     *
     * @param suite a suite
     * @return the AEAD, or cipher and MAC
     */
    public static String recordCipher(CipherSuite suite) {
        Algorithms a = ALGORITHMS.get(suite);
        return a.cbc() != null ? a.cbc() + " with " + a.mac() : String.valueOf(a.aead());
    }
}
