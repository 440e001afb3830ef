package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * rsa_pss_pss_* (RFC 8446 §4.2.3) with real peers, TLS 1.3 and TLS 1.2: certificates whose key is RSASSA-PSS, made by
 * openssl ({@link OpenSslPssPki}) and by us ({@link TestPki#rsaPssServer()}), as server and as client certificates.
 * openssl (-brief) reports "Signature type: RSA-PSS" for rsae and pss alike; {@code -sigalgs rsa_pss_pss_*} (or
 * {@code -client_sigalgs} on s_server) leaves it only the pss scheme, so success there proves which one was used.
 */
class RsaPssInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final OpenSslPssPki openssl = OpenSslPssPki.get();
    private final TestPki pki = TestPki.get();

    private static String flag(TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2";
    }

    private static String name(TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
    }

    private static String details(List<HandshakeEvent> events) {
        return events.stream().map(HandshakeEvent::detail).collect(Collectors.joining("\n"));
    }

    // ------------------------------------------------------------------------------------- our server, openssl client

    @ParameterizedTest(name = "openssl s_client {0} -sigalgs {1}, our server with openssl's PSS key")
    @CsvSource({"TLS_1_3,", "TLS_1_3,rsa_pss_pss_sha256", "TLS_1_3,rsa_pss_pss_sha512",
            "TLS_1_2,", "TLS_1_2,rsa_pss_pss_sha256", "TLS_1_2,rsa_pss_pss_sha384"})
    void openSslClientAgainstOurServer(TlsVersion version, String sigalgs) throws Exception {
        TlsConfig config = TlsConfig.server(openssl.server.keyMaterial()).versions(List.of(version)).build();
        OpenSslClient command = OpenSslClient.connect(0).arg(flag(version)).verify(openssl.caFile, TestPki.HOST);
        if (sigalgs != null) {
            command.arg("-sigalgs", sigalgs);
        }
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = command.port(server.port()).start()) {
            assertThat(OpenSslClient.awaitEstablished(client, TIMEOUT)).contains(name(version));
            String summary = client.stderr().awaitText("Verification: OK", TIMEOUT);
            assertThat(summary).contains("Signature type: RSA-PSS");
            if (sigalgs != null) {
                assertThat(summary).contains("Hash used: SHA" + sigalgs.substring(sigalgs.length() - 3));
            }
            InteropCases.echo(client, 1000);
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(version);
        }
    }

    @ParameterizedTest(name = "openssl s_client {0}, our server with a PSS key restricted to SHA-256")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void restrictedKeyServesOnlyItsHash(TlsVersion version) throws Exception {
        TlsConfig config = TlsConfig.server(openssl.sha256Server.keyMaterial()).versions(List.of(version)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg(flag(version))
                     .verify(openssl.caFile, TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            assertThat(client.stderr().awaitText("Verification: OK", TIMEOUT)).contains("Signature type: RSA-PSS", "Hash used: SHA256");
            InteropCases.echo(client, 100);
        }
        // A client that accepts only SHA-384 leaves the key nothing to sign with.
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg(flag(version), "-sigalgs", "rsa_pss_pss_sha384")
                     .verify(openssl.caFile, TestPki.HOST).start()) {
            ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> server.result(TIMEOUT));
            assertThat(e.getCause()).isInstanceOfSatisfying(TlsAlertException.class,
                    a -> assertThat(a.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
            assertThat(client.stderr().text()).contains("handshake failure");
        }
    }

    @ParameterizedTest(name = "openssl s_client {0}, our server with our generated PSS certificate")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void openSslClientTrustsOurGeneratedPssCertificate(TlsVersion version) throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaPssServer().keyMaterial()).versions(List.of(version)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg(flag(version), "-sigalgs", "rsa_pss_pss_sha256")
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(OpenSslClient.awaitEstablished(client, TIMEOUT)).contains(name(version));
            assertThat(client.stderr().awaitText("Verification: OK", TIMEOUT)).contains("Signature type: RSA-PSS");
            InteropCases.echo(client, 100);
        }
    }

    // ------------------------------------------------------------------------------------- our client, openssl server

    @ParameterizedTest(name = "our client {0}, openssl s_server with its PSS key")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourClientAgainstOpenSslServer(TlsVersion version) {
        TlsConfig config = TlsConfig.client().versions(List.of(version)).trustAnchors(openssl.trustAnchors()).build();
        try (OpenSslServer server = OpenSslServer.builder(openssl.server.chain(), openssl.server.key()).arg(flag(version)).start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            assertThat(session.version()).isEqualTo(version);
            assertThat(session.peerCertificates().get(0)).isEqualTo(openssl.server.keyMaterial().leaf());
            if (version == TlsVersion.TLS_1_2) {
                assertThat(details(client.events())).contains("server key signed with rsa_pss_pss_sha256");
            }
            InteropCases.exchange(server, client, 1000);
        }
    }

    @ParameterizedTest(name = "our client {0} with a PSS client certificate, openssl s_server -client_sigalgs rsa_pss_pss_sha256")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourPssClientCertificateAgainstOpenSslServer(TlsVersion version) {
        TlsConfig config = TlsConfig.client().versions(List.of(version)).trustAnchors(openssl.trustAnchors())
                .keyMaterial(openssl.client.keyMaterial()).build();
        try (OpenSslServer server = OpenSslServer.builder(openssl.server.chain(), openssl.server.key()).arg(flag(version))
                .clientAuth(openssl.caFile, true).arg("-client_sigalgs", "rsa_pss_pss_sha256").start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            assertThat(details(client.events())).contains("CertificateVerify, rsa_pss_pss_sha256)");
            InteropCases.exchange(server, client, 100);
            assertThat(server.process().stderr().text() + server.process().stdout().text()).contains("openssl PSS client");
        }
    }

    @ParameterizedTest(name = "openssl s_client {0} with a PSS client certificate, our server requiring one")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void openSslPssClientCertificateAgainstOurServer(TlsVersion version) throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaPssServer().keyMaterial()).versions(List.of(version))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(openssl.trustAnchors()).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg(flag(version), "-sigalgs", "rsa_pss_pss_sha256")
                     .verify(pki.caFile(), TestPki.HOST).certificate(openssl.client.chain(), openssl.client.key()).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            InteropCases.echo(client, 100);
            assertThat(server.result(TIMEOUT).session().peerCertificates().get(0)).isEqualTo(openssl.client.keyMaterial().leaf());
        }
    }

    // ------------------------------------------------------------------------------------------------- gnutls-cli

    @ParameterizedTest(name = "gnutls-cli {0}, our server with openssl's PSS certificate")
    @CsvSource({"TLS_1_3,VERS-TLS1.3", "TLS_1_2,VERS-TLS1.2"})
    void gnutlsAgainstOurServer(TlsVersion version, String gnutlsVersion) throws Exception {
        TlsConfig config = TlsConfig.server(openssl.server.keyMaterial()).versions(List.of(version)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port()).priority("NORMAL:-VERS-ALL:+" + gnutlsVersion)
                     .verify(openssl.caFile, TestPki.HOST).start()) {
            String status = GnuTlsClient.awaitHandshake(client, TIMEOUT);
            // gnutls names rsa_pss_pss_sha256 "RSA-PSS-SHA256" and rsa_pss_rsae_sha256 "RSA-PSS-RSAE-SHA256".
            assertThat(status).contains("(" + gnutlsVersion.substring(5) + "-X.509)").contains("(RSA-PSS-SHA256)");
            byte[] data = InteropCases.randomBytes(1000, 7);
            client.writeAsync(data).join();
            assertThat(GnuTlsClient.awaitData(client, data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(version);
        }
    }

    // ------------------------------------------- openssl's "rsa_pss_keygen_md:sha256" alone: MGF1 restricted to SHA-1

    /**
     * Such a key may only make RSASSA-PSS signatures with MGF1-SHA-1 (RFC 4055 §3.1), and every rsa_pss_pss_* scheme
     * uses MGF1 with its own hash: no scheme fits. openssl serves it anyway; we refuse to sign with it (as the JDK's
     * RSASSA-PSS Signature does), and refuse a peer that signs with it.
     */
    @ParameterizedTest(name = "openssl s_client {0}, our server with a PSS key restricted to MGF1-SHA-1")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourServerCannotSignWithAKeyRestrictedToMgf1Sha1(TlsVersion version) throws Exception {
        TlsConfig config = TlsConfig.server(openssl.sha256Mgf1Sha1Server.keyMaterial()).versions(List.of(version)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg(flag(version))
                     .verify(openssl.caFile, TestPki.HOST).start()) {
            ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> server.result(TIMEOUT));
            assertThat(e.getCause()).isInstanceOfSatisfying(TlsAlertException.class,
                    a -> assertThat(a.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
            assertThat(client.awaitExit(TIMEOUT)).isNotZero();
        }
    }

    @ParameterizedTest(name = "our client {0}, openssl s_server signing with a PSS key restricted to MGF1-SHA-1")
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourClientRefusesASignatureTheKeyForbids(TlsVersion version) {
        TlsConfig config = TlsConfig.client().versions(List.of(version)).trustAnchors(openssl.trustAnchors()).build();
        try (OpenSslServer server = OpenSslServer.builder(openssl.sha256Mgf1Sha1Server.chain(), openssl.sha256Mgf1Sha1Server.key())
                .arg(flag(version)).start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, client::handshake);
            assertThat(e).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
            assertThat(e.getMessage()).contains("uses rsa_pss_pss_sha256", "restricted by its parameters");
        }
    }
}
