package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateBuilder;
import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.GeneratedPki;
import io.reactls.Pem;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.SocketEngineDriver;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client refusing a bad server certificate served by a real {@code openssl s_server}: each failure is the
 * matching alert as a {@link CertificateVerificationException} with its reason, and openssl reports receiving that
 * alert. The server runs at {@code @SECLEVEL=0} so that openssl itself agrees to serve the weak certificates.
 */
class OpenSslCertificateFailureTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String HOST = "localhost";
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    /** Serves {@code pki}'s chain, connects trusting {@code trusted}'s root, and checks both sides of the failure. */
    private CertificateVerificationException refused(GeneratedPki pki, GeneratedPki trusted, String serverName,
                                                     Reason reason, AlertDescription alert, String opensslSays) {
        GeneratedPki.PemFiles files = pki.writePem(dir);
        TlsConfig config = TlsConfig.client().trustAnchors(trusted.trustAnchors()).build();
        OpenSslServer.Builder builder = OpenSslServer.builder(files.chain(), files.key()).tls12()
                .cipher("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:@SECLEVEL=0");
        if (!pki.intermediates().isEmpty()) {
            // s_server sends only the leaf of -cert (plus what it can build from its own store): name the rest.
            Path intermediates = dir.resolve("intermediates.pem");
            Pem.writeCertificates(intermediates, pki.chain().subList(1, pki.chain().size()));
            builder.arg("-cert_chain", intermediates.toString());
        }
        try (OpenSslServer server = builder.start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, serverName, server.port(), TIMEOUT)) {
            TlsAlertException failure = catchThrowableOfType(TlsAlertException.class, client::handshake);
            assertThat(failure).as("handshake must fail; openssl said:\n%s", server.process().describeOutput()).isNotNull();
            assertThat(failure).as(failure.toString()).isInstanceOf(CertificateVerificationException.class);
            CertificateVerificationException e = (CertificateVerificationException) failure;
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.alert()).isEqualTo(alert);
            assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
            assertThat(e.getMessage()).startsWith("sent " + alert.rfcName() + ": certificate rejected: ");
            assertThat(client.engine().failure()).isSameAs(e);
            server.process().awaitExit(TIMEOUT); // s_server exits after its one connection
            assertThat(server.process().stdout().text() + server.process().stderr().text())
                    .as("openssl received our alert").contains(opensslSays);
            return e;
        }
    }

    private static GeneratedPki rsaLeaf(Consumer<CertificateBuilder> customizer) {
        return CertificateGenerator.rsa().ca("failure test CA").leaf(customizer, HOST);
    }

    @Test
    void expiredLeaf() {
        GeneratedPki pki = rsaLeaf(b -> b.validity(NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)));
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.EXPIRED, AlertDescription.CERTIFICATE_EXPIRED,
                "alert certificate expired");
        assertThat(e.getMessage()).containsIgnoringCase("expired");
    }

    @Test
    void notYetValidLeaf() {
        GeneratedPki pki = rsaLeaf(b -> b.validity(NOW.plus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS)));
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.NOT_YET_VALID,
                AlertDescription.CERTIFICATE_EXPIRED, "alert certificate expired");
        assertThat(e.getMessage()).contains("is not valid until");
    }

    @Test
    void untrustedCa() {
        GeneratedPki pki = rsaLeaf(b -> { });
        GeneratedPki other = CertificateGenerator.rsa().ca("some other CA").leaf(HOST);
        CertificateVerificationException e = refused(pki, other, HOST, Reason.UNTRUSTED_ISSUER, AlertDescription.UNKNOWN_CA,
                "alert unknown ca");
        assertThat(e.getMessage()).contains("failure test CA");
    }

    @Test
    void wrongHostname() {
        GeneratedPki pki = rsaLeaf(b -> { });
        CertificateVerificationException e = refused(pki, pki, "other.example", Reason.HOSTNAME_MISMATCH,
                AlertDescription.BAD_CERTIFICATE, "alert bad certificate");
        assertThat(e.getMessage()).contains("other.example");
    }

    @Test
    void sha1SignedLeaf() {
        GeneratedPki pki = rsaLeaf(b -> b.signatureAlgorithm("SHA1withRSA"));
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.WEAK_SIGNATURE_ALGORITHM,
                AlertDescription.BAD_CERTIFICATE, "alert bad certificate");
        assertThat(e.getMessage()).containsIgnoringCase("SHA1");
    }

    @Test
    void rsa1024Leaf() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(1024);
        GeneratedPki pki = rsaLeaf(b -> b.keyPair(kpg.generateKeyPair()));
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.WEAK_KEY,
                AlertDescription.INSUFFICIENT_SECURITY, "alert insufficient security");
        assertThat(e.getMessage()).contains("1024");
    }

    @Test
    void intermediateWithoutCaFlag() {
        GeneratedPki pki = CertificateGenerator.rsa().ca("failure test root")
                .intermediate("not a CA", b -> b.ca(false)).leaf(HOST);
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.NOT_A_CA, AlertDescription.BAD_CERTIFICATE,
                "alert bad certificate");
        assertThat(e.getMessage()).contains("not a CA");
    }

    @Test
    void leafForClientAuthenticationOnly() {
        GeneratedPki pki = rsaLeaf(b -> b.extendedKeyUsage(CertificateBuilder.Purpose.CLIENT_AUTH));
        CertificateVerificationException e = refused(pki, pki, HOST, Reason.WRONG_KEY_USAGE,
                AlertDescription.UNSUPPORTED_CERTIFICATE, "alert unsupported certificate");
        assertThat(e.getMessage()).containsIgnoringCase("serverAuth");
    }
}
