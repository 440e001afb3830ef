package io.reactls;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and the leaf's private key. The private key is null for a key that never leaves
 * a KMS or HSM ({@link #remote}): signing and RSA decryption then go through the configured asynchronous hooks.
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        chain = List.copyOf(chain);
    }

    /** A chain whose private key is held elsewhere; only the leaf's public key is known here. */
    public static KeyMaterial remote(List<X509Certificate> chain) {
        return new KeyMaterial(chain, null);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The leaf's public key: what scheme and suite choices look at (it is all a remote key offers). */
    public PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }

    /** Whether the private key is here, so signing and decryption can run in place. */
    public boolean isLocal() {
        return privateKey != null;
    }
}
