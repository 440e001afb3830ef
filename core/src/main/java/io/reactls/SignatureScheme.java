package io.reactls;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * Signature schemes (RFC 8446 §4.2.3; in TLS 1.2 the same code points name hash + signature pairs, RFC 5246 §7.4.1.4.1).
 */
public enum SignatureScheme {
    /** ecdsa_secp256r1_sha256 (0x0403). */
    ECDSA_SECP256R1_SHA256(0x0403, "SHA256withECDSA", null, KeyType.EC),
    /** ecdsa_secp384r1_sha384 (0x0503). */
    ECDSA_SECP384R1_SHA384(0x0503, "SHA384withECDSA", null, KeyType.EC),
    /** ecdsa_secp521r1_sha512 (0x0603). */
    ECDSA_SECP521R1_SHA512(0x0603, "SHA512withECDSA", null, KeyType.EC),
    /** rsa_pss_rsae_sha256 (0x0804). */
    RSA_PSS_RSAE_SHA256(0x0804, "RSASSA-PSS", "SHA-256", KeyType.RSA),
    /** rsa_pss_rsae_sha384 (0x0805). */
    RSA_PSS_RSAE_SHA384(0x0805, "RSASSA-PSS", "SHA-384", KeyType.RSA),
    /** rsa_pss_rsae_sha512 (0x0806). */
    RSA_PSS_RSAE_SHA512(0x0806, "RSASSA-PSS", "SHA-512", KeyType.RSA),
    /** ed25519 (0x0807). */
    ED25519(0x0807, "Ed25519", null, KeyType.ED25519),
    /** rsa_pss_pss_sha256 (0x0809). */
    RSA_PSS_PSS_SHA256(0x0809, "RSASSA-PSS", "SHA-256", KeyType.RSA_PSS),
    /** rsa_pss_pss_sha384 (0x080a). */
    RSA_PSS_PSS_SHA384(0x080a, "RSASSA-PSS", "SHA-384", KeyType.RSA_PSS),
    /** rsa_pss_pss_sha512 (0x080b). */
    RSA_PSS_PSS_SHA512(0x080b, "RSASSA-PSS", "SHA-512", KeyType.RSA_PSS),
    /** rsa_pkcs1_sha256 (0x0401). */
    RSA_PKCS1_SHA256(0x0401, "SHA256withRSA", null, KeyType.RSA),
    /** rsa_pkcs1_sha384 (0x0501). */
    RSA_PKCS1_SHA384(0x0501, "SHA384withRSA", null, KeyType.RSA),
    /** rsa_pkcs1_sha512 (0x0601). */
    RSA_PKCS1_SHA512(0x0601, "SHA512withRSA", null, KeyType.RSA);

    /**
     * The key family a scheme signs with. RSA is an rsaEncryption key (rsa_pss_rsae_*, rsa_pkcs1_*); RSA_PSS is a key
     * whose SubjectPublicKeyInfo says id-RSASSA-PSS (rsa_pss_pss_* only): RFC 8446 §4.2.3 keeps the two apart.
     */
    public enum KeyType {
        /** An rsaEncryption key. */
        RSA,
        /** An id-RSASSA-PSS key. */
        RSA_PSS,
        /** An elliptic-curve (ECDSA) key. */
        EC,
        /** An Ed25519 key. */
        ED25519
    }

    private static final String RSASSA_PSS_OID = "1.2.840.113549.1.1.10";

    private final int id;
    private final String jcaName;
    private final String pssHash;
    private final KeyType keyType;

    SignatureScheme(int id, String jcaName, String pssHash, KeyType keyType) {
        this.id = id;
        this.jcaName = jcaName;
        this.pssHash = pssHash;
        this.keyType = keyType;
    }

    /**
     * The scheme's code point.
     *
     * @return the two-byte code point
     */
    public int id() {
        return id;
    }

    /**
     * The key family the scheme signs with.
     *
     * @return the key type
     */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * The name RFC 8446 uses.
     *
     * @return e.g. {@code ecdsa_secp256r1_sha256}
     */
    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The scheme with a code point.
     *
     * @param id a two-byte code point
     * @return the scheme, or null when reactls does not know it
     */
    public static SignatureScheme fromId(int id) {
        for (SignatureScheme s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /**
     * The key family of a JCA key.
     *
     * @param key a public or private key
     * @return its family, or null when reactls cannot sign with it
     */
    public static KeyType keyTypeOf(java.security.Key key) {
        if (key instanceof RSAKey) {
            // The JDK (and BC) name keys by their SPKI/PKCS#8 algorithm: RSASSA-PSS keys say so, whatever their class.
            String alg = key.getAlgorithm();
            return "RSASSA-PSS".equalsIgnoreCase(alg) || RSASSA_PSS_OID.equals(alg) ? KeyType.RSA_PSS : KeyType.RSA;
        }
        if (key instanceof ECKey) {
            return KeyType.EC;
        }
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg) || "EdDSA".equalsIgnoreCase(alg)) {
            return KeyType.ED25519;
        }
        return null;
    }

