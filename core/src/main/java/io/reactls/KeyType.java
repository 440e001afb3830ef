package io.reactls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * A kind of key pair to generate: RSA of some size, RSASSA-PSS (optionally restricted to one hash), an EC named curve,
 * or Ed25519.
 *
 * @param algorithm the JCA key algorithm: {@code RSA}, {@code RSASSA-PSS}, {@code EC} or {@code Ed25519}
 * @param bits the key size (the curve's for EC, 255 for Ed25519)
 * @param curve the EC named curve ({@code secp256r1}...), null for other algorithms
 * @param pssHash for RSASSA-PSS keys only: the hash ({@code SHA-256}...) their SubjectPublicKeyInfo parameters restrict
 *                them to, with MGF1 over the same hash and the hash's length as minimum salt; null for no restriction
 */
public record KeyType(String algorithm, int bits, String curve, String pssHash) {

    /** RSA, 2048 bits. */
    public static final KeyType RSA_2048 = rsa(2048);
    /** An RSASSA-PSS key (SPKI OID 1.2.840.113549.1.1.10) without parameters: usable with every rsa_pss_pss_* scheme. */
    public static final KeyType RSA_PSS_2048 = rsaPss(2048, null);
    /** EC on P-256 (secp256r1). */
    public static final KeyType EC_P256 = new KeyType("EC", 256, "secp256r1");
    /** EC on P-384 (secp384r1). */
    public static final KeyType EC_P384 = new KeyType("EC", 384, "secp384r1");
    /** Ed25519. */
    public static final KeyType ED25519 = new KeyType("Ed25519", 255, null);

    /**
     * A key type without RSASSA-PSS restriction.
     *
     * @param algorithm the JCA key algorithm
     * @param bits the key size
     * @param curve the EC named curve, or null
     */
    public KeyType(String algorithm, int bits, String curve) {
        this(algorithm, bits, curve, null);
    }

    /**
     * Any RSA size, including weak ones for tests that must see them rejected.
     *
     * @param bits the modulus size
     * @return the key type
     */
    public static KeyType rsa(int bits) {
        return new KeyType("RSA", bits, null);
    }

    /**
     * An RSASSA-PSS key of any size, restricted to {@code hash} ("SHA-256", "SHA-384", "SHA-512") or not (null).
     *
     * @param bits the modulus size
     * @param hash the hash to restrict the key to, or null
     * @return the key type
     */
    public static KeyType rsaPss(int bits, String hash) {
        return new KeyType("RSASSA-PSS", bits, null, hash);
    }

    /**
     * Generates a fresh key pair of this type.
     *
     * @return the key pair
     * @throws KeyMaterialException when the JDK cannot generate it
     */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (algorithm.equals("RSA")) {
                generator.initialize(bits);
            } else if (algorithm.equals("RSASSA-PSS")) {
                generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4, pssParameters()));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot generate a " + this + " key pair: " + e, e);
        }
    }

    /** The RSASSA-PSS parameters a restricted key carries: MGF1 over the same hash, salt as long as the hash. */
    private PSSParameterSpec pssParameters() {
        if (pssHash == null) {
            return null;
        }
        int saltLength = switch (pssHash) {
            case "SHA-256" -> 32;
            case "SHA-384" -> 48;
            case "SHA-512" -> 64;
            default -> throw new KeyMaterialException("RSASSA-PSS keys are restricted to SHA-256, SHA-384 or SHA-512, not " + pssHash);
        };
        return new PSSParameterSpec(pssHash, "MGF1", new MGF1ParameterSpec(pssHash), saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /**
     * The signature algorithm a key of this type signs certificates with by default.
     *
     * @return a JCA signature algorithm name such as {@code SHA256withECDSA}
     */
    public String defaultSignatureAlgorithm() {
        return switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "RSASSA-PSS" -> pssSignatureAlgorithm(pssHash);
            case "EC" -> bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            default -> algorithm;
        };
    }

    /** BC's name for RSASSA-PSS with MGF1 over {@code hash} and a salt as long as the hash (SHA-256 when null). */
    static String pssSignatureAlgorithm(String hash) {
        return (hash == null ? "SHA-256" : hash).replace("-", "") + "withRSAandMGF1";
    }

    @Override
    public String toString() {
        if (curve != null) {
            return curve;
        }
        return switch (algorithm) {
            case "RSA" -> "RSA " + bits;
            case "RSASSA-PSS" -> "RSASSA-PSS " + bits + (pssHash != null ? " (" + pssHash + " only)" : "");
            default -> algorithm;
        };
    }
}
