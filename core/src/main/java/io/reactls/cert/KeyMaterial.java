package io.reactls.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate chain (leaf first) and the leaf's private key. */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    public KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
