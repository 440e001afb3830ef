package io.reactls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * A certificate chain (leaf first) and the leaf's private key. The private key is null for a key that never leaves
 * a KMS or HSM ({@link #remote}): signing and RSA decryption then go through the configured asynchronous hooks.
 * The static factories load it from PEM, PKCS#12, JKS, a {@link KeyStore} or a {@link KeyManagerFactory}, and check
 * that the key belongs to the first certificate ({@link KeyMaterialException} otherwise).
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    /**
     * Checks the chain is not empty and copies it.
     *
     * @param chain the certificate chain, leaf first
     * @param privateKey the leaf's private key, or null when it is held elsewhere
     */
    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        chain = List.copyOf(chain);
    }

    /**
     * A chain whose private key is held elsewhere; only the leaf's public key is known here.
     *
     * @param chain the certificate chain, leaf first
     * @return key material without a private key
     */
    public static KeyMaterial remote(List<X509Certificate> chain) {
        return new KeyMaterial(chain, null);
    }

    /**
     * A chain file (leaf first) and an unencrypted key file (PKCS#8, PKCS#1 or SEC 1 PEM).
     *
     * @param chain the PEM certificate chain, leaf first
     * @param key the PEM private key
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromPem(Path chain, Path key) {
        return KeyMaterialLoader.fromPem(chain, key, null);
    }

    /**
     * A chain file (leaf first) and a key file encrypted with {@code password}.
     *
     * @param chain the PEM certificate chain, leaf first
     * @param key the PEM private key, encrypted or not
     * @param password the key's password, or null for an unencrypted key
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromPem(Path chain, Path key, char[] password) {
        return KeyMaterialLoader.fromPem(chain, key, password);
    }

    /**
     * The first key entry of a PKCS#12 file whose store and key share {@code password} (as openssl writes them).
     *
     * @param path the PKCS#12 file
     * @param password the store's and key's password
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromPkcs12(Path path, char[] password) {
        return KeyMaterialLoader.fromStoreFile(path, "PKCS12", password, null, password);
    }

    /**
     * The key entry {@code alias} of a PKCS#12 file whose store and key share {@code password}.
     *
     * @param path the PKCS#12 file
     * @param password the store's and key's password
     * @param alias the entry
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromPkcs12(Path path, char[] password, String alias) {
        return KeyMaterialLoader.fromStoreFile(path, "PKCS12", password, Objects.requireNonNull(alias, "alias"), password);
    }

    /**
     * The key entry {@code alias} of a JKS file; the key has its own password.
     *
     * @param path the JKS file
     * @param storePassword the store's password
     * @param alias the entry, or null for the first key entry
     * @param keyPassword the key's password
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromJks(Path path, char[] storePassword, String alias, char[] keyPassword) {
        return KeyMaterialLoader.fromStoreFile(path, "JKS", storePassword, alias, keyPassword);
    }

    /**
     * The key entry {@code alias} of a loaded {@link KeyStore} of any type.
     *
     * @param store the loaded store
     * @param alias the entry, or null for the first key entry
     * @param keyPassword the key's password
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromKeyStore(KeyStore store, String alias, char[] keyPassword) {
        return KeyMaterialLoader.fromKeyStore(store, alias, keyPassword);
    }

    /**
     * The chain and key a JSSE {@link KeyManagerFactory}'s X.509 key manager holds under {@code alias}.
     *
     * @param factory an initialised key manager factory
     * @param alias the entry
     * @return the chain and its key
     * @throws KeyMaterialException when a file does not read, a password is wrong or the key does not fit the leaf
     */
    public static KeyMaterial fromKeyManagerFactory(KeyManagerFactory factory, String alias) {
        return KeyMaterialLoader.fromKeyManagerFactory(factory, alias);
    }

    /**
     * The end-entity certificate.
     *
     * @return the first certificate of the chain
     */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * The leaf's public key: what scheme and suite choices look at (it is all a remote key offers).
     *
     * @return the leaf's public key
     */
    public PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }

    /**
     * Whether the private key is here, so signing and decryption can run in place.
     *
     * @return true when the private key is here
     */
    public boolean isLocal() {
        return privateKey != null;
    }
}
