package io.reactls.cert;

import io.reactls.KeyMaterial;
import io.reactls.KeyMaterialException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Loads a {@link KeyMaterial} (chain + private key) from PEM files or a PKCS#12 store, checking the two belong together. */
public final class KeyMaterials {

    private static final byte[] PROBE = "reactls key material probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private KeyMaterials() {
    }

    /** A chain file (leaf first) and an unencrypted key file. */
    public static KeyMaterial fromPem(Path chain, Path key) {
        return fromPem(chain, key, null);
    }

    /** A chain file (leaf first) and a key file, encrypted with {@code password} or not (then it may be null). */
    public static KeyMaterial fromPem(Path chain, Path key, char[] password) {
        List<X509Certificate> certificates = Pem.readCertificates(chain);
        PrivateKey privateKey = Pem.readPrivateKey(key, password);
        requireMatchingKey(certificates.get(0), privateKey, key + " does not hold the private key of the first certificate in " + chain);
        return new KeyMaterial(certificates, privateKey);
    }

    /** The first key entry of a PKCS#12 store; the same password protects the store and the key, as openssl writes them. */
    public static KeyMaterial fromPkcs12(Path path, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(path)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException e) {
            // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            throw new KeyMaterialException("cannot read PKCS#12 file " + path + " (wrong password or not PKCS#12?): " + e, e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read PKCS#12 file " + path + ": " + e, e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0) {
                    throw new KeyMaterialException("PKCS#12 file " + path + ": key entry '" + alias + "' has no certificate chain");
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    if (!(certificate instanceof X509Certificate x509)) {
                        throw new KeyMaterialException("PKCS#12 file " + path + ": entry '" + alias + "' holds a non-X.509 certificate");
                    }
                    certificates.add(x509);
                }
                requireMatchingKey(certificates.get(0), privateKey,
                        "PKCS#12 file " + path + ": the key of entry '" + alias + "' does not match its certificate");
                return new KeyMaterial(certificates, privateKey);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read the key in PKCS#12 file " + path + ": " + e, e);
        }
        throw new KeyMaterialException("PKCS#12 file " + path + " contains no private key entry");
    }

    /**
     * Signs a probe with the private key and verifies it with the certificate's public key: one check that works
     * for every key type, and catches the common mistake of pairing a chain with the wrong key file.
     */
    static void requireMatchingKey(X509Certificate leaf, PrivateKey key, String problem) {
        PublicKey publicKey = leaf.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new KeyMaterialException(problem + " (certificate key is " + publicKey.getAlgorithm()
                    + ", private key is " + key.getAlgorithm() + ")");
        }
        if (publicKey instanceof RSAKey rsaPublic && key instanceof RSAKey rsaPrivate) {
            // RSA (and RSASSA-PSS, whose probe would need parameters) match when the moduli do.
            if (!rsaPublic.getModulus().equals(rsaPrivate.getModulus())) {
                throw new KeyMaterialException(problem);
            }
            return;
        }
        String algorithm = probeSignatureAlgorithm(key);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            if (!verifier.verify(signature)) {
                throw new KeyMaterialException(problem);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(problem + ": " + e, e);
        }
    }

    private static String probeSignatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey) {
            return "SHA256withECDSA";
        }
        return switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // EdDSA keys name their own signature scheme: Ed25519, Ed448
        };
    }
}