    /**
     * Whether this scheme can sign (or verify) with {@code key}: the key family must match, and an RSASSA-PSS key
     * whose parameters restrict it (RFC 4055 §3.1) must allow this scheme's hash for the digest and MGF1, and a minimum
     * salt no longer than the hash (RFC 8446 §4.2.3 fixes the salt at the hash length).
     *
     * @param key a public or private key
     * @return whether this scheme may use it
     */
    public boolean fits(java.security.Key key) {
        if (key == null || keyTypeOf(key) != keyType) {
            return false;
        }
        if (keyType != KeyType.RSA_PSS || !(key instanceof RSAKey rsa) || rsa.getParams() == null) {
            return true;
        }
        if (!(rsa.getParams() instanceof PSSParameterSpec restriction)) {
            return false;
        }
        return sameHash(restriction.getDigestAlgorithm(), pssHash)
                && "MGF1".equalsIgnoreCase(restriction.getMGFAlgorithm())
                && restriction.getMGFParameters() instanceof MGF1ParameterSpec mgf
                && sameHash(mgf.getDigestAlgorithm(), pssHash)
                && restriction.getSaltLength() <= saltLength()
                && restriction.getTrailerField() == PSSParameterSpec.TRAILER_FIELD_BC;
    }

    /**
     * The hash of an RSASSA-PSS scheme.
     *
     * @return "SHA-256", "SHA-384" or "SHA-512", or null for the other schemes
     */
    public String pssHash() {
        return pssHash;
    }

    /** The JDK names SHA-256 "SHA-256" but also accepts (and some encoders write) "SHA256". */
    private static boolean sameHash(String a, String b) {
        return a.replace("-", "").equalsIgnoreCase(b.replace("-", ""));
    }

    private int saltLength() {
        return switch (pssHash) {
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            default -> 64;
        };
    }

    /**
     * Signs with randomness from {@code random} (ECDSA nonces, PSS salts), never the platform's blocking default.
     *
     * @param key the private key
     * @param data the whole content to sign (the scheme hashes it)
     * @param random the randomness
     * @return the signature
     * @throws GeneralSecurityException when the JCA provider refuses the key or fails
     */
    public byte[] sign(PrivateKey key, byte[] data, java.security.SecureRandom random) throws GeneralSecurityException {
        return sign(key, data, random, null);
    }

    /**
     * Signs on {@code provider} (null: the JDK's usual provider selection). A key the provider cannot take (an HSM
     * handle, a key type it lacks) is signed by the JDK's selection instead.
     *
     * @param key the private key
     * @param data the bytes to sign
     * @param random ECDSA nonces and PSS salts
     * @param provider the preferred provider, or null
     * @return the signature
     * @throws GeneralSecurityException if no provider can sign with the key
     */
    public byte[] sign(PrivateKey key, byte[] data, java.security.SecureRandom random, Provider provider)
            throws GeneralSecurityException {
        Signature s = newSignature(provider);
        try {
            s.initSign(key, random);
        } catch (InvalidKeyException | UnsupportedOperationException foreignKey) {
            if (provider == null) {
                throw foreignKey;
            }
            s = newSignature(null);
            s.initSign(key, random);
        }
        s.update(data);
        return s.sign();
    }

    /**
     * Verifies a signature; a malformed signature is simply not valid.
     *
     * @param key the public key
     * @param data the whole signed content
     * @param signature the signature
     * @return whether it is valid
     * @throws GeneralSecurityException when the JCA provider refuses the key or fails
     */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        return verify(key, data, signature, null);
    }

    /**
     * {@link #verify(PublicKey, byte[], byte[])} on {@code provider} (null: the JDK's usual selection), falling back
     * to the JDK's selection for a key the provider cannot take.
     *
     * @param key the public key
     * @param data the signed bytes
     * @param signature the signature
     * @param provider the preferred provider, or null
     * @return true when the signature verifies
     * @throws GeneralSecurityException if no provider can verify with the key
     */
    public boolean verify(PublicKey key, byte[] data, byte[] signature, Provider provider) throws GeneralSecurityException {
        Signature s = newSignature(provider);
        try {
            s.initVerify(key);
        } catch (InvalidKeyException | UnsupportedOperationException foreignKey) {
            if (provider == null) {
                throw foreignKey;
            }
            s = newSignature(null);
            s.initVerify(key);
        }
        s.update(data);
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException malformed) {
            // A signature that does not even parse is simply not valid.
            return false;
        }
    }

    private Signature newSignature(Provider provider) throws GeneralSecurityException {
        Signature s = null;
        if (provider != null) {
            try {
                s = Signature.getInstance(jcaName, provider);
            } catch (NoSuchAlgorithmException absent) {
                // the provider lacks this scheme: the JDK's selection below
            }
        }
        if (s == null) {
            s = Signature.getInstance(jcaName);
        }
        if (pssHash != null) {
            // The same parameters for rsae and pss keys: MGF1 with the signed hash, salt as long as the hash.
            s.setParameter(new PSSParameterSpec(pssHash, "MGF1", new MGF1ParameterSpec(pssHash), saltLength(), 1));
        }
        return s;
    }
}
