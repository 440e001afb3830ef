package io.reactls.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
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
    ECDSA_SECP256R1_SHA256(0x0403, "SHA256withECDSA", null, KeyType.EC),
    ECDSA_SECP384R1_SHA384(0x0503, "SHA384withECDSA", null, KeyType.EC),
    ECDSA_SECP521R1_SHA512(0x0603, "SHA512withECDSA", null, KeyType.EC),
    RSA_PSS_RSAE_SHA256(0x0804, "RSASSA-PSS", "SHA-256", KeyType.RSA),
    RSA_PSS_RSAE_SHA384(0x0805, "RSASSA-PSS", "SHA-384", KeyType.RSA),
    RSA_PSS_RSAE_SHA512(0x0806, "RSASSA-PSS", "SHA-512", KeyType.RSA),
    ED25519(0x0807, "Ed25519", null, KeyType.ED25519),
    RSA_PKCS1_SHA256(0x0401, "SHA256withRSA", null, KeyType.RSA),
    RSA_PKCS1_SHA384(0x0501, "SHA384withRSA", null, KeyType.RSA),
    RSA_PKCS1_SHA512(0x0601, "SHA512withRSA", null, KeyType.RSA);

    /** The key family a scheme signs with. */
    public enum KeyType { RSA, EC, ED25519 }

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

    public int id() {
        return id;
    }

    public KeyType keyType() {
        return keyType;
    }

    public String rfcName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SignatureScheme fromId(int id) {
        for (SignatureScheme s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }

    /** The key family of a JCA key, or null when reactls cannot sign with it. */
    public static KeyType keyTypeOf(java.security.Key key) {
        if (key instanceof RSAKey) {
            return KeyType.RSA;
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

    /** Signs with randomness from {@code random} (ECDSA nonces, PSS salts), never the platform's blocking default. */
    public byte[] sign(PrivateKey key, byte[] data, java.security.SecureRandom random) throws GeneralSecurityException {
        Signature s = newSignature();
        s.initSign(key, random);
        s.update(data);
        return s.sign();
    }

    public boolean verify(PublicKey key, byte[] data, byte[] signature) throws GeneralSecurityException {
        Signature s = newSignature();
        s.initVerify(key);
        s.update(data);
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException malformed) {
            // A signature that does not even parse is simply not valid.
            return false;
        }
    }

    private Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaName);
        if (pssHash != null) {
            int saltLen = switch (pssHash) {
                case "SHA-256" -> 32;
                case "SHA-384" -> 48;
                default -> 64;
            };
            s.setParameter(new PSSParameterSpec(pssHash, "MGF1", new MGF1ParameterSpec(pssHash), saltLen, 1));
        }
        return s;
    }
}
