package io.reactls;

import io.reactls.cert.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated root CA, intermediates (root-most first) and a leaf signed by the last of them.
 * {@link #leaf()} is what a server presents: the leaf then the intermediates, nearest first, without the root.
 */
public record GeneratedPki(IssuedCertificate root, List<IssuedCertificate> intermediates, IssuedCertificate leafCertificate) {

    /** Where {@link #writePem} put the files. */
    public record PemFiles(Path ca, Path chain, Path key) {
    }

    public GeneratedPki {
        intermediates = List.copyOf(intermediates);
    }

    public X509Certificate caCertificate() {
        return root.certificate();
    }

    public PrivateKey caKey() {
        return root.privateKey();
    }

    /** The chain as sent in a Certificate message: leaf, then intermediates from the leaf's issuer upwards. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leafCertificate.certificate());
        for (int i = intermediates.size() - 1; i >= 0; i--) {
            chain.add(intermediates.get(i).certificate());
        }
        return List.copyOf(chain);
    }

    public KeyMaterial leaf() {
        return new KeyMaterial(chain(), leafCertificate.privateKey());
    }

    /** Trusts just this PKI's root. */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(List.of(root.certificate()));
    }

    /** Writes {@code ca.pem} (root), {@code chain.pem} (leaf first) and {@code key.pem} (PKCS#8) into {@code dir}. */
    public PemFiles writePem(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot create directory " + dir + ": " + e, e);
        }
        PemFiles files = new PemFiles(dir.resolve("ca.pem"), dir.resolve("chain.pem"), dir.resolve("key.pem"));
        Pem.writeCertificates(files.ca(), List.of(root.certificate()));
        Pem.writeCertificates(files.chain(), chain());
        Pem.writePrivateKey(files.key(), leafCertificate.privateKey());
        return files;
    }
}
