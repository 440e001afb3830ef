package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsEngineHandshakeTest {

    static final GeneratedPki RSA = CertificateGenerator.rsa().ca("test RSA CA").leaf("localhost", "127.0.0.1");
    static final GeneratedPki EC = CertificateGenerator.ec().ca("test EC CA").leaf("localhost");

    static EnginePair pair(CipherSuite suite, NamedGroup group, ClientAuthMode auth) {
        GeneratedPki pki = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? EC : RSA;
        TlsConfig server = TlsConfig.server(pki.leaf()).cipherSuites(List.of(suite)).groups(List.of(group))
                .clientAuth(auth).trustAnchors(RSA.trustAnchors()).build();
        TlsConfig.Builder client = TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(pki.trustAnchors());
        if (auth != ClientAuthMode.NONE) {
            client.keyMaterial(RSA.leaf());
        }
        return new EnginePair(TlsEngine.client(client.build(), "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT));
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = "TLS_(ECDHE|RSA)_.*", mode = EnumSource.Mode.MATCH_ANY)
    void everySuiteHandshakesAndCarriesData(CipherSuite suite) {
        try (EnginePair p = pair(suite, NamedGroup.X25519, ClientAuthMode.NONE).handshake()) {
            assertThat(p.client.session().cipherSuite()).isEqualTo(suite);
            assertThat(p.server.session().cipherSuite()).isEqualTo(suite);
            assertThat(p.client.session().extendedMasterSecret()).isTrue();
            NamedGroup expectedGroup = CipherSuites.keyExchange(suite).isEcdhe() ? NamedGroup.X25519 : null;
            assertThat(p.client.session().group()).isEqualTo(expectedGroup);
            assertThat(p.server.session().group()).isEqualTo(expectedGroup);
            p.client.send(EnginePair.text("hello server"));
            p.server.send(EnginePair.text("hello client"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("hello server");
            assertThat(EnginePair.drain(p.client)).isEqualTo("hello client");
            p.client.closeOutbound();
            p.pump();
            assertThat(p.server.isInboundClosed()).isTrue();
            assertThat(p.client.isInboundClosed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = "X25519MLKEM768|FFDHE.*", mode = EnumSource.Mode.MATCH_NONE)
    void everyGroup(NamedGroup group) {
        // TLS 1.2 ECDHE over every curve; the client offers just that one (secp521r1 is not in the defaults).
        GeneratedPki pki = RSA;
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig server = TlsConfig.server(pki.leaf()).cipherSuites(List.of(suite)).groups(List.of(group)).build();
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(suite)).groups(List.of(group)).trustAnchors(pki.trustAnchors()).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
            assertThat(p.client.session().group()).isEqualTo(group);
        }
    }

    @Test
    void clientAuthentication() {
        try (EnginePair p = pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, NamedGroup.SECP384R1, ClientAuthMode.REQUIRE).handshake()) {
            assertThat(p.server.session().peerCertificates()).hasSize(RSA.leaf().chain().size());
        }
    }

    @Test
    void eventsNameTheEightSteps() {
        try (EnginePair p = pair(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, ClientAuthMode.NONE).handshake()) {
            assertThat(p.client.takeEvents()).extracting(e -> e.step()).containsSubsequence(
                    HandshakeStep.CLIENT_HELLO, HandshakeStep.SERVER_HELLO, HandshakeStep.CERTIFICATE_VERIFIED,
                    HandshakeStep.KEY_EXCHANGE, HandshakeStep.KEYS_DERIVED, HandshakeStep.CLIENT_FINISHED,
                    HandshakeStep.SERVER_FINISHED, HandshakeStep.APPLICATION_DATA);
        }
    }

    @Test
    void requiredClientCertificateMissing() {
        GeneratedPki pki = RSA;
        // TLS 1.2 has no certificate_required alert (TLS 1.3's is tested in Tls13HandshakeTest).
        TlsConfig server = TlsConfig.server(pki.leaf()).versions(List.of(io.reactls.TlsVersion.TLS_1_2))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(pki.trustAnchors()).build();
        TlsConfig client = TlsConfig.client().trustAnchors(pki.trustAnchors()).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT))) {
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
        }
    }
}
