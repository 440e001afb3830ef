package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateGenerator;
import io.reactls.IssuedCertificate;
import io.reactls.KeyType;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SecurityPolicyTest {

    private final SecurityPolicy policy = SecurityPolicy.defaults();

    @Test
    void defaultsAcceptStrongKeys() {
        for (KeyType type : new KeyType[] {KeyType.RSA_2048, KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519}) {
            assertThat(policy.keyProblem(type.generate().getPublic())).as(type.toString()).isEmpty();
        }
        assertThat(policy.keyProblem(new KeyType("EC", 521, "secp521r1").generate().getPublic())).isEmpty();
    }

    @Test
    void defaultsRefuseSmallRsaAndOtherCurves() {
        assertThat(policy.keyProblem(KeyType.rsa(1024).generate().getPublic()))
                .hasValue("its RSA key has 1024 bits, fewer than the 2048 required");
        assertThat(policy.keyProblem(new KeyType("Ed448", 448, null).generate().getPublic())).isPresent();
        assertThat(policy.keyProblem(new KeyType("DSA", 2048, null).generate().getPublic()))
                .hasValue("its DSA key is of a type that is not allowed");
    }

    @Test
    void signatureHashesAreJudged() {
        CertificateGenerator rsa = CertificateGenerator.of(KeyType.rsa(1024));
        IssuedCertificate sha1 = rsa.certificate("x").signatureAlgorithm("SHA1withRSA").issue();
        IssuedCertificate sha256 = rsa.certificate("x").issue();
        IssuedCertificate md5 = rsa.certificate("x").signatureAlgorithm("MD5withRSA").issue();
        assertThat(policy.signatureProblem(sha1.certificate())).isPresent();
        assertThat(policy.signatureProblem(md5.certificate())).get().asString().contains("MD5 signatures are not allowed");
        assertThat(policy.signatureProblem(sha256.certificate())).isEmpty();
        assertThat(policy.withAllowedSignatureHashes(Set.of("SHA-1")).signatureProblem(sha1.certificate())).isEmpty();
        assertThat(policy.signatureProblem(CertificateGenerator.ed25519().certificate("x").issue().certificate())).isEmpty();
    }

    @Test
    void rsassaPssIsJudgedByTheHashInItsParameters() {
        CertificateGenerator rsa = CertificateGenerator.of(KeyType.rsa(1024));
        IssuedCertificate pss256 = rsa.certificate("pss").signatureAlgorithm("SHA256withRSAandMGF1").issue();
        IssuedCertificate pss1 = rsa.certificate("pss").signatureAlgorithm("SHA1withRSAandMGF1").issue();
        assertThat(pss256.certificate().getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
        assertThat(policy.signatureProblem(pss256.certificate())).isEmpty();
        assertThat(policy.signatureProblem(pss1.certificate())).get().asString().contains("SHA-1 signatures are not allowed");
    }
}
