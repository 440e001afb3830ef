package io.reactls.testing;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.KeyMaterial;
import io.reactls.TrustAnchors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One test CA (EC P-256) and the leaves interop tests need, generated once per JVM and written as PEM files so
 * openssl and gnutls-cli can read them. Every leaf names {@code localhost} and {@code 127.0.0.1} unless said.
 */
public final class TestPki {

    public static final String HOST = "localhost";
    public static final String SNI_HOST = "sni.test";

    /** A leaf as objects for reactls and as files for the other peers. */
    public record Leaf(KeyMaterial keyMaterial, Path chain, Path key) {
    }

    private static TestPki instance;

    private final Path dir;
    private final IssuedCertificate root;
    private final Path ca;
    private final TrustAnchors trustAnchors;
    private final Leaf ecdsaServer;
    private final Leaf rsaServer;
    private final Leaf sniServer;
    private final Leaf client;
    private Leaf rsaPssServer;
    private Leaf rsaPssClient;

    private TestPki(Path dir) {
        this.dir = dir;
        this.root = CertificateGenerator.ec().caCertificate("reactls test CA").issue();
        GeneratedPki ec = CertificateGenerator.ec().ca(root).leaf(HOST, LoopbackPorts.HOST);
        this.ca = ec.writePem(dir.resolve("ecdsa")).ca();
        this.trustAnchors = ec.trustAnchors();
        this.ecdsaServer = leaf(ec, dir.resolve("ecdsa"));
        this.rsaServer = leaf(CertificateGenerator.rsa().ca(root).leaf(HOST, LoopbackPorts.HOST), dir.resolve("rsa"));
        this.sniServer = leaf(CertificateGenerator.ec().ca(root).leaf(SNI_HOST), dir.resolve("sni"));
        this.client = leaf(CertificateGenerator.ec().ca(root).leaf("reactls test client"), dir.resolve("client"));
    }

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("reactls-test-pki");
                instance = new TestPki(dir);
                deleteOnExit(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the test PKI directory", e);
            }
        }
        return instance;
    }

    private static Leaf leaf(GeneratedPki pki, Path dir) {
        GeneratedPki.PemFiles files = pki.writePem(dir);
        return new Leaf(pki.leaf(), files.chain(), files.key());
    }

    // deleteOnExit runs in reverse order of registration, so directories are registered before their files.
    private static void deleteOnExit(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                p.toFile().deleteOnExit();
            }
        }
    }

    /** The CA certificate as a PEM file ({@code -CAfile}, {@code --x509cafile}). */
    public Path caFile() {
        return ca;
    }

    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /** P-256 server certificate for the ECDHE_ECDSA suites. */
    public Leaf ecdsaServer() {
        return ecdsaServer;
    }

    /** RSA 2048 server certificate for the ECDHE_RSA and RSA key-exchange suites. */
    public Leaf rsaServer() {
        return rsaServer;
    }

    /** A server certificate for {@link #SNI_HOST} only. */
    public Leaf sniServer() {
        return sniServer;
    }

    public Leaf client() {
        return client;
    }

    /**
     * An RSASSA-PSS server certificate (SPKI id-RSASSA-PSS, no parameter restrictions): it signs with rsa_pss_pss_*
     * only. Made on first use, since RSA key generation is slow and few tests need it.
     */
    public synchronized Leaf rsaPssServer() {
        if (rsaPssServer == null) {
            rsaPssServer = leaf(CertificateGenerator.rsaPss().ca(root).leaf(HOST, LoopbackPorts.HOST), dir.resolve("rsa-pss"));
            registerForDeletion(dir.resolve("rsa-pss"));
        }
        return rsaPssServer;
    }

    /** An RSASSA-PSS client certificate, made on first use. */
    public synchronized Leaf rsaPssClient() {
        if (rsaPssClient == null) {
            rsaPssClient = leaf(CertificateGenerator.rsaPss().ca(root).leaf("reactls PSS client"), dir.resolve("rsa-pss-client"));
            registerForDeletion(dir.resolve("rsa-pss-client"));
        }
        return rsaPssClient;
    }

    private static void registerForDeletion(Path dir) {
        try {
            deleteOnExit(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register " + dir + " for deletion", e);
        }
    }

    /**
     * {@code leaf}'s EC key re-encoded by {@code openssl ec} (SEC 1, with the public key), for gnutls-cli, which
     * cannot load the PKCS#8 that {@code Pem.writePrivateKey} writes (no public key inside; see PemInteropTest).
     */
    public Path opensslEcKey(Leaf leaf) {
        Path out = leaf.key().resolveSibling("key-sec1.pem");
        if (!Files.exists(out)) {
            try (PeerProcess openssl = PeerProcess.start(List.of("openssl", "ec", "-in", leaf.key().toString(),
                    "-out", out.toString()))) {
                if (openssl.awaitExit(Duration.ofSeconds(20)) != 0) {
                    throw new AssertionError("openssl ec failed\n" + openssl.describeOutput());
                }
            }
            out.toFile().deleteOnExit();
        }
        return out;
    }
}
