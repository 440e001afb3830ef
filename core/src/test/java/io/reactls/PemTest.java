package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.testing.OpenSsl;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void privateKeysRoundTripAsPkcs8() {
        for (KeyType type : List.of(KeyType.rsa(1024), KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519)) {
            PrivateKey key = type.generate().getPrivate();
            String pem = Pem.encodePrivateKey(key);
            assertThat(pem).as(type.toString()).startsWith("-----BEGIN PRIVATE KEY-----");
            // Compared in our canonical PKCS#8 form (EC keys carry their public key, which the JDK's encoding omits).
            assertThat(Pem.encodePrivateKey(Pem.parsePrivateKey(pem, "test", null))).as(type.toString()).isEqualTo(pem);
        }
    }

    @Test
    void readsTraditionalPkcs1RsaKey() throws Exception {
        KeyPair pair = KeyType.rsa(1024).generate();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair); // BC writes RSA key pairs in the traditional PKCS#1 form
        }
        assertThat(out.toString()).contains("BEGIN RSA PRIVATE KEY");
        assertSameKey(Pem.parsePrivateKey(out.toString(), "test", null), pair.getPrivate());
    }

    @Test
    void readsSec1EcKeyWithAndWithoutItsOptionalPublicKey() throws Exception {
        KeyPair pair = KeyType.EC_P256.generate();
        ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
        ASN1ObjectIdentifier p256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
        DERBitString point = new DERBitString(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData().getOctets());
        for (org.bouncycastle.asn1.sec.ECPrivateKey sec1 : List.of(
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), point, p256),
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), p256))) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
            assertSameKey(Pem.parsePrivateKey(out.toString(), "test", null), key);
        }
    }

    /** Encodings of one key may differ (SEC1's optional fields), so compare the secret values. */
    private static void assertSameKey(PrivateKey actual, PrivateKey expected) {
        if (expected instanceof ECPrivateKey ec) {
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(ec.getS());
        } else if (expected instanceof RSAPrivateKey rsa) {
            assertThat(((RSAPrivateKey) actual).getPrivateExponent()).isEqualTo(rsa.getPrivateExponent());
            assertThat(((RSAPrivateKey) actual).getModulus()).isEqualTo(rsa.getModulus());
        } else {
            assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
        }
    }

    @Test
    void readsEncryptedPkcs8WithItsPassword() throws Exception {
        PrivateKey key = KeyType.EC_P256.generate().getPrivate();
        String pem = encryptedPkcs8(key, "s3cret".toCharArray());
        assertThat(pem).contains("BEGIN ENCRYPTED PRIVATE KEY");
        assertThat(Pem.parsePrivateKey(pem, "key.pem", "s3cret".toCharArray()).getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> Pem.parsePrivateKey(pem, "key.pem", null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage("the private key in key.pem is encrypted and no password was given");
        assertThatThrownBy(() -> Pem.parsePrivateKey(pem, "key.pem", "wrong".toCharArray()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("cannot decrypt the private key in key.pem");
    }

    private static String encryptedPkcs8(PrivateKey key, char[] password) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(password).build()));
        }
        return out.toString();
    }

    @Test
    void certificatesRoundTripInOrder() {
        GeneratedPki pki = CertificateGenerator.ec().ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        Path file = dir.resolve("chain.pem");
        Pem.writeCertificates(file, pki.chain());
        assertThat(Pem.readCertificates(file)).containsExactlyElementsOf(pki.chain());
    }

    @Test
    void certificateFileWithoutCertificatesIsAnError() throws Exception {
        Path keyOnly = dir.resolve("key-only.pem");
        Files.writeString(keyOnly, Pem.encodePrivateKey(KeyType.EC_P256.generate().getPrivate()));
        assertThatThrownBy(() -> Pem.readCertificates(keyOnly))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage(keyOnly + " contains no PEM CERTIFICATE block");
    }

    @Test
    void keyFileWithoutKeyIsAnError() {
        GeneratedPki pki = CertificateGenerator.ec().ca("Root CA").leaf("localhost");
        String certificatesOnly = Pem.encodeCertificates(pki.chain());
        assertThatThrownBy(() -> Pem.parsePrivateKey(certificatesOnly, "chain.pem", null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("chain.pem contains no private key");
    }

    @Test
    void twoKeysAreAnError() {
        String two = Pem.encodePrivateKey(KeyType.EC_P256.generate().getPrivate())
                + Pem.encodePrivateKey(KeyType.EC_P256.generate().getPrivate());
        assertThatThrownBy(() -> Pem.parsePrivateKey(two, "keys.pem", null))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage("keys.pem contains more than one private key");
    }

    @Test
    void derFileIsReportedAsNotPem() throws Exception {
        X509Certificate certificate = CertificateGenerator.ec().ca("Root CA").root().certificate();
        Path der = dir.resolve("ca.der");
        Files.write(der, certificate.getEncoded());
        assertThatThrownBy(() -> Pem.readCertificates(der))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith(der + " is not PEM");
    }

    @Test
    void corruptBase64IsReported() {
        String corrupt = "-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> Pem.parseCertificates(corrupt, "bad.pem"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("bad.pem");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> Pem.readCertificates(missing))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("cannot read " + missing);
    }

    @Test
    void readsKeysAndCertificatesMadeByOpenssl() throws Exception {
        OpenSsl.assumeInstalled();
        OpenSsl.runOk(dir, "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
        OpenSsl.runOk(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.pem"); // with an EC PARAMETERS block
        OpenSsl.runOk(dir, "genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
        OpenSsl.runOk(dir, "pkcs8", "-topk8", "-in", "sec1.pem", "-out", "enc.pem", "-v2", "aes-256-cbc", "-passout", "pass:pw");
        OpenSsl.runOk(dir, "req", "-x509", "-new", "-key", "sec1.pem", "-subj", "/CN=openssl", "-days", "1", "-out", "cert.pem");

        assertThat(Files.readString(dir.resolve("rsa1.pem"), StandardCharsets.US_ASCII)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Pem.readPrivateKey(dir.resolve("rsa1.pem")).getAlgorithm()).isEqualTo("RSA");
        assertThat(Files.readString(dir.resolve("sec1.pem"), StandardCharsets.US_ASCII)).contains("BEGIN EC PRIVATE KEY");
        PrivateKey ec = Pem.readPrivateKey(dir.resolve("sec1.pem"));
        assertThat(ec.getAlgorithm()).isEqualTo("EC");
        assertThat(Pem.readPrivateKey(dir.resolve("ed25519.pem")).getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertSameKey(Pem.readPrivateKey(dir.resolve("enc.pem"), "pw".toCharArray()), ec);
        KeyMaterial material = KeyMaterial.fromPem(dir.resolve("cert.pem"), dir.resolve("sec1.pem"));
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=openssl");
    }

    @Test
    void opensslReadsWhatWeWrite() throws Exception {
        OpenSsl.assumeInstalled();
        for (KeyType type : List.of(KeyType.rsa(1024), KeyType.EC_P384, KeyType.ED25519)) {
            Path key = dir.resolve("key-" + type.algorithm() + type.bits() + ".pem");
            Pem.writePrivateKey(key, type.generate().getPrivate());
            OpenSsl.runOk(dir, "pkey", "-in", key.getFileName().toString(), "-noout");
        }
    }
}
