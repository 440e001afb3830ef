package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.connection.TlsConnection;
import io.reactls.connection.TlsConnectionTest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The public, split client and server configurations drive real handshakes and keep each side's options apart. */
class PublicConfigTest {

    static final GeneratedPki PKI = CertificateGenerator.ec().ca("public config CA").leaf("localhost");
    static final GeneratedPki CLIENT_PKI = CertificateGenerator.ec().ca("client CA").leaf("client one");

    @Test
    void mutualTlsWithVarargsOptions() {
        TlsClientConfig client = TlsClientConfig.builder()
                .trust(PKI.trustAnchors())
                .keyMaterial(CLIENT_PKI.leaf())
                .versions(TlsVersion.TLS_1_2)
                .alpn("h2", "http/1.1")
                .build();
        TlsServerConfig server = TlsServerConfig.builder(PKI.leaf())
                .clientAuth(ClientAuthMode.REQUIRE, CLIENT_PKI.trustAnchors())
                .alpn("http/1.1")
                .build();
        assertThat(client.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(client.alpn()).containsExactly("h2", "http/1.1");
        assertThat(server.clientAuth()).isEqualTo(ClientAuthMode.REQUIRE);

        TlsConnection[] c = TlsConnectionTest.wire(client, server);
        c[1].send(c[1].receive()).subscribe();
        StepVerifier.create(c[1].handshake()).assertNext(s -> {
            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(s.applicationProtocol()).isEqualTo("http/1.1");
            assertThat(s.peerCertificates()).first().isEqualTo(CLIENT_PKI.leaf().leaf());
        }).verifyComplete();
        StepVerifier.create(c[0].handshake().map(TlsSession::applicationProtocol)).expectNext("http/1.1").verifyComplete();
        // Reading until the server's close_notify, as a client that closes cleanly does.
        Mono<Void> closed = c[0].receive().doOnNext(b -> b.release()).then();
        StepVerifier.create(c[0].close().then(closed)).verifyComplete();
    }

    @Test
    void requiredClientCertificateMissingFailsTheHandshake() {
        TlsClientConfig client = TlsClientConfig.builder().trust(PKI.trustAnchors()).build();
        TlsServerConfig server = TlsServerConfig.builder(PKI.leaf())
                .clientAuth(ClientAuthMode.REQUIRE, CLIENT_PKI.trustAnchors()).build();
        TlsConnection[] c = TlsConnectionTest.wire(client, server);
        c[1].receive().subscribe(b -> b.release(), e -> { });
        StepVerifier.create(c[1].handshake()).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TlsAlertException.class)
                .extracting(x -> ((TlsAlertException) x).alert()).isEqualTo(AlertDescription.CERTIFICATE_REQUIRED)).verify();
        c[0].dispose();
    }

    @Test
    void serverTrustedByAnotherCaIsRefused() {
        TlsClientConfig client = TlsClientConfig.builder().trust(CLIENT_PKI.trustAnchors()).build();
        TlsConnection[] c = TlsConnectionTest.wire(client, TlsServerConfig.of(PKI.leaf()));
        c[1].receive().subscribe(b -> b.release(), e -> { });
        StepVerifier.create(c[0].handshake()).expectErrorSatisfies(e -> assertThat(((TlsAlertException) e).alert())
                .isEqualTo(AlertDescription.UNKNOWN_CA)).verify();
        c[1].dispose();
    }

    @Test
    void aVersionWithoutSuitesIsRefusedAtBuild() {
        assertThatThrownBy(() -> TlsServerConfig.builder(PKI.leaf()).versions(TlsVersion.TLS_1_3)
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLSv1.3");
    }

    /** Listing only one version's suites enables that version only; the config says which it enables. */
    @Test
    void defaultVersionsFollowTheSuites() {
        TlsClientConfig tls12 = TlsClientConfig.builder()
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build();
        assertThat(tls12.versions()).containsExactly(TlsVersion.TLS_1_2);
        TlsServerConfig tls13 = TlsServerConfig.builder(PKI.leaf()).cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256).build();
        assertThat(tls13.versions()).containsExactly(TlsVersion.TLS_1_3);
        assertThat(TlsClientConfig.defaults().versions()).isEqualTo(TlsDefaults.VERSIONS);
        assertThat(TlsClientConfig.defaults().cipherSuites()).isEqualTo(TlsDefaults.CIPHER_SUITES);
    }

    /** Out-of-range options fail where they are set, not at the first connection. */
    @Test
    void rangesAreCheckedWhenSet() {
        TlsServerConfig.Builder server = TlsServerConfig.builder(PKI.leaf());
        TlsClientConfig.Builder client = TlsClientConfig.builder();
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> wrong = List.of(
                () -> server.sessionTickets(17),
                () -> server.sessionTickets(-1),
                () -> server.ticketLifetime(java.time.Duration.ofDays(8)),
                () -> server.ticketLifetime(java.time.Duration.ZERO),
                () -> server.maxEarlyData(-1),
                () -> server.earlyDataWindow(java.time.Duration.ofMinutes(11)),
                () -> client.recordSizeLimit(63),
                () -> client.recordSizeLimit(16386),
                () -> client.maxCertificateSize(1023),
                () -> client.maxCertificateSize(1 << 24),
                () -> client.certificateCompression(CertificateCompression.ZLIB, CertificateCompression.ZLIB),
                () -> client.alpn(""),
                () -> client.versions(),
                () -> client.cipherSuites(),
                () -> client.sessionIdCache(0, java.time.Duration.ofMinutes(1)),
                () -> client.revocationTimeout(java.time.Duration.ZERO),
                () -> client.keyMaterials());
        for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : wrong) {
            assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(server.sessionTickets(0).recordSizeLimit(0).recordSizeLimit(64).build().recordSizeLimit()).isEqualTo(64);
    }

    @Test
    void remoteKeyNeedsASigner() {
        assertThatThrownBy(() -> TlsServerConfig.of(KeyMaterial.remote(PKI.leaf().chain())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("privateKeySigner");
        TlsServerConfig withSigner = TlsServerConfig.builder(KeyMaterial.remote(PKI.leaf().chain()))
                .privateKeySigner(request -> Mono.error(new IllegalStateException("unused"))).build();
        assertThat(withSigner.keyMaterial().isLocal()).isFalse();
    }

    /** A client option cannot be set on a server, nor a server option on a client: the builders do not have them. */
    @Test
    void eachSideHasOnlyItsOwnOptions() {
        Set<String> client = setters(TlsClientConfig.Builder.class);
        Set<String> server = setters(TlsServerConfig.Builder.class);
        assertThat(client).contains("trust", "keyMaterial", "sessionCache", "padding", "middleboxCompatibility", "alpn")
                .doesNotContain("clientAuth", "ticketKeys", "sessionTickets", "rsaDecrypter", "retryForPreferredGroup");
        assertThat(server).contains("clientAuth", "ticketKeys", "sessionTickets", "rsaDecrypter", "alpn")
                .doesNotContain("trust", "keyMaterial", "sessionCache", "padding", "middleboxCompatibility");
        assertThat(client).contains("versions", "cipherSuites", "groups", "signatureSchemes");
        assertThat(Arrays.stream(TlsClientConfig.Builder.class.getMethods()).filter(m -> m.getName().equals("versions"))
                .map(Method::isVarArgs)).containsExactly(true);
    }

    /** Each option both sides have is written once, on the shared base, and chains into the concrete builder. */
    @Test
    void sharedOptionsLiveOnTheBase() {
        Set<String> shared = Arrays.stream(TlsConfigBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        assertThat(shared).contains("versions", "cipherSuites", "groups", "signatureSchemes", "alpn", "privateKeySigner",
                "certificateVerifier", "sessionIdCache", "requireExtendedMasterSecret", "keyLogFile");
        for (Class<?> builder : List.of(TlsClientConfig.Builder.class, TlsServerConfig.Builder.class)) {
            assertThat(Arrays.stream(builder.getDeclaredMethods()).filter(m -> !m.isSynthetic()).map(Method::getName))
                    .as(builder.getName()).doesNotContainAnyElementsOf(shared);
        }
        TlsClientConfig.Builder chained = TlsClientConfig.builder().alpn("h2").trust(TrustAnchors.jdkDefault());
        assertThat(chained.build().alpn()).containsExactly("h2");
    }

    /** Each read accessor both configs have is written once, on their shared base, and answers for either side. */
    @Test
    void sharedAccessorsLiveOnTheBase() {
        Set<String> shared = Arrays.stream(TlsEndpointConfig.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        assertThat(shared).contains("versions", "cipherSuites", "alpn", "hooks");
        Set<String> client = publicMethods(TlsClientConfig.class);
        Set<String> server = publicMethods(TlsServerConfig.class);
        assertThat(client).as("client").doesNotContainAnyElementsOf(shared);
        assertThat(server).as("server").doesNotContainAnyElementsOf(shared);
        Set<String> both = new java.util.HashSet<>(client);
        both.retainAll(server);
        assertThat(both).as("accessors written twice instead of on TlsEndpointConfig").isEmpty();

        TlsEndpointConfig server12 = TlsServerConfig.builder(PKI.leaf()).versions(TlsVersion.TLS_1_2)
                .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).alpn("h2").build();
        assertThat(server12.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(server12.cipherSuites()).containsExactly(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        assertThat(server12.alpn()).containsExactly("h2");
    }

    /** The public methods a config declares itself, static factories aside. */
    private static Set<String> publicMethods(Class<?> config) {
        return Arrays.stream(config.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName).collect(Collectors.toSet());
    }

    /** The builder's own setters and the shared ones it inherits (those return the base type after erasure). */
    private static Set<String> setters(Class<?> builder) {
        return Arrays.stream(builder.getMethods())
                .filter(m -> m.getReturnType() == builder || m.getReturnType() == TlsConfigBuilder.class)
                .map(Method::getName).collect(Collectors.toSet());
    }
}
