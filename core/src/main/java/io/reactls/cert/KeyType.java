package io.reactls.cert;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** A kind of key pair to generate: RSA of some size, an EC named curve, or Ed25519. */
public record KeyType(String algorithm, int bits, String curve) {

    public static final KeyType RSA_2048 = rsa(2048);
    public static final KeyType EC_P256 = new KeyType("EC", 256, "secp256r1");
    public static final KeyType EC_P384 = new KeyType("EC", 384, "secp384r1");
    public static final KeyType ED25519 = new KeyType("Ed25519", 255, null);

    /** Any RSA size, including weak ones for tests that must see them rejected. */
    public static KeyType rsa(int bits) {
        return new KeyType("RSA", bits, null);
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (algorithm.equals("RSA")) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot generate a " + this + " key pair: " + e, e);
        }
    }

    /** The signature algorithm a key of this type signs certificates with by default. */
    public String defaultSignatureAlgorithm() {
        return switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
            default -> algorithm;
        };
    }

    @Override
    public String toString() {
        return curve != null ? curve : algorithm.equals("RSA") ? "RSA " + bits : algorithm;
    }
}
