package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    @TempDir
    Path dir;

    @Test
    void jdkDefaultHoldsTheCacertsRoots() {
        TrustAnchors anchors = TrustAnchors.jdkDefault();
        assertThat(anchors.size()).isGreaterThan(50);
        assertThat(anchors.subjects()).hasSizeLessThanOrEqualTo(anchors.size()).isNotEmpty();
    }

    @Test
    void fromPemReadsABundle() {
        GeneratedPki one = CertificateGenerator.ec().ca("One CA").leaf("a");
        GeneratedPki two = CertificateGenerator.ec().ca("Two CA").leaf("b");
        Path bundle = dir.resolve("bundle.pem");
        Pem.writeCertificates(bundle, List.of(one.caCertificate(), two.caCertificate()));
        TrustAnchors anchors = TrustAnchors.fromPem(bundle);
        assertThat(anchors.certificates()).containsExactly(one.caCertificate(), two.caCertificate());
        assertThat(anchors.contains(two.caCertificate())).isTrue();
        assertThat(anchors.contains(two.leafCertificate().certificate())).isFalse();
        assertThat(anchors.possibleIssuersOf(two.leafCertificate().certificate())).containsExactly(two.caCertificate());
    }

    @Test
    void ofDropsDuplicates() {
        GeneratedPki pki = CertificateGenerator.ec().ca("CA").leaf("a");
        TrustAnchors anchors = TrustAnchors.of(List.of(pki.caCertificate(), pki.caCertificate()));
        assertThat(anchors.size()).isEqualTo(1);
    }

    @Test
    void sameNameDifferentKeyIsNotContained() {
        GeneratedPki first = CertificateGenerator.ec().ca("CA").leaf("a");
        GeneratedPki second = CertificateGenerator.ec().ca("CA").leaf("a");
        TrustAnchors anchors = first.trustAnchors();
        assertThat(anchors.contains(second.caCertificate())).isFalse();
        assertThat(anchors.possibleIssuersOf(second.leafCertificate().certificate())).containsExactly(first.caCertificate());
    }
}
