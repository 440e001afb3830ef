package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.CertificateRevokedException;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.KeyMaterial;
import io.reactls.OcspStapleSource;
import io.reactls.RevocationPolicy;
import io.reactls.TlsAlertException;
import io.reactls.TlsVersion;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.OcspPki;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OCSP stapling between two engines in memory: status_request in the ClientHello (RFC 6066 §8), the staple in a TLS
 * 1.2 CertificateStatus or the TLS 1.3 leaf CertificateEntry (RFC 8446 §4.4.2.1), checked by the client in place
 * (staple only: an engine cannot fetch) per RFC 6960, and must-staple (RFC 7633).
 */
class OcspStaplingEngineTest {

    static final OcspPki PKI = OcspPki.create();
    static final OcspPki.Leaf LEAF = PKI.leaf("engine", b -> { });
    static final OcspPki.Leaf MUST_STAPLE = PKI.leaf("engine-must-staple", b -> b.mustStaple());
    static final OcspPki.Leaf OTHER = PKI.leaf("engine-other", b -> { });

    static byte[] good(OcspPki.Leaf leaf) {
        return PKI.ocspResponse(leaf.leaf(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), null, 0);
    }

    static EnginePair pair(TlsVersion version, RevocationPolicy policy, KeyMaterial served, byte[] staple) {
        OcspStapleSource source = km -> staple;
        TlsConfig.Builder server = TlsConfig.server(served).versions(List.of(version));
        if (staple != null) {
            server.ocspStaples(source);
        }
        TlsConfig client = TlsConfig.client().trustAnchors(PKI.trustAnchors()).versions(List.of(version))
                .revocationPolicy(policy).build();
        return new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT));
    }

    static List<HandshakeEvent> events(TlsEngine engine) {
        return new ArrayList<>(engine.takeEvents());
    }

    /** The client's failure, then what the server learns from the alert it sent. */
    static TlsAlertException clientRefuses(EnginePair p) {
        p.client.beginHandshake();
        p.server.beginHandshake();
        TlsAlertException refused = null;
        try {
            p.pump();
        } catch (TlsAlertException e) {
            refused = e;
        }
        assertThat(refused).as("the client refused the handshake").isNotNull();
        ByteBuf alert = p.client.takeOutbound();
        assertThat(alert).isNotNull();
        TlsAlertException atServer = org.assertj.core.api.Assertions.catchThrowableOfType(() -> p.server.receive(alert),
                TlsAlertException.class);
        assertThat(atServer.alert()).isEqualTo(refused.alert());
        assertThat(atServer.origin()).isEqualTo(TlsAlertException.Origin.PEER);
        return refused;
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aGoodStapleIsSentAndAccepted(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.HARD_FAIL, LEAF.keyMaterial(), good(LEAF)).handshake()) {
            assertThat(events(p.server)).anySatisfy(e -> assertThat(e.detail()).contains("OCSP response"));
            assertThat(events(p.client)).filteredOn(e -> e.step() == HandshakeStep.CERTIFICATE_VERIFIED)
                    .anySatisfy(e -> assertThat(e.detail()).startsWith("revocation: OCSP staple: good"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void withoutStatusRequestTheServerStaplesNothing(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.OFF, LEAF.keyMaterial(), good(LEAF)).handshake()) {
            assertThat(events(p.server)).noneSatisfy(e -> assertThat(e.detail()).contains("OCSP"));
            assertThat(events(p.client)).noneSatisfy(e -> assertThat(e.detail()).containsAnyOf("stapled", "revocation"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aServerWithoutAResponseDoesNotAcknowledgeAndSoftFailSaysWhy(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, LEAF.keyMaterial(), null).handshake()) {
            assertThat(events(p.client)).anySatisfy(e -> assertThat(e.detail())
                    .contains("revocation status unknown, connecting anyway (soft-fail): no OCSP staple"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void hardFailWithoutAStapleOrAWayToFetchIsRefused(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.HARD_FAIL, LEAF.keyMaterial(), null)) {
            assertThat(clientRefuses(p).alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aRevokedStapleIsCertificateRevokedWithItsReason(TlsVersion version) {
        byte[] revoked = PKI.ocspResponse(LEAF.leaf(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600),
                Instant.now().minusSeconds(3600), CRLReason.keyCompromise);
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, LEAF.keyMaterial(), revoked)) {
            TlsAlertException e = clientRefuses(p);
            assertThat(e.alert()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
            assertThat(((CertificateRevokedException) e).revocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aStaleStapleIsBadCertificateStatusResponse(TlsVersion version) {
        byte[] stale = PKI.ocspResponse(LEAF.leaf(), Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), null, 0);
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, LEAF.keyMaterial(), stale)) {
            TlsAlertException e = clientRefuses(p);
            assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
            assertThat(e.getMessage()).contains("stale");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aStapleAboutAnotherCertificateIsBadCertificateStatusResponse(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, LEAF.keyMaterial(), good(OTHER))) {
            TlsAlertException e = clientRefuses(p);
            assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
            assertThat(e.getMessage()).contains("about another certificate");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aMustStapleCertificateWithoutAStapleIsBadCertificateStatusResponse(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, MUST_STAPLE.keyMaterial(), null)) {
            TlsAlertException e = clientRefuses(p);
            assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
            assertThat(e.getMessage()).contains("RFC 7633");
        }
        try (EnginePair p = pair(version, RevocationPolicy.SOFT_FAIL, MUST_STAPLE.keyMaterial(), good(MUST_STAPLE)).handshake()) {
            assertThat(events(p.client)).anySatisfy(e -> assertThat(e.detail()).startsWith("revocation: OCSP staple: good"));
        }
    }

    /**
     * TLS 1.2: an attacker adds status_request to a client's hello that did not ask; the server acknowledges it in
     * ServerHello and the client refuses (in TLS 1.3 the changed transcript already breaks the handshake keys, see
     * OcspConformanceTest for the CertificateEntry).
     */
    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2"})
    void aStapleTheClientDidNotAskForIsUnsupportedExtension(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.OFF, LEAF.keyMaterial(), good(LEAF))) {
            p.toServer = HelloTampering.appendExtension(ExtensionType.STATUS_REQUEST, new byte[] {1, 0, 0, 0, 0}, new byte[0]);
            p.client.beginHandshake();
            p.server.beginHandshake();
            assertThatThrownBy(p::pump).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aStatusRequestWithoutStatusTypeIsADecodeError(TlsVersion version) {
        try (EnginePair p = pair(version, RevocationPolicy.OFF, LEAF.keyMaterial(), good(LEAF))) {
            p.toServer = HelloTampering.appendExtension(ExtensionType.STATUS_REQUEST, new byte[0], new byte[0]);
            p.client.beginHandshake();
            p.server.beginHandshake();
            assertThatThrownBy(p::pump).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.DECODE_ERROR));
        }
    }
}
