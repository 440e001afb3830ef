package io.reactls.interop;

import io.reactls.KeyMaterial;
import io.reactls.Pem;
import io.reactls.TrustAnchors;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RSASSA-PSS keys and certificates made by openssl itself ({@code req -newkey rsa-pss}, {@code genpkey -algorithm
 * RSA-PSS}), so our PEM loading and signing meet keys as openssl writes them: a PSS CA, and PSS leaves it signs
 * with RSASSA-PSS. Generated once per JVM.
 */
final class OpenSslPssPki {

    /** A leaf as files (for openssl/gnutls) and as loaded by reactls. */
    record Leaf(Path chain, Path key, KeyMaterial keyMaterial) {
    }

    private static OpenSslPssPki instance;

    final Path dir;
    final Path caFile;
    /** Unrestricted PSS key. */
    final Leaf server;
    final Leaf client;
    /** Restricted to SHA-256 for digest and MGF1, salt ≥ 32: fits rsa_pss_pss_sha256 only. */
    final Leaf sha256Server;
    /** {@code rsa_pss_keygen_md:sha256} alone: openssl then restricts MGF1 to SHA-1 (its default), which no TLS scheme uses. */
    final Leaf sha256Mgf1Sha1Server;

    private OpenSslPssPki(Path dir) {
        this.dir = dir;
        this.caFile = dir.resolve("ca.pem");
        openssl("req", "-x509", "-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=openssl PSS CA", "-days", "30",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        write("leaf.ext", "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:" + TestPki.HOST + ",IP:" + LoopbackPorts.HOST + "\n");
        this.server = leaf("server", TestPki.HOST);
        this.client = leaf("client", "openssl PSS client");
        this.sha256Server = leaf("sha256", TestPki.HOST, "-pkeyopt", "rsa_pss_keygen_md:sha256",
                "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha256", "-pkeyopt", "rsa_pss_keygen_saltlen:32");
        this.sha256Mgf1Sha1Server = leaf("sha256-mgf1-sha1", TestPki.HOST, "-pkeyopt", "rsa_pss_keygen_md:sha256");
    }

    static synchronized OpenSslPssPki get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("reactls-openssl-pss");
                instance = new OpenSslPssPki(dir);
                try (var paths = Files.walk(dir)) {
                    paths.forEach(p -> p.toFile().deleteOnExit());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the openssl PSS PKI directory", e);
            }
        }
        return instance;
    }

    TrustAnchors trustAnchors() {
        return TrustAnchors.of(Pem.readCertificates(caFile));
    }

    /** A key from {@code genpkey -algorithm RSA-PSS}, certified by the CA with openssl's defaults for a PSS issuer. */
    private Leaf leaf(String name, String commonName, String... keyOptions) {
        List<String> genpkey = new ArrayList<>(List.of("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048"));
        genpkey.addAll(List.of(keyOptions));
        genpkey.addAll(List.of("-out", name + ".key"));
        openssl(genpkey.toArray(String[]::new));
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + commonName, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-CAserial", "ca.srl",
                "-days", "30", "-extfile", "leaf.ext", "-out", name + ".pem");
        Path chain = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        return new Leaf(chain, key, KeyMaterial.fromPem(chain, key));
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        // PeerProcess has no working directory: make every relative path absolute.
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            if (a.endsWith(".pem") || a.endsWith(".key") || a.endsWith(".csr") || a.endsWith(".ext") || a.endsWith(".srl")) {
                command.set(i, dir.resolve(a).toString());
            }
        }
        try (PeerProcess p = PeerProcess.start(command)) {
            if (p.awaitExit(Duration.ofSeconds(30)) != 0) {
                throw new AssertionError(String.join(" ", command) + " failed\n" + p.describeOutput());
            }
        }
    }
}
