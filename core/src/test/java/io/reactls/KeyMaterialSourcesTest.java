package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material and trust from the places applications keep them: PEM, PKCS#12 by alias, JKS, JSSE factories. */
class KeyMaterialSourcesTest {

    static final GeneratedPki FIRST = CertificateGenerator.ec().ca("first CA").leaf("first.example");
    static final GeneratedPki SECOND = CertificateGenerator.rsa().ca("second CA").leaf("second.example");
    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private static KeyStore storeWithTwoKeys(String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("first", FIRST.leaf().privateKey(), PASSWORD, FIRST.leaf().chain().toArray(new Certificate[0]));
        store.setKeyEntry("second", SECOND.leaf().privateKey(), PASSWORD, SECOND.leaf().chain().toArray(new Certificate[0]));
        store.setCertificateEntry("ca", SECOND.caCertificate());
        return store;
    }

    private Path write(KeyStore store, String name) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return file;
    }

    @Test
    void pemWithAndWithoutPassword() {
        GeneratedPki.PemFiles files = FIRST.writePem(dir);
        assertThat(KeyMaterial.fromPem(files.chain(), files.key()).leaf()).isEqualTo(FIRST.leaf().leaf());
        assertThat(TrustAnchors.fromPem(files.ca()).contains(FIRST.caCertificate())).isTrue();
    }

    @Test
    void pkcs12ByAlias() throws Exception {
        Path p12 = write(storeWithTwoKeys("PKCS12"), "keys.p12");
        assertThat(KeyMaterial.fromPkcs12(p12, PASSWORD, "second").leaf()).isEqualTo(SECOND.leaf().leaf());
        assertThat(KeyMaterial.fromPkcs12(p12, PASSWORD, "first").leaf()).isEqualTo(FIRST.leaf().leaf());
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(p12, PASSWORD, "third"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("'third'");
        assertThatThrownBy(() -> KeyMaterial.fromPkcs12(p12, PASSWORD, "ca"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("'ca'");
    }

    @Test
    void jksByAliasAndTrustStore() throws Exception {
        Path jks = write(storeWithTwoKeys("JKS"), "keys.jks");
        assertThat(KeyMaterial.fromJks(jks, PASSWORD, "second", PASSWORD).chain()).isEqualTo(SECOND.leaf().chain());
        assertThatThrownBy(() -> KeyMaterial.fromJks(jks, "wrong".toCharArray(), "second", PASSWORD))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("wrong password");
        KeyStore loaded = KeyStore.getInstance("JKS");
        try (var in = Files.newInputStream(jks)) {
            loaded.load(in, PASSWORD);
        }
        assertThat(TrustAnchors.fromKeyStore(loaded).certificates()).containsExactly(SECOND.caCertificate());
    }

    @Test
    void jsseFactoryBridges() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(storeWithTwoKeys("PKCS12"), PASSWORD);
        assertThat(KeyMaterial.fromKeyManagerFactory(kmf, "first").privateKey()).isEqualTo(FIRST.leaf().privateKey());
        assertThatThrownBy(() -> KeyMaterial.fromKeyManagerFactory(kmf, "none")).isInstanceOf(KeyMaterialException.class);

        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(storeWithTwoKeys("PKCS12"));
        assertThat(TrustAnchors.fromTrustManagerFactory(tmf).contains(SECOND.caCertificate())).isTrue();
    }
}
