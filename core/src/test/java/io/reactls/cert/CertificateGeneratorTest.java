package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.KeyMaterialException;
import io.reactls.KeyType;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.reactls.CertificateBuilder.KeyUsageBit;
import io.reactls.CertificateBuilder.Purpose;
import io.reactls.testing.OpenSsl;

class CertificateGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void demoPkiHasRootLeafAndNames() throws Exception {
        GeneratedPki pki = CertificateGenerator.rsa().now(NOW).ca("reactls demo CA").leaf("localhost", "127.0.0.1");
        X509Certificate ca = pki.caCertificate();
        X509Certificate leaf = pki.leaf().leaf();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=reactls demo CA");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
        ca.verify(ca.getPublicKey());

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment for RSA").isTrue();
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(PresentedIdentifiers.of(leaf).describe()).isEqualTo("DNS:localhost, IP:127.0.0.1");
        leaf.verify(ca.getPublicKey());

        assertThat(pki.leaf().chain()).containsExactly(leaf);
        assertThat(pki.caKey()).isEqualTo(pki.root().privateKey());
    }

    @Test
    void subjectAltNamesSortIpLiteralsFromDnsNames() {
        IssuedCertificate cert = CertificateGenerator.ec().now(NOW).certificate("host")
                .subjectAltNames("localhost", "127.0.0.1", "::1", "2001:db8::1", "not.an.ip.example", "1.2.3.4.").issue();
        assertThat(PresentedIdentifiers.of(cert.certificate()).describe()).isEqualTo(
                "DNS:localhost, DNS:not.an.ip.example, DNS:1.2.3.4., IP:127.0.0.1, IP:0:0:0:0:0:0:0:1, IP:2001:db8:0:0:0:0:0:1");
        assertThat(HostnameMatcher.matches(cert.certificate(), "[::1]")).isTrue();
        assertThatThrownBy(() -> CertificateGenerator.ec().certificate("host").ipAddresses("localhost").issue())
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("'localhost' is not an IPv4 or IPv6 address literal");
        assertThatThrownBy(() -> CertificateGenerator.ec().certificate("host").ipAddresses("10.0.0.0/8").issue())
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("'10.0.0.0/8'");
    }

    @Test
    void validityFollowsTheInjectedClock() {
        GeneratedPki pki = CertificateGenerator.ec().now(NOW).ca("CA").leaf("localhost");
        X509Certificate leaf = pki.leafCertificate().certificate();
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(pki.caCertificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    }

    @Test
    void eachKeyTypeSignsWithItsDefaultAlgorithm() {
        assertThat(CertificateGenerator.ec().ca("CA").leaf("a").caCertificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        GeneratedPki p384 = CertificateGenerator.ecP384().ca("CA").leaf("a");
        assertThat(p384.caCertificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
        assertThat(((ECPublicKey) p384.caCertificate().getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        GeneratedPki ed = CertificateGenerator.ed25519().ca("CA").leaf("a");
        assertThat(ed.caCertificate().getSigAlgName()).isEqualTo("Ed25519");
        assertThat(ed.leafCertificate().certificate().getKeyUsage()[2]).as("no keyEncipherment for EdDSA").isFalse();
    }

    @Test
    void builderMakesDeliberatelyBadCertificates() throws Exception {
        CertificateGenerator rsa = CertificateGenerator.of(KeyType.rsa(1024)).now(NOW);
        IssuedCertificate ca = rsa.caCertificate("CA").pathLen(2).issue();
        IssuedCertificate leaf = rsa.certificate("weak")
                .issuedBy(ca)
                .signatureAlgorithm("SHA1withRSA")
                .validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))
                .keyUsage(KeyUsageBit.KEY_AGREEMENT)
                .extendedKeyUsage(Purpose.CODE_SIGNING)
                .issue();
        X509Certificate cert = leaf.certificate();
        assertThat(ca.certificate().getBasicConstraints()).isEqualTo(2);
        assertThat(cert.getSigAlgName()).isEqualTo("SHA1withRSA");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(1024);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(cert.getKeyUsage()[4]).as("keyAgreement").isTrue();
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        cert.verify(ca.certificate().getPublicKey());

        IssuedCertificate bare = rsa.certificate("bare").withoutBasicConstraints().withoutKeyUsage().withoutExtendedKeyUsage().issue();
        assertThat(bare.certificate().getExtensionValue("2.5.29.19")).isNull();
        assertThat(bare.certificate().getKeyUsage()).isNull();
        assertThat(bare.certificate().getExtendedKeyUsage()).isNull();
    }

    @Test
    void intermediatesFormTheChainNearestFirst() {
        GeneratedPki pki = CertificateGenerator.ec().ca("Root").intermediate("Policy").intermediate("Issuing").leaf("host");
        assertThat(pki.chain()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=host", "CN=Issuing", "CN=Policy");
        assertThat(pki.intermediates().get(0).certificate().getIssuerX500Principal().getName()).isEqualTo("CN=Root");
    }

    @Test
    void opensslVerifiesTheWrittenPki() throws Exception {
        OpenSsl.assumeInstalled();
        for (CertificateGenerator generator : List.of(CertificateGenerator.rsa(), CertificateGenerator.ec(),
                CertificateGenerator.ecP384(), CertificateGenerator.ed25519())) {
            Path out = dir.resolve(generator.keyType().algorithm() + generator.keyType().bits());
            GeneratedPki pki = generator.ca("reactls demo CA").intermediate("reactls issuing CA").leaf("localhost", "127.0.0.1");
            pki.writePem(out);
            String result = OpenSsl.runOk(out, "verify", "-CAfile", "ca.pem", "-untrusted", "chain.pem",
                    "-purpose", "sslserver", "-verify_hostname", "localhost", "-verify_ip", "127.0.0.1", "chain.pem");
            assertThat(result).as(generator.keyType().toString()).contains("chain.pem: OK");
            // the key file matches the leaf: openssl derives the same public key from both
            String fromKey = OpenSsl.runOk(out, "pkey", "-in", "key.pem", "-pubout");
            String fromCert = OpenSsl.runOk(out, "x509", "-in", "chain.pem", "-noout", "-pubkey");
            assertThat(fromKey).isEqualTo(fromCert);
        }
    }
}
