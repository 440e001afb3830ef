package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.KeyMaterial;
import io.reactls.jsse.JsseContexts.Impl;
import io.reactls.testing.TestPki;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.reactls.cert.HostnameMatcher;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Standard key managers drive reactls's choice of certificate: a JKS file and a PKCS#12 file with several entries,
 * loaded through {@link KeyManagerFactory} exactly as an application loads them; the PKIX key manager picks by key type
 * (from the client's suites and signature schemes) and by SNI (from the handshake session). SunJSSE is the peer.
 */
class KeyManagerTest {

    private static final TestPki PKI = TestPki.get();
    private static final char[] PASSWORD = "store-secret".toCharArray();

    @TempDir
    Path dir;

    @Test
    void jksKeyStoreLoadsThroughKeyManagerFactory() throws Exception {
        Path jks = write("JKS", "server.jks", PKI.ecdsaServer().keyMaterial());
        SSLEngine client = Impl.SUNJSSE.context(null).createSSLEngine("localhost", 443);
        SSLEngine server = reactlsServer(load("JKS", jks, "SunX509")).createSSLEngine();
        new EngineLoop(client, server).handshake();
        assertThat(peerLeaf(client)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());
    }

    @Test
    void multiEntryPkcs12ChoosesByKeyType() throws Exception {
        Path p12 = write("PKCS12", "server.p12", PKI.ecdsaServer().keyMaterial(), PKI.rsaServer().keyMaterial());
        SSLContext reactls = reactlsServer(load("PKCS12", p12, "PKIX"));
        // Default client: ECDSA preferred.
        assertThat(handshake(reactls, "localhost", null, null)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());
        // A TLS 1.2 client that accepts only RSA-authenticated suites gets the RSA entry.
        assertThat(handshake(reactls, "localhost", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo(PKI.rsaServer().keyMaterial().leaf());
        assertThat(handshake(reactls, "localhost", "TLSv1.3", null)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());
    }

    /** An SNI-aware key manager, as servers write them, reads the requested name from the handshake session. */
    @ParameterizedTest
    @EnumSource(Impl.class)
    void keyManagerSeesTheRequestedServerNameInTheHandshakeSession(Impl impl) throws Exception {
        Path p12 = write("PKCS12", "sni.p12", PKI.ecdsaServer().keyMaterial(), PKI.sniServer().keyMaterial());
        X509ExtendedKeyManager byName = new SniKeyManager((X509ExtendedKeyManager) load("PKCS12", p12, "PKIX").getKeyManagers()[0]);
        SSLContext server = impl == Impl.REACTLS ? SSLContext.getInstance("TLS", new ReactlsProvider())
                : SSLContext.getInstance("TLS", "SunJSSE");
        server.init(new KeyManager[] {byName}, null, null);
        assertThat(handshake(server, "sni.test", null, null)).isEqualTo(PKI.sniServer().keyMaterial().leaf());
        assertThat(handshake(server, "localhost", null, null)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());
    }

    /** Picks the alias whose certificate names the SNI host the handshake session reports. */
    private static final class SniKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        SniKeyManager(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            String host = ((ExtendedSSLSession) engine.getHandshakeSession()).getRequestedServerNames().stream()
                    .filter(n -> n instanceof SNIHostName).map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse(null);
            String[] aliases = keys.getServerAliases(keyType, issuers);
            if (host == null || aliases == null) {
                return null;
            }
            for (String alias : aliases) {
                if (HostnameMatcher.matches(keys.getCertificateChain(alias)[0], host)) {
                    return alias;
                }
            }
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    @Test
    void clientCertificateFromAKeyManagerReachesTheServer() throws Exception {
        Path p12 = write("PKCS12", "client.p12", PKI.client().keyMaterial());
        SSLContext reactlsClient = SSLContext.getInstance("TLS", new ReactlsProvider());
        reactlsClient.init(load("PKCS12", p12, "PKIX").getKeyManagers(), JsseContexts.trustManagers().getTrustManagers(), null);
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLEngine client = reactlsClient.createSSLEngine("localhost", 443);
            client.setEnabledProtocols(new String[] {protocol});
            SSLEngine server = Impl.SUNJSSE.context(PKI.ecdsaServer().keyMaterial()).createSSLEngine();
            server.setNeedClientAuth(true);
            new EngineLoop(client, server).handshake();
            assertThat(peerLeaf(server)).as(protocol).isEqualTo(PKI.client().keyMaterial().leaf());
            assertThat(client.getSession().getLocalCertificates()[0]).isEqualTo(PKI.client().keyMaterial().leaf());
        }
    }

    private X509Certificate handshake(SSLContext server, String sni, String protocol, String suite) throws Exception {
        SSLEngine client = Impl.SUNJSSE.context(null).createSSLEngine("localhost", 443);
        SSLParameters params = client.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(sni)));
        if (protocol != null) {
            params.setProtocols(new String[] {protocol});
        }
        if (suite != null) {
            params.setCipherSuites(new String[] {suite});
        }
        client.setSSLParameters(params);
        SSLEngine engine = server.createSSLEngine();
        new EngineLoop(client, engine).handshake();
        assertThat(engine.getSession().getLocalCertificates()[0]).isEqualTo(peerLeaf(client));
        return peerLeaf(client);
    }

    private static X509Certificate peerLeaf(SSLEngine engine) throws Exception {
        return (X509Certificate) engine.getSession().getPeerCertificates()[0];
    }

    private static SSLContext reactlsServer(KeyManagerFactory kmf) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", new ReactlsProvider());
        ctx.init(kmf.getKeyManagers(), JsseContexts.trustManagers().getTrustManagers(), null);
        return ctx;
    }

    private Path write(String type, String name, KeyMaterial... keys) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        int i = 0;
        for (KeyMaterial k : keys) {
            ks.setKeyEntry("entry" + i++, k.privateKey(), PASSWORD, k.chain().toArray(X509Certificate[]::new));
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        return file;
    }

    private static KeyManagerFactory load(String type, Path file, String algorithm) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(algorithm);
        kmf.init(ks, PASSWORD);
        return kmf;
    }
}
