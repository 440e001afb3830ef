package io.reactls.fuzz;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.KeyMaterial;
import io.reactls.Pem;
import io.reactls.TrustAnchors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Fixed key material for the fuzz targets, checked in as PEM under {@code io/reactls/fuzz/pki}: a seed captured
 * from a real handshake (a server flight with its certificate and signature) only replays against the same keys,
 * and a crash found today must reproduce tomorrow. {@link Generate} makes new files (then recapture the seeds).
 */
final class FuzzPki {

    /** The certificates were issued at this instant; the engines' clock stands a month later. */
    static final Instant ISSUED = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2025-02-01T00:00:00Z");
    static final String HOST = "localhost";

    /** Loaded on first use, so that {@link Generate} runs without the files. */
    static final class Keys {
        static final TrustAnchors TRUST =
                TrustAnchors.of(List.of(Pem.parseCertificates(resource("ca.pem"), "ca.pem").get(0)));
        static final KeyMaterial ECDSA_SERVER = load("ecdsa-server");
        static final KeyMaterial RSA_SERVER = load("rsa-server");
        static final KeyMaterial ECDSA_CLIENT = load("ecdsa-client");
    }

    private FuzzPki() {
    }

    private static KeyMaterial load(String name) {
        List<X509Certificate> chain = Pem.parseCertificates(resource(name + ".pem"), name + ".pem");
        return new KeyMaterial(chain, Pem.parsePrivateKey(resource(name + ".key"), name + ".key", null));
    }

    private static String resource(String name) {
        try (InputStream in = FuzzPki.class.getResourceAsStream("pki/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fuzz PKI file pki/" + name + "; run FuzzPki$Generate");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new CA and leaves to {@code args[0]} (core/src/test/resources/io/reactls/fuzz/pki). */
    static final class Generate {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        CertificateGenerator ec = CertificateGenerator.ec().now(ISSUED);
        IssuedCertificate root = ec.caCertificate("reactls fuzz CA").issue();
        Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(root.certificate())));
        write(dir, "ecdsa-server", ec.ca(root).leaf(HOST));
        write(dir, "rsa-server", CertificateGenerator.rsa().now(ISSUED).ca(root).leaf(HOST));
        write(dir, "ecdsa-client", ec.ca(root).leaf("reactls fuzz client"));
    }
    }

    private static void write(Path dir, String name, GeneratedPki pki) throws IOException {
        Files.writeString(dir.resolve(name + ".pem"), Pem.encodeCertificates(pki.chain()));
        Files.writeString(dir.resolve(name + ".key"), Pem.encodePrivateKey(pki.leaf().privateKey()));
    }
}
