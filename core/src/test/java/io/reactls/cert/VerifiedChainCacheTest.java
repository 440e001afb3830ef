package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.GeneratedPki;
import io.reactls.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedChainCacheTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final CertificateGenerator EC = CertificateGenerator.ec().now(NOW);

    private final VerifiedChainCache cache = new VerifiedChainCache(8, Duration.ofMinutes(10));

    private VerifiedChainCache.Key key(PkixCertificateVerifier verifier, TrustAnchors anchors, List<X509Certificate> chain,
            PeerRole role) {
        return VerifiedChainCache.key(VerifiedChainCache.anchorsDigest(anchors.certificates()), SecurityPolicy.defaults(),
                role.name(), chain);
    }

    @Test
    void aValidatedChainIsAHitForTheSameBytesAnchorsAndRole() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.isVerified(key(verifier, pki.trustAnchors(), pki.chain(), PeerRole.SERVER), NOW.plusSeconds(60))).isTrue();
        assertThat(cache.isVerified(key(verifier, pki.trustAnchors(), pki.chain(), PeerRole.CLIENT), NOW))
                .as("a chain validated for a server is not thereby valid for a client").isFalse();
    }

    @Test
    void theHostNameIsCheckedOnEveryHitAndNeverCached() {
        GeneratedPki pki = EC.ca("Root CA").leaf("localhost");
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);
        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(pki.chain(), "other.example", NOW, PeerRole.SERVER));
        assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(e.getMessage()).contains("DNS:localhost");
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER); // a hit, and the right name still passes
    }

    @Test
    void aHitChecksTheHostNameAgainstTheLeafNamesParsedWhenStored() {
        GeneratedPki pki = EC.ca("Root CA").leaf("localhost");
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);
        PresentedIdentifiers stored = cache.leafIdentifiers(key(verifier, pki.trustAnchors(), pki.chain(), PeerRole.SERVER));
        assertThat(stored).isNotNull();
        assertThat(stored.dnsNames()).isEqualTo(PresentedIdentifiers.of(pki.chain().get(0)).dnsNames());
    }

    @Test
    void aTamperedChainMissesAndFailsInFull() throws Exception {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);

        List<X509Certificate> tampered = new ArrayList<>(pki.chain());
        byte[] der = tampered.get(0).getEncoded();
        der[der.length - 1] ^= 0x01; // a bit of the leaf's signature
        tampered.set(0, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));

        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(tampered, "localhost", NOW, PeerRole.SERVER));
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(cache.size()).as("failures are never cached").isEqualTo(1);
    }

    @Test
    void otherTrustAnchorsMissTheSharedCache() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        GeneratedPki stranger = EC.ca("Root CA").leaf("localhost"); // same name, another key
        new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache)
                .verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);

        PkixCertificateVerifier otherAnchors = new PkixCertificateVerifier(stranger.trustAnchors(), SecurityPolicy.defaults(), cache);
        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> otherAnchors.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER));
        assertThat(e).as("the chain must be validated again under the other anchors").isNotNull();
        assertThat(e.reason()).isIn(Reason.UNTRUSTED_ISSUER, Reason.BAD_SIGNATURE);
    }

    @Test
    void aStricterPolicyMissesTheCache() {
        GeneratedPki pki = CertificateGenerator.rsa().now(NOW).ca("Root CA").leaf("localhost");
        new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache)
                .verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);
        PkixCertificateVerifier strict = new PkixCertificateVerifier(pki.trustAnchors(),
                SecurityPolicy.defaults().withMinRsaKeyBits(4096), cache);
        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> strict.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER));
        assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void anEntryNeverOutlivesTheCertificatesNorTheTimeLimit() {
        Instant end = NOW.plus(Duration.ofMinutes(5));
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.validity(NOW.minus(Duration.ofDays(1)), end), "localhost");
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        verifier.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER);
        VerifiedChainCache.Key key = key(verifier, pki.trustAnchors(), pki.chain(), PeerRole.SERVER);
        assertThat(cache.isVerified(key, end.minusSeconds(1))).isTrue();

        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(pki.chain(), "localhost", end.plusSeconds(1), PeerRole.SERVER));
        assertThat(e.reason()).as("past the leaf's notAfter the cache must not answer").isEqualTo(Reason.EXPIRED);

        GeneratedPki longLived = EC.ca("Root CA").leaf("localhost");
        PkixCertificateVerifier v2 = new PkixCertificateVerifier(longLived.trustAnchors(), SecurityPolicy.defaults(), cache);
        v2.verify(longLived.chain(), "localhost", NOW, PeerRole.SERVER);
        VerifiedChainCache.Key k2 = key(v2, longLived.trustAnchors(), longLived.chain(), PeerRole.SERVER);
        assertThat(cache.isVerified(k2, NOW.plus(Duration.ofMinutes(11)))).as("past the cache's time limit").isFalse();
        assertThat(cache.isVerified(k2, NOW.minusSeconds(1))).as("a clock moved back re-validates").isFalse();
    }

    @Test
    void theCacheIsBounded() {
        VerifiedChainCache small = new VerifiedChainCache(2, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            GeneratedPki pki = EC.ca("Root CA " + i).leaf("localhost");
            assertThatCode(() -> new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), small)
                    .verify(pki.chain(), "localhost", NOW, PeerRole.SERVER)).doesNotThrowAnyException();
        }
        assertThat(small.size()).isEqualTo(2);
    }
}
