package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static io.reactls.engine.TlsEngineNegativeTest.expectAlert;
import static io.reactls.engine.TlsEngineNegativeTest.hsRecord;
import static io.reactls.engine.TlsEngineNegativeTest.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RSASSA-PSS certificate keys (SPKI id-RSASSA-PSS) in both protocol versions, engine against engine: they sign with
 * rsa_pss_pss_* and nothing else, and a peer naming a scheme that does not fit its key is refused.
 */
class RsaPssHandshakeTest {

    static final IssuedCertificate ROOT = CertificateGenerator.rsaPss().caCertificate("reactls PSS CA").issue();
    static final GeneratedPki SERVER = CertificateGenerator.rsaPss().ca(ROOT).leaf("localhost");
    static final GeneratedPki CLIENT = CertificateGenerator.rsaPss().ca(ROOT).leaf("PSS client");
    static final GeneratedPki SHA384_ONLY = CertificateGenerator.rsaPss("SHA-384").ca(ROOT).leaf("localhost");
    static final GeneratedPki RSA = CertificateGenerator.rsa().ca(ROOT).leaf("localhost");
    static final List<SignatureScheme> WITHOUT_PSS_PSS = TlsConfig.DEFAULT_SIGNATURE_SCHEMES.stream()
            .filter(s -> s.keyType() != SignatureScheme.KeyType.RSA_PSS).toList();

    static TlsConfig.Builder client(TlsVersion version) {
        return TlsConfig.client().versions(List.of(version)).trustAnchors(SERVER.trustAnchors());
    }

    static TlsConfig.Builder server(GeneratedPki pki, TlsVersion version) {
        return TlsConfig.server(pki.leaf()).versions(List.of(version));
    }

