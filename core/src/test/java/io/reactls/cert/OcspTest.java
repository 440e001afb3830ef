package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.CertificateBuilder.Purpose;
import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.IssuedCertificate;
import io.reactls.testing.OcspPki;
import java.security.cert.CRLReason;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.junit.jupiter.api.Test;

/** RFC 6960 response checks, RFC 5280 CRLs and the certificate extensions revocation uses, with Bouncy Castle peers. */
class OcspTest {

    static final OcspPki PKI = OcspPki.create();
    static final OcspPki.Leaf LEAF = PKI.leaf("ocsp-unit", 8080);
    static final X509Certificate CA = PKI.ca().certificate();
    static final Instant NOW = Instant.now();

    static byte[] response(Instant thisUpdate, Instant nextUpdate, IssuedCertificate signer) {
        return PKI.ocspResponse(LEAF.leaf(), thisUpdate, nextUpdate, null, 0, signer);
    }

    static CertificateVerificationException refused(byte[] response) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> Ocsp.evaluate(response, LEAF.leaf(), CA, NOW, "test"), CertificateVerificationException.class);
    }

    @Test
    void aResponseSignedByTheIssuerIsGood() {
        RevocationStatus s = Ocsp.evaluate(response(NOW.minusSeconds(60), NOW.plusSeconds(600), PKI.ca()), LEAF.leaf(), CA, NOW, "test");
        assertThat(s.state()).isEqualTo(RevocationStatus.State.GOOD);
        assertThat(s.nextUpdate()).isNotNull();
    }

    @Test
    void aDelegatedResponderWithOcspSigningIssuedByTheIssuerIsAccepted() {
        RevocationStatus s = Ocsp.evaluate(response(NOW.minusSeconds(60), NOW.plusSeconds(600), PKI.responder()),
                LEAF.leaf(), CA, NOW, "test");
        assertThat(s.state()).isEqualTo(RevocationStatus.State.GOOD);
    }

    @Test
    void aDelegatedResponderWithoutOcspSigningIsRefused() {
        IssuedCertificate noEku = CertificateGenerator.ec().certificate("not a responder").issuedBy(PKI.ca())
                .extendedKeyUsage(Purpose.SERVER_AUTH).issue();
        CertificateVerificationException e = refused(response(NOW.minusSeconds(60), NOW.plusSeconds(600), noEku));
        assertThat(e.reason()).isEqualTo(Reason.BAD_STATUS_RESPONSE);
        assertThat(e.getMessage()).contains("id-kp-OCSPSigning");
    }

    @Test
    void aResponderOfAnotherCaIsRefused() {
        IssuedCertificate stranger = CertificateGenerator.ec().caCertificate("stranger CA").issue();
        IssuedCertificate strangersResponder = CertificateGenerator.ec().certificate("stranger responder").issuedBy(stranger)
                .extendedKeyUsage(Purpose.OCSP_SIGNING).issue();
        assertThat(refused(response(NOW.minusSeconds(60), NOW.plusSeconds(600), strangersResponder)).getMessage())
                .contains("is not signed by");
        assertThat(refused(response(NOW.minusSeconds(60), NOW.plusSeconds(600), stranger)).getMessage()).contains("is not signed by");
    }

    @Test
    void freshnessAllowsTheClockSkewAndNoMore() {
        Duration skew = Ocsp.CLOCK_SKEW;
        assertThat(Ocsp.evaluate(response(NOW.plus(skew).minusSeconds(5), NOW.plusSeconds(3600), PKI.ca()), LEAF.leaf(), CA, NOW, "t")
                .state()).isEqualTo(RevocationStatus.State.GOOD);
        assertThat(refused(response(NOW.plus(skew).plusSeconds(30), NOW.plusSeconds(3600), PKI.ca())).getMessage()).contains("ahead");
        assertThat(Ocsp.evaluate(response(NOW.minusSeconds(3600), NOW.minus(skew).plusSeconds(5), PKI.ca()), LEAF.leaf(), CA, NOW, "t")
                .state()).isEqualTo(RevocationStatus.State.GOOD);
        assertThat(refused(response(NOW.minusSeconds(3600), NOW.minus(skew).minusSeconds(30), PKI.ca())).getMessage()).contains("stale");
    }

    @Test
    void anUnsuccessfulOrGarbledResponseIsRefused() throws Exception {
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        assertThat(refused(tryLater).getMessage()).contains("not successful");
        assertThat(refused(new byte[] {0x30, 0x03, 1, 2, 3}).reason()).isEqualTo(Reason.BAD_STATUS_RESPONSE);
    }

    @Test
    void aRevokedResponseCarriesItsReasonAndTime() {
        Instant revokedAt = NOW.minusSeconds(86400);
        byte[] r = PKI.ocspResponse(LEAF.leaf(), NOW.minusSeconds(60), NOW.plusSeconds(600), revokedAt,
                org.bouncycastle.asn1.x509.CRLReason.affiliationChanged);
        RevocationStatus s = Ocsp.evaluate(r, LEAF.leaf(), CA, NOW, "test");
        assertThat(s.state()).isEqualTo(RevocationStatus.State.REVOKED);
        assertThat(s.reason()).isEqualTo(CRLReason.AFFILIATION_CHANGED);
        assertThat(s.revokedAt()).isEqualTo(revokedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void theRequestNamesTheCertificateByIssuerAndSerialWithoutANonce() throws Exception {
        OCSPReq req = new OCSPReq(Ocsp.request(LEAF.leaf(), CA));
        assertThat(req.getRequestList()).hasSize(1);
        CertificateID id = req.getRequestList()[0].getCertID();
        assertThat(id.getSerialNumber()).isEqualTo(LEAF.leaf().getSerialNumber());
        assertThat(id.getHashAlgOID()).isEqualTo(CertificateID.HASH_SHA1.getAlgorithm());
        assertThat(req.hasExtensions()).isFalse();
    }

    @Test
    void crlsAreCheckedForSignatureFreshnessAndTheSerial() {
        OcspPki.Leaf other = PKI.leaf("ocsp-unit-other", 8080);
        byte[] crl = PKI.crl(NOW.minusSeconds(60), other.leaf());
        assertThat(Crls.evaluate(crl, LEAF.leaf(), CA, NOW, "crl").state()).isEqualTo(RevocationStatus.State.GOOD);
        RevocationStatus revoked = Crls.evaluate(crl, other.leaf(), CA, NOW, "crl");
        assertThat(revoked.state()).isEqualTo(RevocationStatus.State.REVOKED);
        assertThat(revoked.reason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThatThrownBy(() -> Crls.evaluate(crl, LEAF.leaf(), CA, NOW.plus(Duration.ofDays(2)), "crl"))
                .hasMessageContaining("stale");
        OcspPki stranger = OcspPki.create();
        assertThatThrownBy(() -> Crls.evaluate(stranger.crl(NOW.minusSeconds(60)), LEAF.leaf(), CA, NOW, "crl"))
                .isInstanceOf(CertificateVerificationException.class).hasMessageContaining("not signed by"); // same name, another key
    }

    @Test
    void theCertificateNamesItsResponderItsCrlAndWhetherItMustStaple() {
        OcspPki.Leaf both = PKI.leaf("ocsp-unit-both", b -> b.ocspResponder("http://127.0.0.1:1/ocsp")
                .crlDistributionPoint("http://127.0.0.1:2/ca.crl").mustStaple());
        assertThat(Ocsp.responderUrls(both.leaf())).containsExactly("http://127.0.0.1:1/ocsp");
        assertThat(Ocsp.crlUrls(both.leaf())).containsExactly("http://127.0.0.1:2/ca.crl");
        assertThat(Ocsp.mustStaple(both.leaf())).isTrue();
        assertThat(Ocsp.mustStaple(LEAF.leaf())).isFalse();
        assertThat(Ocsp.crlUrls(LEAF.leaf())).isEmpty();
        assertThat(RevocationVerdicts.issuer(List.of(LEAF.leaf()), PKI.trustAnchors())).isEqualTo(CA);
    }
}
