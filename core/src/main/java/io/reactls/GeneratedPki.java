package io.reactls;

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

    /**
     * Copies the intermediates.
     *
     * @param root the self-signed root CA
     * @param intermediates the intermediate CAs, root-most first
     * @param leafCertificate the end-entity certificate
     */
    public GeneratedPki {
        intermediates = List.copyOf(intermediates);
    }

    /**
     * The root CA's certificate.
     *
     * @return the root certificate
     */
    public X509Certificate caCertificate() {
        return root.certificate();
    }

    /**
     * The root CA's private key.
     *
     * @return the root's private key
     */
    public PrivateKey caKey() {
        return root.privateKey();
    }

    /**
     * The chain as sent in a Certificate message: leaf, then intermediates from the leaf's issuer upwards.
     *
     * @return the chain, leaf first
     */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leafCertificate.certificate());
        for (int i = intermediates.size() - 1; i >= 0; i--) {
            chain.add(intermediates.get(i).certificate());
        }
        return List.copyOf(chain);
    }

    /**
     * The leaf as a server or client presents it.
     *
     * @return the chain and the leaf's private key
     */
    public KeyMaterial leaf() {
        return new KeyMaterial(chain(), leafCertificate.privateKey());
    }

    /**
     * Trusts just this PKI's root.
     *
     * @return anchors holding the root only
     */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(List.of(root.certificate()));
    }

    /**
     * Writes {@code ca.pem} (root), {@code chain.pem} (leaf first) and {@code key.pem} (PKCS#8) into {@code dir}.
     *
     * @param dir the directory (created when missing)
     * @return the three files written
     * @throws KeyMaterialException when a file cannot be written
     */
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