    static EnginePair pair(TlsConfig.Builder client, TlsConfig.Builder server) {
        return new EnginePair(TlsEngine.client(client.build(), "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT));
    }

    static String events(TlsEngine engine) {
        return engine.takeEvents().stream().map(HandshakeEvent::detail).collect(Collectors.joining("\n"));
    }

    static void exchange(EnginePair p) {
        p.client.send(EnginePair.text("ping"));
        p.server.send(EnginePair.text("pong"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
        assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void pssServerCertificate(TlsVersion version) {
        try (EnginePair p = pair(client(version), server(SERVER, version)).handshake()) {
            assertThat(p.client.session().version()).isEqualTo(version);
            assertThat(p.client.session().peerCertificates()).containsExactlyElementsOf(SERVER.chain());
            assertThat(events(version == TlsVersion.TLS_1_3 ? p.server : p.client)).contains("rsa_pss_pss_sha256");
            if (version == TlsVersion.TLS_1_2) {
                assertThat(CipherSuites.keyExchange(p.client.session().cipherSuite()).name()).isEqualTo("ECDHE_RSA");
            }
            exchange(p);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void pssClientCertificate(TlsVersion version) {
        try (EnginePair p = pair(client(version).keyMaterial(CLIENT.leaf()),
                server(SERVER, version).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(CLIENT.trustAnchors())).handshake()) {
            assertThat(p.server.session().peerCertificates()).containsExactlyElementsOf(CLIENT.chain());
            assertThat(events(p.client)).contains("CertificateVerify, rsa_pss_pss_sha256)");
            exchange(p);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void restrictedKeySignsWithItsOwnHash(TlsVersion version) {
        try (EnginePair p = pair(client(version), server(SHA384_ONLY, version)).handshake()) {
            String events = events(version == TlsVersion.TLS_1_3 ? p.server : p.client);
            assertThat(events).contains("rsa_pss_pss_sha384").doesNotContain("rsa_pss_pss_sha256");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void rsaEncryptionKeyStillSignsWithRsae(TlsVersion version) {
        try (EnginePair p = pair(client(version), server(RSA, version)).handshake()) {
            assertThat(events(version == TlsVersion.TLS_1_3 ? p.server : p.client)).contains("rsa_pss_rsae_sha256")
                    .doesNotContain("rsa_pss_pss");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void clientThatDoesNotOfferPssPssGetsHandshakeFailure(TlsVersion version) {
        try (EnginePair p = pair(client(version).signatureSchemes(WITHOUT_PSS_PSS), server(SERVER, version))) {
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, p::handshake);
            assertThat(e).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        }
    }

    @Test
    void pssKeyNeverServesRsaKeyExchange() {
        // An RSASSA-PSS key may not decrypt a pre-master secret (RFC 4055 §1.2 keeps it to signatures).
        try (EnginePair p = pair(client(TlsVersion.TLS_1_2).cipherSuites(List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)),
                server(SERVER, TlsVersion.TLS_1_2).cipherSuites(List.of(CipherSuite.values())))) {
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, p::handshake);
            assertThat(e).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(e.getMessage()).contains("RSASSA-PSS certificate");
        }
    }

    // ------------------------------------------------------------------------------ schemes that do not fit the key

    /** Rewrites the signature scheme of a TLS 1.2 ServerKeyExchange (ECDHE params, then the scheme). */
    static byte[] withSkeScheme(byte[] ske, int scheme) {
        byte[] out = ske.clone();
        int at = 4 + 3 + 1 + (out[4 + 3] & 0xFF);
        out[at] = (byte) (scheme >> 8);
        out[at + 1] = (byte) scheme;
        return out;
    }

    @Test
    void serverKeyExchangeClaimingRsaeWithAPssCertificateIsIllegalParameter() {
        serverKeyExchangeWithScheme(SERVER, SignatureScheme.RSA_PSS_RSAE_SHA256, "but the certificate key is RSASSA-PSS");
    }

    @Test
    void serverKeyExchangeClaimingPssPssWithAnRsaCertificateIsIllegalParameter() {
        serverKeyExchangeWithScheme(RSA, SignatureScheme.RSA_PSS_PSS_SHA256, "but the certificate key is RSA (rsaEncryption)");
    }

    @Test
    void serverKeyExchangeWithAHashTheKeyIsRestrictedFromIsIllegalParameter() {
        serverKeyExchangeWithScheme(SHA384_ONLY, SignatureScheme.RSA_PSS_PSS_SHA256, "restricted by its parameters");
    }

    private static void serverKeyExchangeWithScheme(GeneratedPki serverPki, SignatureScheme claimed, String reason) {
        try (EnginePair p = pair(client(TlsVersion.TLS_1_2), server(serverPki, TlsVersion.TLS_1_2))) {
            TlsEngineNegativeTest.Flights f = new TlsEngineNegativeTest.Flights(p).toServerHelloDone();
            List<byte[]> m = messages(f.serverFlight);
            assertThat(m.get(2)[0] & 0xFF).isEqualTo(HandshakeType.SERVER_KEY_EXCHANGE.code());
            byte[] ske = withSkeScheme(m.get(2), claimed.id());
            assertThat(ske).isNotEqualTo(m.get(2));
            TlsAlertException e = expectAlert(p.client, hsRecord(m.get(0), m.get(1), ske, m.get(3)),
                    AlertDescription.ILLEGAL_PARAMETER, p.server);
            assertThat(e.getMessage()).contains("ServerKeyExchange uses " + claimed.rfcName(), reason);
        }
    }

    @Test
    void clientCertificateVerifyClaimingRsaeWithAPssCertificateIsIllegalParameter() {
        try (EnginePair p = pair(client(TlsVersion.TLS_1_2).keyMaterial(CLIENT.leaf()),
                server(SERVER, TlsVersion.TLS_1_2).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(CLIENT.trustAnchors()))) {
            TlsEngineNegativeTest.Flights f = new TlsEngineNegativeTest.Flights(p).toClientFinished();
            List<byte[]> m = messages(f.clientFlight);
            assertThat(m).extracting(b -> b[0] & 0xFF).containsExactly(HandshakeType.CERTIFICATE.code(),
                    HandshakeType.CLIENT_KEY_EXCHANGE.code(), HandshakeType.CERTIFICATE_VERIFY.code());
            byte[] cv = m.get(2).clone();
            assertThat((cv[4] & 0xFF) << 8 | cv[5] & 0xFF).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA256.id());
            cv[5] = (byte) SignatureScheme.RSA_PSS_RSAE_SHA256.id(); // 0x0809 -> 0x0804, same signature bytes
            TlsAlertException e = expectAlert(p.server, hsRecord(m.get(0), m.get(1), cv), AlertDescription.ILLEGAL_PARAMETER, p.client);
            assertThat(e.getMessage()).contains("CertificateVerify uses rsa_pss_rsae_sha256 but the certificate key is RSASSA-PSS");
        }
    }
}
