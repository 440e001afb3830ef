package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslNames;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TLS 1.3 against openssl s_server / s_client and gnutls-cli, every suite × group × certificate type. */
class Tls13InteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);
    private final TestPki pki = TestPki.get();

    static Stream<Arguments> suitesGroupsAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherSuite suite : List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256)) {
            for (NamedGroup group : InteropCases.ECDHE_CURVES) {
                for (boolean ecdsa : new boolean[] {true, false}) {
                    cases.add(Arguments.of(suite, group, ecdsa ? "ecdsa" : "rsa"));
                }
            }
        }
        return cases.stream();
    }

    private TestPki.Leaf leaf(String key) {
        return key.equals("ecdsa") ? pki.ecdsaServer() : pki.rsaServer();
    }

    @ParameterizedTest(name = "our client, openssl server: {0} {1} {2}")
    @MethodSource("suitesGroupsAndKeys")
    void ourClientAgainstOpenSsl(CipherSuite suite, NamedGroup group, String key) {
        TestPki.Leaf leaf = leaf(key);
        TlsConfig config = TlsConfig.client().versions(TLS13).cipherSuites(List.of(suite)).groups(List.of(group))
                .trustAnchors(pki.trustAnchors()).build();
        try (OpenSslServer server = OpenSslServer.builder(leaf.chain(), leaf.key()).arg("-tls1_3", "-ciphersuites", suite.name())
                .groups(OpenSslNames.group(group)).start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            TlsSession session = client.handshake();
            assertThat(session.version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(session.cipherSuite()).isEqualTo(suite);
            assertThat(session.group()).isEqualTo(group);
            InteropCases.exchange(server, client, 20000);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
    }

    @ParameterizedTest(name = "openssl client, our server: {0} {1} {2}")
    @MethodSource("suitesGroupsAndKeys")
    void openSslAgainstOurServer(CipherSuite suite, NamedGroup group, String key) throws Exception {
        TlsConfig config = TlsConfig.server(leaf(key).keyMaterial()).versions(TLS13).cipherSuites(List.of(suite))
                .groups(List.of(group)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg("-tls1_3", "-ciphersuites", suite.name())
                     .groups(OpenSslNames.group(group)).verify(pki.caFile(), TestPki.HOST).start()) {
            String summary = OpenSslClient.awaitEstablished(client, TIMEOUT);
            assertThat(summary).contains("TLSv1.3", suite.name());
            InteropCases.echo(client, 20000);
            assertThat(server.result(TIMEOUT).session().group()).isEqualTo(group);
        }
    }

    @Test
    void helloRetryRequestFromOpenSsl() {
        // openssl accepts only P-384 while our first key share is x25519: it must ask again.
        TlsConfig config = TlsConfig.client().versions(TLS13).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).trustAnchors(pki.trustAnchors()).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3").groups("P-384").start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            assertThat(client.handshake().group()).isEqualTo(NamedGroup.SECP384R1);
            assertThat(client.events()).anyMatch(e -> e.detail().contains("HelloRetryRequest"));
            InteropCases.exchange(server, client, 100);
        }
    }

    @Test
    void ourServerAsksOpenSslToRetry() throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(TLS13)
                .cipherSuites(List.of(CipherSuite.TLS_AES_256_GCM_SHA384)).groups(List.of(NamedGroup.SECP384R1)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg("-tls1_3").groups("X25519:P-384")
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            InteropCases.echo(client, 100);
            assertThat(server.result(TIMEOUT).session().group()).isEqualTo(NamedGroup.SECP384R1);
        }
    }

    @Test
    void clientAuthenticationBothWays() throws Exception {
        TlsConfig clientConfig = TlsConfig.client().versions(TLS13).cipherSuites(List.of(CipherSuite.values()))
                .trustAnchors(pki.trustAnchors()).keyMaterial(pki.client().keyMaterial()).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key())
                .arg("-tls1_3").clientAuth(pki.caFile(), true).start();
             SocketEngineDriver client = SocketEngineDriver.connect(clientConfig, TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            InteropCases.exchange(server, client, 100);
            assertThat(server.process().stderr().text() + server.process().stdout().text()).contains("reactls test client");
        }
        TlsConfig serverConfig = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(TLS13)
                .cipherSuites(List.of(CipherSuite.values())).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(pki.trustAnchors()).build();
        try (EngineEchoServer server = EngineEchoServer.start(serverConfig, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg("-tls1_3").verify(pki.caFile(), TestPki.HOST)
                     .certificate(pki.client().chain(), pki.client().key()).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            InteropCases.echo(client, 100);
            assertThat(server.result(TIMEOUT).session().peerCertificates().get(0)).isEqualTo(pki.client().keyMaterial().leaf());
        }
    }

    @Test
    void keyUpdateWithOpenSsl() {
        TlsConfig config = TlsConfig.client().versions(TLS13).cipherSuites(List.of(CipherSuite.values()))
                .trustAnchors(pki.trustAnchors()).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key()).arg("-tls1_3").start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            // Each update asks openssl to update its keys too; both directions must keep working afterwards.
            client.engine().requestKeyUpdate();
            client.engine().requestKeyUpdate();
            InteropCases.exchange(server, client, 70000);
        }
    }

    @Test
    void defaultsNegotiateTls13WithOpenSsl() {
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key()).start();
             SocketEngineDriver client = SocketEngineDriver.connect(TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3,
                     TlsVersion.TLS_1_2)).cipherSuites(List.of(CipherSuite.values())).trustAnchors(pki.trustAnchors()).build(),
                     TestPki.HOST, server.port(), TIMEOUT)) {
            assertThat(client.handshake().version()).isEqualTo(TlsVersion.TLS_1_3);
        }
    }

    @ParameterizedTest(name = "gnutls-cli, our server: {0}")
    @MethodSource("gnutlsSuites")
    void gnutlsAgainstOurServer(CipherSuite suite, String gnutlsCipher) throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(TLS13).cipherSuites(List.of(suite)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = GnuTlsClient.connect(server.port())
                     .priority("NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+" + gnutlsCipher)
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(GnuTlsClient.awaitHandshake(client, TIMEOUT)).contains("TLS1.3");
            byte[] data = InteropCases.randomBytes(3000, 5);
            client.writeAsync(data).join();
            assertThat(GnuTlsClient.awaitData(client, data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin();
            assertThat(server.result(TIMEOUT).session().cipherSuite()).isEqualTo(suite);
        }
    }

    static Stream<Arguments> gnutlsSuites() {
        return Stream.of(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, "AES-128-GCM"),
                Arguments.of(CipherSuite.TLS_AES_256_GCM_SHA384, "AES-256-GCM"),
                Arguments.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256, "CHACHA20-POLY1305"));
    }
}
