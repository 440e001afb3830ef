package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.CertificateGenerator;
import io.reactls.ClientAuthMode;
import io.reactls.GeneratedPki;
import io.reactls.SignatureScheme;
import io.reactls.TlsAlertException;
import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * certificate_authorities and signature_algorithms_cert against OpenSSL 3: our client, holding certificates from two
 * CAs, answers {@code s_server -Verify 1 -CAfile} with the one that CA issued; {@code s_client} lists the CA names our
 * server sends and traces our signature_algorithms_cert; a server chain signed outside our list is refused.
 */
class CertificateSelectionInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    static String versionFlag(TlsVersion v) {
        return v == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientPicksTheCertificateOfTheCaOpenSslNames(TlsVersion v) throws Exception {
        GeneratedPki fromA = CertificateGenerator.ec().ca("client CA A").leaf("client from A");
        GeneratedPki fromB = CertificateGenerator.ec().ca("client CA B").leaf("client from B");
        GeneratedPki.PemFiles b = fromB.writePem(dir.resolve("b"));
        // -trace: s_server writes our ClientHello's extensions, signature_algorithms_cert among them, to the msgfile.
        Path trace = dir.resolve("trace.txt");
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg(versionFlag(v), "-Verify", "1", "-CAfile", b.ca().toString(), "-verify_return_error",
                        "-trace", "-msgfile", trace.toString()).start();
             SocketEngineDriver client = SocketEngineDriver.connect(TlsConfig.client().versions(List.of(v))
                     .trustAnchors(pki.trustAnchors())
                     .keyMaterials(List.of(fromA.leaf(), fromB.leaf())) // A first: only the CA names make B win
                     .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ED25519))
                     .build(), TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            InteropCases.exchange(server, client, 100);
            assertThat(java.nio.file.Files.readString(trace)).contains("extension_type=signature_algorithms_cert(50)", "ecdsa_secp256r1_sha256 (0x0403)",
                    "ed25519 (0x0807)");
            assertThat(server.process().stderr().text()).contains("Peer certificate: CN = client from B");
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void openSslListsTheCaNamesOurServerSendsAndTracesItsCertificateSchemes(TlsVersion v) throws Exception {
        GeneratedPki fromB = CertificateGenerator.ec().ca("client CA B").leaf("client from B");
        GeneratedPki.PemFiles b = fromB.writePem(dir.resolve("b"));
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(List.of(v))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(fromB.trustAnchors())
                .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = PeerProcess.start(sClient(server.port(), v, "-cert", b.chain().toString(),
                     "-key", b.key().toString(), "-trace"))) {
            String out = client.stdout().awaitText("Verify return code", TIMEOUT);
            assertThat(out).contains("Acceptable client certificate CA names\nCN = client CA B");
            if (v == TlsVersion.TLS_1_3) {
                // Only TLS 1.3's CertificateRequest has extensions for it (TLS 1.2 names the CAs in its body).
                assertThat(out).contains("extension_type=signature_algorithms_cert(50)", "extension_type=certificate_authorities(47)");
            }
            client.closeStdin();
            assertThat(server.result(TIMEOUT).session().peerCertificates().get(0)).isEqualTo(fromB.leaf().leaf());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void openSslHonoursOurSignatureAlgorithmsCertWhenItsLeafIsSignedOutsideIt(TlsVersion v) {
        // OpenSSL checks the end-entity signature against our list and, having no other chain, refuses to continue.
        GeneratedPki sha384Leaf = CertificateGenerator.ec().ca("SHA-384 CA").leaf(c -> c.signatureAlgorithm("SHA384withECDSA"),
                TestPki.HOST, LoopbackPorts.HOST);
        GeneratedPki.PemFiles files = sha384Leaf.writePem(dir.resolve("leaf"));
        try (OpenSslServer server = OpenSslServer.builder(files.chain(), files.key()).arg(versionFlag(v)).start();
             SocketEngineDriver client = SocketEngineDriver.connect(onlySha256Certificates(v, sha384Leaf), TestPki.HOST,
                     server.port(), TIMEOUT)) {
            assertThatThrownBy(client::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).origin()).isEqualTo(TlsAlertException.Origin.PEER))
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text()).contains("no suitable signature algorithm");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void refusesAnOpenSslChainSignedWithASchemeWeDidNotOffer(TlsVersion v) {
        // The leaf is signed with SHA-256, so OpenSSL sends the chain; its intermediate is signed with SHA-384, outside
        // our signature_algorithms_cert, which covers every certificate but the anchor (RFC 8446 §4.4.2.2).
        GeneratedPki sha384Intermediate = CertificateGenerator.ec().ca("root CA")
                .intermediate("SHA-384 signed intermediate", c -> c.signatureAlgorithm("SHA384withECDSA"))
                .leaf(TestPki.HOST, LoopbackPorts.HOST);
        GeneratedPki.PemFiles files = sha384Intermediate.writePem(dir.resolve("intermediate"));
        // -cert_chain: s_server sends only the first certificate of -cert otherwise.
        try (OpenSslServer server = OpenSslServer.builder(files.chain(), files.key())
                .arg(versionFlag(v), "-cert_chain", files.chain().toString()).start();
             SocketEngineDriver client = SocketEngineDriver.connect(onlySha256Certificates(v, sha384Intermediate), TestPki.HOST,
                     server.port(), TIMEOUT)) {
            assertThatThrownBy(client::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).origin()).isEqualTo(TlsAlertException.Origin.LOCAL))
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE))
                    .hasMessageContaining("SHA-384 signed intermediate").hasMessageContaining("ecdsa_secp384r1_sha384");
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text()).contains("unsupported certificate");
        }
    }

    private static TlsConfig onlySha256Certificates(TlsVersion v, GeneratedPki trust) {
        return TlsConfig.client().versions(List.of(v)).trustAnchors(trust.trustAnchors())
                .certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)).build();
    }

    /** s_client without -brief, so it prints the CA names; verifying our server against the test CA. */
    private List<String> sClient(int port, TlsVersion v, String... more) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", LoopbackPorts.HOST + ":" + port,
                versionFlag(v), "-CAfile", pki.caFile().toString(), "-verify_return_error", "-no_ign_eof"));
        command.addAll(List.of(more));
        return command;
    }
}
