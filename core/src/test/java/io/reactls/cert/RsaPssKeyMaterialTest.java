package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import io.reactls.KeyMaterialException;
import io.reactls.KeyType;
import io.reactls.TrustAnchors;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.Pem;
import io.reactls.SignatureScheme;
import io.reactls.testing.OpenSsl;
import java.nio.file.Path;
import java.security.interfaces.RSAKey;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RSASSA-PSS keys (SPKI id-RSASSA-PSS, 1.2.840.113549.1.1.10) through the cert layer: generated, written and read as
 * PEM, loaded from openssl's PEM and PKCS#12, matched to their certificate, judged by the policy, and chains signed
 * with RSASSA-PSS verified.
 */
class RsaPssKeyMaterialTest {

    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final CertificateGenerator PSS = CertificateGenerator.rsaPss().now(NOW);

    @TempDir
    Path dir;

    static String spkiOid(java.security.PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm().getId();
    }

    static List<SignatureScheme> fitting(java.security.Key key) {
        return Arrays.stream(SignatureScheme.values()).filter(s -> s.fits(key)).toList();
    }

    @Test
    void generatorMakesRsassaPssKeysAndSignsWithRsassaPss() {
        GeneratedPki pki = PSS.ca("PSS root").intermediate("PSS issuing").leaf("localhost");
        for (java.security.cert.X509Certificate c : pki.chain()) {
            assertThat(spkiOid(c.getPublicKey())).isEqualTo(RSASSA_PSS);
            assertThat(c.getSigAlgOID()).isEqualTo(RSASSA_PSS);
        }
        assertThat(spkiOid(pki.caCertificate().getPublicKey())).isEqualTo(RSASSA_PSS);
        // A PSS key cannot encrypt, so its leaf does not claim keyEncipherment.
        boolean[] usage = pki.leafCertificate().certificate().getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isFalse();
        assertThat(SignatureScheme.keyTypeOf(pki.leaf().privateKey())).isEqualTo(SignatureScheme.KeyType.RSA_PSS);
    }

    @Test
    void verifierAcceptsChainsSignedWithRsassaPss() {
        GeneratedPki allPss = PSS.ca("PSS root").intermediate("PSS issuing").leaf("localhost");
        assertAccepted(allPss, PeerRole.SERVER);
        // A PSS CA certifying an EC leaf, and an EC CA certifying a PSS leaf.
        GeneratedPki pssCaEcLeaf = CertificateGenerator.ec().now(NOW).ca(PSS.ca("PSS root").root()).leaf("localhost");
        assertThat(pssCaEcLeaf.leafCertificate().certificate().getSigAlgOID()).isEqualTo(RSASSA_PSS);
        assertAccepted(pssCaEcLeaf, PeerRole.SERVER);
        GeneratedPki ecCaPssLeaf = PSS.ca(CertificateGenerator.ec().now(NOW).ca("EC root").root()).leaf("localhost");
        assertAccepted(ecCaPssLeaf, PeerRole.CLIENT);
        // An rsaEncryption CA may sign with RSASSA-PSS too (SHA384withRSAandMGF1).
        GeneratedPki rsaCaPssSignature = CertificateGenerator.rsa().now(NOW).ca("RSA root")
                .leaf(b -> b.signatureAlgorithm("SHA384withRSAandMGF1"), "localhost");
        assertThat(rsaCaPssSignature.leafCertificate().certificate().getSigAlgOID()).isEqualTo(RSASSA_PSS);
        assertAccepted(rsaCaPssSignature, PeerRole.SERVER);
    }

