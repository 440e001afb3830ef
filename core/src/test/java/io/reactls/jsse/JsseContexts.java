package io.reactls.jsse;

import io.reactls.KeyMaterial;
import io.reactls.testing.TestPki;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** SSLContexts for the tests: reactls's or SunJSSE's, with the test PKI's keys in standard key and trust managers. */
final class JsseContexts {

    static final char[] PASSWORD = "changeit".toCharArray();

    /** Which implementation a parameterized test runs on. */
    enum Impl {
        REACTLS, SUNJSSE;

        SSLContext context(KeyMaterial key) {
            return JsseContexts.context(this, key);
        }
    }

    private JsseContexts() {
    }

    static SSLContext context(Impl impl, KeyMaterial key) {
        try {
            SSLContext ctx = impl == Impl.REACTLS ? SSLContext.getInstance("TLS", new ReactlsProvider())
                    : SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(key == null ? null : keyManagers(key).getKeyManagers(), trustManagers().getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyManagerFactory keyManagers(KeyMaterial... keys) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (KeyMaterial key : keys) {
            ks.setKeyEntry("key" + i++, key.privateKey(), PASSWORD, key.chain().toArray(X509Certificate[]::new));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, PASSWORD);
        return kmf;
    }

    /** A trust manager that trusts nothing: every peer chain is rejected. */
    static javax.net.ssl.TrustManager emptyTrust() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        empty.setCertificateEntry("unrelated", io.reactls.CertificateGenerator.ec().caCertificate("unrelated CA").issue().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(empty);
        return tmf.getTrustManagers()[0];
    }

    static TrustManagerFactory trustManagers() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate ca : TestPki.get().trustAnchors().certificates()) {
            ts.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        return tmf;
    }
}
