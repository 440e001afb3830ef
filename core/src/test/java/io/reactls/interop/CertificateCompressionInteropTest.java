package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8879 against {@code gnutls-cli --compress-cert}. GnuTLS implements it (3.7.4+) only with the compression
 * libraries it was built against; the Debian 3.7.9 build here links none ("Unknown compression method" for zlib,
 * brotli and zstd, and {@code --list} shows COMP-NULL only), so it sends no compress_certificate. Then the handshake
 * must still succeed with a plain Certificate and the test is skipped with that reason; a build that has the
 * algorithm gets a CompressedCertificate from us, proved by our server having compressed its chain.
 * (OpenSSL 3.0 here has no certificate compression at all: it arrived in 3.2. Chromium's brotli is tested in
 * the examples module.)
 */
class CertificateCompressionInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String GNUTLS_TLS13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3";
    private final TestPki pki = TestPki.get();

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "brotli", "zstd"})
    void gnutlsCliAsksForACompressedCertificate(String algorithm) throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial()).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GNUTLS_TLS13).arg("--compress-cert=" + algorithm)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            String status = GnuTlsClient.awaitHandshake(client, TIMEOUT);
            assertThat(status).contains("(TLS1.3-X.509)");
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            client.writeAsync(hello).join();
            assertThat(GnuTlsClient.awaitData(client, hello.length, TIMEOUT)).isEqualTo(hello);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(TlsVersion.TLS_1_3);

            long compressions = config.compressedCertificateCache().compressions();
            if (client.describeOutput().contains("Unknown compression method: " + algorithm)) {
                assertThat(compressions).as("gnutls offered nothing, so we sent a plain Certificate").isZero();
                Assumptions.abort("this gnutls-cli (" + version() + ") was built without " + algorithm
                        + ": it offers no compress_certificate; the plain handshake succeeded");
            }
            assertThat(compressions).as("our server sent a CompressedCertificate (" + algorithm + ")").isEqualTo(1);
        }
    }

    private static String version() {
        try (PeerProcess v = PeerProcess.start(java.util.List.of("gnutls-cli", "--version"))) {
            v.awaitExit(TIMEOUT);
            return v.stdout().text().lines().findFirst().orElse("gnutls-cli");
        }
    }
}