    @Test
    void restrictedCaSignsWithItsOwnHash() {
        GeneratedPki pki = CertificateGenerator.rsaPss("SHA-384").now(NOW).ca("PSS SHA-384 root").leaf("localhost");
        RSAKey caKey = (RSAKey) pki.caCertificate().getPublicKey();
        assertThat(caKey.getParams()).isInstanceOfSatisfying(PSSParameterSpec.class,
                p -> assertThat(p.getDigestAlgorithm()).isEqualTo("SHA-384"));
        assertThat(fitting(pki.leaf().privateKey())).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA384);
        assertAccepted(pki, PeerRole.SERVER);
    }

    @Test
    void policyJudgesRsassaPssKeysLikeRsa() {
        SecurityPolicy policy = SecurityPolicy.defaults();
        assertThat(policy.keyProblem(KeyType.rsaPss(2048, null).generate().getPublic())).isEmpty();
        assertThat(policy.keyProblem(KeyType.rsaPss(1024, "SHA-256").generate().getPublic()))
                .hasValueSatisfying(p -> assertThat(p).contains("1024 bits, fewer than the 2048 required"));
        GeneratedPki weakLeaf = PSS.ca("PSS root").leaf(b -> b.keyType(KeyType.rsaPss(1024, null)), "localhost");
        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> new PkixCertificateVerifier(weakLeaf.trustAnchors()).verify(weakLeaf.chain(), "localhost", NOW, PeerRole.SERVER));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void pemRoundTripKeepsTheRsassaPssKey() {
        GeneratedPki pki = CertificateGenerator.rsaPss("SHA-256").now(NOW).ca("PSS root").leaf("localhost");
        GeneratedPki.PemFiles files = pki.writePem(dir);
        KeyMaterial loaded = KeyMaterial.fromPem(files.chain(), files.key());
        assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("RSASSA-PSS");
        assertThat(fitting(loaded.privateKey())).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA256);
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(pki.leaf().privateKey().getEncoded());
    }

    @Test
    void keyOfAnotherRsassaPssCertificateIsRejected() {
        GeneratedPki.PemFiles first = PSS.ca("A").leaf("localhost").writePem(dir.resolve("a"));
        GeneratedPki.PemFiles second = PSS.ca("B").leaf("localhost").writePem(dir.resolve("b"));
        assertThatThrownBy(() -> KeyMaterial.fromPem(first.chain(), second.key())).isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("does not hold the private key");
    }

    @Test
    void loadsWhatOpensslGenpkeyAndReqWrite() throws Exception {
        OpenSsl.assumeInstalled();
        OpenSsl.runOk(dir, "req", "-x509", "-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048", "-nodes",
                "-keyout", "plain.key", "-out", "plain.pem", "-subj", "/CN=localhost", "-days", "3");
        OpenSsl.runOk(dir, "genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048",
                "-pkeyopt", "rsa_pss_keygen_md:sha512", "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha512",
                "-pkeyopt", "rsa_pss_keygen_saltlen:64", "-out", "sha512.key");
        OpenSsl.runOk(dir, "req", "-x509", "-key", "sha512.key", "-out", "sha512.pem", "-subj", "/CN=localhost", "-days", "3");
        assertThat(java.nio.file.Files.readString(dir.resolve("plain.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        KeyMaterial plain = KeyMaterial.fromPem(dir.resolve("plain.pem"), dir.resolve("plain.key"));
        assertThat(spkiOid(plain.leaf().getPublicKey())).isEqualTo(RSASSA_PSS);
        assertThat(fitting(plain.privateKey())).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA256,
                SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512);
        KeyMaterial restricted = KeyMaterial.fromPem(dir.resolve("sha512.pem"), dir.resolve("sha512.key"));
        assertThat(fitting(restricted.privateKey())).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA512);
        assertThat(fitting(restricted.leaf().getPublicKey())).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA512);
        // openssl's self-signed PSS certificates verify as trust anchors of themselves.
        assertThatCode(() -> new PkixCertificateVerifier(TrustAnchors.of(restricted.chain()))
                .verify(restricted.chain(), "localhost", Instant.now(), PeerRole.SERVER)).doesNotThrowAnyException();

        // The same modulus as an rsaEncryption key is not the PSS certificate's key: the key types must agree.
        java.security.interfaces.RSAPrivateCrtKey pss = (java.security.interfaces.RSAPrivateCrtKey) plain.privateKey();
        Pem.writePrivateKey(dir.resolve("plain-as-rsa.key"), java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(pss.getModulus(), pss.getPublicExponent(), pss.getPrivateExponent(),
                        pss.getPrimeP(), pss.getPrimeQ(), pss.getPrimeExponentP(), pss.getPrimeExponentQ(), pss.getCrtCoefficient())));
        assertThatThrownBy(() -> KeyMaterial.fromPem(dir.resolve("plain.pem"), dir.resolve("plain-as-rsa.key")))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("certificate key is RSASSA-PSS, private key is RSA");
    }

    @Test
    void loadsPkcs12MadeByOpenssl() throws Exception {
        OpenSsl.assumeInstalled();
        GeneratedPki pki = PSS.ca("PSS root").intermediate("PSS issuing").leaf("localhost");
        pki.writePem(dir);
        OpenSsl.runOk(dir, "pkcs12", "-export", "-in", "chain.pem", "-inkey", "key.pem", "-out", "server.p12",
                "-passout", "pass:pw");
        KeyMaterial material = KeyMaterial.fromPkcs12(dir.resolve("server.p12"), "pw".toCharArray());
        assertThat(material.chain()).containsExactlyElementsOf(pki.chain());
        assertThat(SignatureScheme.keyTypeOf(material.privateKey())).isEqualTo(SignatureScheme.KeyType.RSA_PSS);
    }

    @Test
    void opensslVerifiesTheGeneratedPssPki() throws Exception {
        OpenSsl.assumeInstalled();
        GeneratedPki pki = CertificateGenerator.rsaPss().ca("reactls PSS CA").intermediate("reactls PSS issuing")
                .leaf("localhost", "127.0.0.1");
        pki.writePem(dir);
        String result = OpenSsl.runOk(dir, "verify", "-CAfile", "ca.pem", "-untrusted", "chain.pem",
                "-purpose", "sslserver", "-verify_hostname", "localhost", "chain.pem");
        assertThat(result).contains("chain.pem: OK");
        assertThat(OpenSsl.runOk(dir, "pkey", "-in", "key.pem", "-text", "-noout")).contains("No PSS parameter restrictions");
        assertThat(OpenSsl.runOk(dir, "pkey", "-in", "key.pem", "-pubout"))
                .isEqualTo(OpenSsl.runOk(dir, "x509", "-in", "chain.pem", "-noout", "-pubkey"));
    }

    private static void assertAccepted(GeneratedPki pki, PeerRole role) {
        assertThatCode(() -> new PkixCertificateVerifier(pki.trustAnchors()).verify(pki.chain(),
                role == PeerRole.SERVER ? "localhost" : null, NOW, role)).doesNotThrowAnyException();
    }
}
