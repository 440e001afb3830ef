package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.SignatureScheme;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Certificate signatures named as TLS signature schemes, as signature_algorithms_cert needs them. */
class CertificateSignaturesTest {

    @Test
    void namesEachSignatureAlgorithmByItsScheme() {
        assertThat(CertificateSignatures.schemesOf(CertificateGenerator.ec().ca("ec").leaf("a").leaf().leaf()))
                .containsExactly(SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(CertificateSignatures.schemesOf(CertificateGenerator.rsa().ca("rsa").leaf("a").leaf().leaf()))
                .containsExactly(SignatureScheme.RSA_PKCS1_SHA256);
        assertThat(CertificateSignatures.schemesOf(CertificateGenerator.ed25519().ca("ed").leaf("a").leaf().leaf()))
                .containsExactly(SignatureScheme.ED25519);
        assertThat(CertificateSignatures.schemesOf(CertificateGenerator.rsaPss("SHA-384").ca("pss").leaf("a").leaf().leaf()))
                .containsExactlyInAnyOrder(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_PSS_SHA384);
        assertThat(CertificateSignatures.schemesOf(CertificateGenerator.ec().ca("ec")
                .leaf(b -> b.signatureAlgorithm("SHA1withECDSA"), "a").leaf().leaf())).isEmpty();
    }

    @Test
    void aChainIsJudgedWithoutTheAnchorsSelfSignature() {
        GeneratedPki pki = CertificateGenerator.ec().ca("root", b -> b.signatureAlgorithm("SHA384withECDSA")).leaf("a");
        List<java.security.cert.X509Certificate> chain = List.of(pki.leaf().leaf(), pki.caCertificate());
        assertThat(CertificateSignatures.signedOutside(chain, List.of(SignatureScheme.ECDSA_SECP256R1_SHA256))).isEmpty();
        assertThat(CertificateSignatures.signedOutside(chain, List.of(SignatureScheme.ECDSA_SECP384R1_SHA384)))
                .contains(pki.leaf().leaf());
    }

    @Test
    void issuedByAnyLooksAtEveryIssuerInTheChain() {
        GeneratedPki pki = CertificateGenerator.ec().ca("root").intermediate("mid").leaf("a");
        List<java.security.cert.X509Certificate> chain = pki.chain();
        assertThat(CertificateSignatures.issuedByAny(chain, List.of(pki.caCertificate().getSubjectX500Principal()))).isTrue();
        assertThat(CertificateSignatures.issuedByAny(List.of(chain.get(0)), List.of(pki.caCertificate().getSubjectX500Principal()))).isFalse();
        assertThat(CertificateSignatures.issuedByAny(chain, List.of())).isFalse();
    }
}
