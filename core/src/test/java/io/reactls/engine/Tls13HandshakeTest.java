package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Tls13HandshakeTest {

    static final List<TlsVersion> BOTH = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);
    static final List<CipherSuite> ALL = List.of(CipherSuite.values());

    static EnginePair pair(TlsConfig.Builder client, TlsConfig.Builder server) {
        return new EnginePair(TlsEngine.client(client.build(), "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT));
    }

    static TlsConfig.Builder client(GeneratedPki trust) {
        return TlsConfig.client().versions(BOTH).cipherSuites(ALL).trustAnchors(trust.trustAnchors());
    }

    static TlsConfig.Builder server(GeneratedPki pki) {
        return TlsConfig.server(pki.leaf()).versions(BOTH).cipherSuites(ALL);
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = "TLS_(AES|CHACHA).*", mode = EnumSource.Mode.MATCH_ANY)
    void everyTls13Suite(CipherSuite suite) {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).cipherSuites(List.of(suite)).versions(List.of(TlsVersion.TLS_1_3)),
                server(TlsEngineHandshakeTest.EC)).handshake()) {
            assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(p.client.session().cipherSuite()).isEqualTo(suite);
            p.client.send(EnginePair.text("over tls 1.3"));
            p.server.send(EnginePair.text("back"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("over tls 1.3");
            assertThat(EnginePair.drain(p.client)).isEqualTo("back");
            p.client.closeOutbound();
            p.pump();
            assertThat(p.server.isInboundClosed()).isTrue();
        }
    }

    @Test
    void rsaCertificateWithPss() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.RSA), server(TlsEngineHandshakeTest.RSA)).handshake()) {
            assertThat(p.server.session().version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(p.client.takeEvents()).extracting(e -> e.step()).contains(HandshakeStep.CERTIFICATE_VERIFIED,
                    HandshakeStep.KEYS_DERIVED, HandshakeStep.SERVER_FINISHED, HandshakeStep.CLIENT_FINISHED);
        }
    }

    @Test
    void helloRetryRequestWhenTheFirstShareDoesNotFit() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)),
                server(TlsEngineHandshakeTest.EC).groups(List.of(NamedGroup.SECP384R1))).handshake()) {
            assertThat(p.client.session().group()).isEqualTo(NamedGroup.SECP384R1);
            assertThat(p.client.takeEvents()).anyMatch(e -> e.detail().contains("HelloRetryRequest"));
        }
    }

    @Test
    void hybridPostQuantumKeyShare() {
        List<NamedGroup> groups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519);
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).groups(groups), server(TlsEngineHandshakeTest.EC).groups(groups))
                .handshake()) {
            assertThat(p.client.session().group()).isEqualTo(NamedGroup.X25519MLKEM768);
            assertThat(p.server.session().group()).isEqualTo(NamedGroup.X25519MLKEM768);
        }
    }

    @Test
    void helloRetryRequestToTheHybridGroup() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).groups(List.of(NamedGroup.X25519, NamedGroup.X25519MLKEM768)),
                server(TlsEngineHandshakeTest.EC).groups(List.of(NamedGroup.X25519MLKEM768))).handshake()) {
            assertThat(p.client.session().group()).isEqualTo(NamedGroup.X25519MLKEM768);
        }
    }

    @Test
    void hybridGroupIsNeverUsedForTls12() {
        List<NamedGroup> groups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1);
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).groups(groups).versions(List.of(TlsVersion.TLS_1_2)),
                server(TlsEngineHandshakeTest.EC).groups(groups)).handshake()) {
            assertThat(p.client.session().group()).isEqualTo(NamedGroup.SECP256R1);
        }
    }

    @Test
    void clientAuthentication() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).keyMaterial(TlsEngineHandshakeTest.RSA.leaf()),
                server(TlsEngineHandshakeTest.EC).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(TlsEngineHandshakeTest.RSA.trustAnchors()))
                .handshake()) {
            assertThat(p.server.session().peerCertificates()).isNotEmpty();
        }
    }

    @Test
    void missingClientCertificateIsCertificateRequired() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC),
                server(TlsEngineHandshakeTest.EC).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(TlsEngineHandshakeTest.RSA.trustAnchors()))) {
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.CERTIFICATE_REQUIRED));
        }
    }

    @Test
    void tls12ServerIsReachedByATls13Client() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC),
                TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).versions(List.of(TlsVersion.TLS_1_2))).handshake()) {
            assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_2);
        }
    }

    @Test
    void tls13ServerTalksTls12ToATls12Client() {
        try (EnginePair p = pair(TlsConfig.client().versions(List.of(TlsVersion.TLS_1_2)).trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()),
                server(TlsEngineHandshakeTest.EC)).handshake()) {
            assertThat(p.server.session().version()).isEqualTo(TlsVersion.TLS_1_2);
        }
    }

    @Test
    void downgradeIsDetected() {
        // A TLS 1.3 server that negotiates TLS 1.2 marks its random; a TLS 1.3 client must refuse that. Here the
        // network strips supported_versions from the client's hello so the server believes the client is TLS 1.2-only.
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC), server(TlsEngineHandshakeTest.EC))) {
            p.toServer = HelloTampering.dropExtension(43);
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER))
                    .hasMessageContaining("downgrade");
        }
    }

    @Test
    void halfCloseLetsThePeerFinishSending() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC), server(TlsEngineHandshakeTest.EC)).handshake()) {
            p.client.closeOutbound();
            p.pump();
            assertThat(p.server.isInboundClosed()).isTrue();
            assertThat(p.server.isOutboundClosed()).as("TLS 1.3 does not force the reply close_notify").isFalse();
            p.server.send(EnginePair.text("last words"));
            p.server.closeOutbound();
            p.pump();
            assertThat(EnginePair.drain(p.client)).isEqualTo("last words");
            assertThat(p.client.isInboundClosed()).isTrue();
        }
    }

    @Test
    void tls12DiscardsWritesAfterThePeersCloseNotify() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC).versions(List.of(TlsVersion.TLS_1_2)),
                server(TlsEngineHandshakeTest.EC)).handshake()) {
            p.client.closeOutbound();
            p.pump();
            assertThat(p.server.isOutboundClosed()).as("TLS 1.2 answers close_notify at once").isTrue();
            p.server.send(EnginePair.text("too late")); // dropped, not an error (RFC 5246 §7.2.1)
            p.pump();
            assertThat(EnginePair.drain(p.client)).isEmpty();
            assertThat(p.server.failure()).isNull();
        }
    }

    @Test
    void keyUpdateRequestedByThePeer() {
        try (EnginePair p = pair(client(TlsEngineHandshakeTest.EC), server(TlsEngineHandshakeTest.EC)).handshake()) {
            p.client.requestKeyUpdate();
            p.client.send(EnginePair.text("after update"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("after update");
            p.server.send(EnginePair.text("server after update"));
            p.pump();
            assertThat(EnginePair.drain(p.client)).isEqualTo("server after update");
        }
    }
}
