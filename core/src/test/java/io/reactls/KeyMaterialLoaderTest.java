package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.testing.OpenSsl;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeyMaterialLoader}, through the factories of {@link KeyMaterial} it serves. */
class KeyMaterialLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsWhatGeneratedPkiWrites() {
        GeneratedPki pki = CertificateGenerator.ec().ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        GeneratedPki.PemFiles files = pki.writePem(dir);
        KeyMaterial material = KeyMaterial.fromPem(files.chain(), files.key());
        assertThat(material.chain()).containsExactlyElementsOf(pki.chain());
        assertThat(Pem.encodePrivateKey(material.privateKey())).isEqualTo(Pem.encodePrivateKey(pki.leafCertificate().privateKey()));
        assertThat(Pem.readCertificates(files.ca())).containsExactly(pki.caCertificate());
    }

    @Test
    void keyOfAnotherCertificateIsRejected() {
        GeneratedPki one = CertificateGenerator.ec().ca("Root CA").leaf("one");
        GeneratedPki two = CertificateGenerator.ec().ca("Root CA").leaf("two");
        GeneratedPki.PemFiles first = one.writePem(dir.resolve("one"));
        GeneratedPki.PemFiles second = two.writePem(dir.resolve("two"));
        assertThatThrownBy(() -> KeyMaterial.fromPem(first.chain(), second.key()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage(second.key() + " does not hold the private key of the first certificate in " + first.chain());
    }

    @Test
    void rsaKeyOfAnotherCertificateIsRejected() {
        CertificateGenerator rsa = CertificateGenerator.of(KeyType.rsa(1024));
        GeneratedPki.PemFiles first = rsa.ca("Root CA").leaf("one").writePem(dir.resolve("one"));
        GeneratedPki.PemFiles second = rsa.ca("Root CA").leaf("two").writePem(dir.resolve("two"));
        assertThatThrownBy(() -> KeyMaterial.fromPem(first.chain(), second.key())).isInstanceOf(KeyMaterialException.class);
        GeneratedPki.PemFiles ec = CertificateGenerator.ec().ca("Root CA").leaf("three").writePem(dir.resolve("three"));
        assertThatThrownBy(() -> KeyMaterial.fromPem(first.chain(), ec.key()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageContaining("certificate key is RSA, private key is EC");
    }

    @Test
    void keyFileIsReadableByOwnerOnly() throws Exception {
        GeneratedPki.PemFiles files = CertificateGenerator.ec().ca("Root CA").leaf("localhost").writePem(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void loadsPkcs12() throws Exception {
        GeneratedPki pki = CertificateGenerator.rsa().ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        char[] password = "changeit".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", pki.caCertificate());
        store.setKeyEntry("server", pki.leaf().privateKey(), password, pki.chain().toArray(Certificate[]::new));
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        KeyMaterial material = KeyMaterial.fromPkcs12(file, password);
        // The JDK rebuilds the chain from all certificates in the store, so the stored root is appended.
        assertThat(material.chain()).startsWith(pki.chain().toArray(X509Certificate[]::new)).endsWith(pki.caCertificate());
        assertThat(material.privateKey().getEncoded()).isEqualTo(pki.leaf().privateKey().getEncoded());

        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(file, "wrong".toCharArray()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("cannot read PKCS#12 file " + file + " (wrong password or not PKCS#12?)");
    }

    @Test
    void pkcs12WithoutKeyIsAnError() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", CertificateGenerator.ec().ca("Root CA").root().certificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "pw".toCharArray());
        }
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(file, "pw".toCharArray()))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage("PKCS#12 file " + file + " contains no private key entry");
    }

    @Test
    void loadsPkcs12MadeByOpenssl() throws Exception {
        OpenSsl.assumeInstalled();
        GeneratedPki pki = CertificateGenerator.ec().ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        pki.writePem(dir);
        OpenSsl.runOk(dir, "pkcs12", "-export", "-in", "chain.pem", "-inkey", "key.pem", "-out", "server.p12",
                "-passout", "pass:pw");
        KeyMaterial material = KeyMaterial.fromPkcs12(dir.resolve("server.p12"), "pw".toCharArray());
        assertThat(material.chain()).containsExactlyElementsOf(pki.chain());
        assertThat(material.leaf()).isEqualTo(pki.leafCertificate().certificate());
    }
}
