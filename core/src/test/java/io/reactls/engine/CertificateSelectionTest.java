package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.CertificateGenerator;
import io.reactls.ClientAuthMode;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.KeyMaterial;
import io.reactls.SignatureScheme;
import io.reactls.TlsAlertException;
import io.reactls.TlsVersion;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.TlsConfig;
import io.reactls.wire.TlsReader;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * signature_algorithms_cert (RFC 8446 §4.2.3) and certificate_authorities (§4.2.4) between two engines: what is sent,
 * which client chain is chosen, and chains refused for a signature scheme outside what we announced.
 */
class CertificateSelectionTest {

    /** Two client CAs; the server trusts only B. */
    static final IssuedCertificate CA_A = CertificateGenerator.ec().caCertificate("client CA A").issue();
    static final IssuedCertificate CA_B = CertificateGenerator.ec().caCertificate("client CA B").issue();
    static final GeneratedPki CLIENT_A = CertificateGenerator.ec().ca(CA_A).leaf("client from A");
    static final GeneratedPki CLIENT_B = CertificateGenerator.ec().ca(CA_B).leaf("client from B");
    /** A server chain whose leaf is signed with ecdsa_secp384r1_sha384 by a P-256 CA. */
    static final GeneratedPki SHA384_SERVER = CertificateGenerator.ec().ca("SHA-384 signing CA")
            .leaf(b -> b.signatureAlgorithm("SHA384withECDSA"), "localhost");
    /** A client chain of CA B whose leaf signature is ecdsa_secp384r1_sha384. */
    static final GeneratedPki CLIENT_B_SHA384 = CertificateGenerator.ec().ca(CA_B)
            .leaf(b -> b.signatureAlgorithm("SHA384withECDSA"), "client from B with SHA-384");

    static TlsConfig.Builder client(TlsVersion v) {
        return Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC).versions(List.of(v));
    }

    static TlsConfig.Builder serverTrustingB(TlsVersion v) {
        return Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC).versions(List.of(v))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(CLIENT_B.trustAnchors());
    }

    static X509Certificate clientLeafSeenByServer(EnginePair p) {
        return p.server.session().peerCertificates().get(0);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientPicksTheChainIssuedByACaTheServerNames(TlsVersion v) {
        // A is preferred (first); the server names B, so B is sent.
        try (EnginePair p = Tls13HandshakeTest.pair(client(v).keyMaterials(List.of(CLIENT_A.leaf(), CLIENT_B.leaf())),
                serverTrustingB(v)).handshake()) {
            assertThat(clientLeafSeenByServer(p)).isEqualTo(CLIENT_B.leaf().leaf());
            assertThat(p.server.session().version()).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void withoutCaNamesTheClientSendsItsFirstChainAndTheServerRefusesIt(TlsVersion v) {
        try (EnginePair p = Tls13HandshakeTest.pair(client(v).keyMaterials(List.of(CLIENT_A.leaf(), CLIENT_B.leaf())),
                serverTrustingB(v).sendCertificateAuthorities(false))) {
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNKNOWN_CA));
        }
    }

    /** TLS 1.3 only: a TLS 1.2 CertificateRequest has no signature_algorithms_cert to say it with. */
    @Test
    void clientPicksTheChainSignedWithASchemeTheServerAccepts() {
        TlsVersion v = TlsVersion.TLS_1_3;
        // Both chains come from B; only the second is signed with a scheme the server's signature_algorithms_cert has.
        try (EnginePair p = Tls13HandshakeTest.pair(client(v).keyMaterials(List.of(CLIENT_B_SHA384.leaf(), CLIENT_B.leaf())),
                serverTrustingB(v).certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256))).handshake()) {
            assertThat(clientLeafSeenByServer(p)).isEqualTo(CLIENT_B.leaf().leaf());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void serverRefusesAClientChainSignedOutsideItsCertificateSchemes(TlsVersion v) {
        try (EnginePair p = Tls13HandshakeTest.pair(client(v).keyMaterial(CLIENT_B_SHA384.leaf()),
                serverTrustingB(v).certificateSignatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256)))) {
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE))
                    .hasMessageContaining("ecdsa_secp384r1_sha384");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void clientRefusesAServerChainSignedOutsideItsCertificateSchemes(TlsVersion v) {
        // By default (as OpenSSL) the SHA-384 signature is fine: the security policy allows it.
        try (EnginePair p = Tls13HandshakeTest.pair(sha384Client(v), sha384Server(v)).handshake()) {
            assertThat(p.client.session().peerCertificates().get(0)).isEqualTo(SHA384_SERVER.leaf().leaf());
        }
        try (EnginePair p = Tls13HandshakeTest.pair(sha384Client(v).certificateSignatureSchemes(
                List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256)), sha384Server(v))) {
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE));
        }
    }

    static TlsConfig.Builder sha384Client(TlsVersion v) {
        return TlsConfig.client().versions(List.of(v)).cipherSuites(Tls13HandshakeTest.ALL).trustAnchors(SHA384_SERVER.trustAnchors());
    }

    static TlsConfig.Builder sha384Server(TlsVersion v) {
        return TlsConfig.server(SHA384_SERVER.leaf()).versions(List.of(v)).cipherSuites(Tls13HandshakeTest.ALL);
    }

    @Test
    void signatureAlgorithmsCertIsSentOnlyWhenConfigured() {
        assertThat(firstClientHello(client(TlsVersion.TLS_1_3)).extensions().has(ExtensionType.SIGNATURE_ALGORITHMS_CERT)).isFalse();
        for (TlsVersion v : TlsVersion.values()) {
            ClientHello hello = firstClientHello(client(v).certificateSignatureSchemes(
                    List.of(SignatureScheme.ED25519, SignatureScheme.ECDSA_SECP256R1_SHA256)));
            List<Integer> sent = hello.extensions().parse(ExtensionType.SIGNATURE_ALGORITHMS_CERT, "signature_algorithms_cert",
                    r -> Extensions.readU16List(r, "signature_algorithms_cert"));
            assertThat(sent).as(v.displayName()).containsExactly(0x0807, 0x0403);
        }
    }

    /** The ClientHello the engine sends first, decoded. */
    static ClientHello firstClientHello(TlsConfig.Builder config) {
        TlsEngine client = TlsEngine.client(config.build(), "localhost", ByteBufAllocator.DEFAULT);
        client.beginHandshake();
        ByteBuf out = client.takeOutbound();
        try {
            ByteBuf body = out.slice(out.readerIndex() + 5 + 4, out.getUnsignedShort(out.readerIndex() + 3) - 4);
            return ClientHello.decode(TlsReader.of(Unpooled.copiedBuffer(body), "ClientHello"));
        } finally {
            out.release();
            client.release();
        }
    }
}
