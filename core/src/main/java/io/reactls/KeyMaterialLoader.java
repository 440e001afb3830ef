package io.reactls;

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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * What {@link KeyMaterial}'s factories do: read a chain and its private key from PEM files, a PKCS#12 or JKS file, a
 * loaded {@link KeyStore} or a JSSE {@link KeyManagerFactory}, and check that the two belong together.
 */
final class KeyMaterialLoader {

    private static final byte[] PROBE = "reactls key material probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private KeyMaterialLoader() {
    }

    /** A chain file (leaf first) and a key file, encrypted with {@code password} or not (then it may be null). */
    static KeyMaterial fromPem(Path chain, Path key, char[] password) {
        List<X509Certificate> certificates = Pem.readCertificates(chain);
        PrivateKey privateKey = Pem.readPrivateKey(key, password);
        requireMatchingKey(certificates.get(0), privateKey, key + " does not hold the private key of the first certificate in " + chain);
        return new KeyMaterial(certificates, privateKey);
    }

    /** The key entry {@code alias} (or the first key entry, when null) of a loaded key store. */
    static KeyMaterial fromKeyStore(KeyStore store, String alias, char[] keyPassword) {
        return fromStore(store, "key store", alias, keyPassword);
    }

    /**
     * The chain and key the first X.509 key manager of {@code factory} holds under {@code alias}: the bridge from
     * code that already builds a JSSE {@link KeyManagerFactory}.
     */
    static KeyMaterial fromKeyManagerFactory(KeyManagerFactory factory, String alias) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                X509Certificate[] chain = x509.getCertificateChain(alias);
                PrivateKey key = x509.getPrivateKey(alias);
                if (chain == null || chain.length == 0 || key == null) {
                    throw new KeyMaterialException("the key manager has no certificate chain and key under alias '" + alias + "'");
                }
                requireMatchingKey(chain[0], key, "the key of alias '" + alias + "' does not match its certificate");
                return new KeyMaterial(List.of(chain), key);
            }
        }
        throw new KeyMaterialException("the key manager factory has no X.509 key manager");
    }

    /**
     * The key entry {@code alias} (or the first key entry, when null) of a {@code type} ("PKCS12" or "JKS") store file.
     */
    static KeyMaterial fromStoreFile(Path path, String type, char[] storePassword, String alias, char[] keyPassword) {
        String name = type.equals("PKCS12") ? "PKCS#12" : type;
        KeyStore store;
        try (InputStream in = Files.newInputStream(path)) {
            store = KeyStore.getInstance(type);
            store.load(in, storePassword);
        } catch (IOException e) {
            // The JDK reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            throw new KeyMaterialException("cannot read " + name + " file " + path + " (wrong password or not " + name + "?): " + e, e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read " + name + " file " + path + ": " + e, e);
        }
        return fromStore(store, name + " file " + path, alias, keyPassword);
    }

    private static KeyMaterial fromStore(KeyStore store, String what, String alias, char[] keyPassword) {
        try {
            List<String> aliases = alias != null ? List.of(alias) : Collections.list(store.aliases());
            for (String name : aliases) {
                if (!store.isKeyEntry(name)) {
                    if (alias != null) {
                        throw new KeyMaterialException(what + ": no key entry '" + alias + "'");
                    }
                    continue;
                }
                Key key = store.getKey(name, keyPassword);
                if (!(key instanceof PrivateKey privateKey)) {
                    if (alias != null) {
                        throw new KeyMaterialException(what + ": entry '" + alias + "' holds no private key");
                    }
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(name);
                if (chain == null || chain.length == 0) {
                    throw new KeyMaterialException(what + ": key entry '" + name + "' has no certificate chain");
                }
                List<X509Certificate> certificates = new ArrayList<>();
                for (Certificate certificate : chain) {
                    if (!(certificate instanceof X509Certificate x509)) {
                        throw new KeyMaterialException(what + ": entry '" + name + "' holds a non-X.509 certificate");
                    }
                    certificates.add(x509);
                }
                requireMatchingKey(certificates.get(0), privateKey,
                        what + ": the key of entry '" + name + "' does not match its certificate");
                return new KeyMaterial(certificates, privateKey);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read the key in " + what + ": " + e, e);
        }
        throw new KeyMaterialException(what + " contains no private key entry");
    }

    /**
     * Signs a probe with the private key and verifies it with the certificate's public key: one check that works
     * for every key type, and catches the common mistake of pairing a chain with the wrong key file.
     */
    private static void requireMatchingKey(X509Certificate leaf, PrivateKey key, String problem) {
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
