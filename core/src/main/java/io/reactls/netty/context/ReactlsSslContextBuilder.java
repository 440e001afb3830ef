package io.reactls.netty.context;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.reactls.KeyMaterial;
import io.reactls.TrustAnchors;
import io.reactls.handshake.TlsConfig;
import io.reactls.jsse.ReactlsProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a {@link ReactlsSslContext} the way Netty's {@code SslContextBuilder} builds its contexts:
 *
 * <pre>{@code
 * SslContext server = ReactlsSslContextBuilder.forServer(keyMaterial)
 *         .alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
 *         .build();
 * HttpServer.create().protocol(HttpProtocol.H2, HttpProtocol.HTTP11).secure(spec -> spec.sslContext(server));
 *
 * SslContext client = ReactlsSslContextBuilder.forClient().trustManager(trustAnchors).build();
 * }</pre>
 *
 * Key material is either reactls's {@link KeyMaterial} or a {@link KeyManagerFactory} (JKS, PKCS#12, several
 * entries); trust is {@link TrustAnchors} (verified by reactls's own verifier), a {@link TrustManagerFactory}, or
 * certificates. Without trust, a client trusts the JDK's default anchors. Protocols and ciphers use the JSSE names
 * ({@code TLSv1.3}, IANA suite names).
 */
public final class ReactlsSslContextBuilder {

    private final boolean client;
    private KeyMaterial keyMaterial;
    private KeyManagerFactory keyManagerFactory;
    private TrustAnchors trustAnchors;
    private TrustManagerFactory trustManagerFactory;
    private Iterable<String> ciphers;
    private String[] protocols;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private ApplicationProtocolConfig alpn = ApplicationProtocolConfig.DISABLED;
    private boolean startTls;
    private io.reactls.PrivateKeySigner signer;
    private io.reactls.RsaDecrypter decrypter;
    private io.reactls.AsyncCertificateVerifier certificateCheck;

    private ReactlsSslContextBuilder(boolean client) {
        this.client = client;
    }

    /**
     * A client context builder, trusting the JDK's CAs until told otherwise.
     *
     * @return a new builder
     */
    public static ReactlsSslContextBuilder forClient() {
        return new ReactlsSslContextBuilder(true);
    }

    /**
     * A server context builder serving one certificate.
     *
     * @param keyMaterial the certificate chain and key
     * @return a new builder
     */
    public static ReactlsSslContextBuilder forServer(KeyMaterial keyMaterial) {
        return new ReactlsSslContextBuilder(false).keyManager(keyMaterial);
    }

    /**
     * A server whose certificate a key manager chooses per connection (by key type and SNI).
     *
     * @param keyManagerFactory an initialised key manager factory
     * @return a new builder
     */
    public static ReactlsSslContextBuilder forServer(KeyManagerFactory keyManagerFactory) {
        return new ReactlsSslContextBuilder(false).keyManager(keyManagerFactory);
    }

    /**
     * Our certificate and key: the server's, or the client's for client authentication.
     *
     * @param keyMaterial the certificate chain and key
     * @return this builder
     */
    public ReactlsSslContextBuilder keyManager(KeyMaterial keyMaterial) {
        this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
        this.keyManagerFactory = null;
        return this;
    }

    /**
     * Our certificates, chosen per connection by a key manager.
     *
     * @param factory an initialised key manager factory
     * @return this builder
     */
    public ReactlsSslContextBuilder keyManager(KeyManagerFactory factory) {
        this.keyManagerFactory = Objects.requireNonNull(factory, "factory");
        this.keyMaterial = null;
        return this;
    }

    /**
     * The CAs peer chains must lead to.
     *
     * @param anchors the trusted CAs
     * @return this builder
     */
    public ReactlsSslContextBuilder trustManager(TrustAnchors anchors) {
        this.trustAnchors = Objects.requireNonNull(anchors, "anchors");
        this.trustManagerFactory = null;
        return this;
    }

    /**
     * Peer chains checked by a JSSE trust manager.
     *
     * @param factory an initialised trust manager factory
     * @return this builder
     */
    public ReactlsSslContextBuilder trustManager(TrustManagerFactory factory) {
        this.trustManagerFactory = Objects.requireNonNull(factory, "factory");
        this.trustAnchors = null;
        return this;
    }

    /**
     * The CAs peer chains must lead to.
     *
     * @param certificates the trusted CA certificates
     * @return this builder
     */
    public ReactlsSslContextBuilder trustManager(X509Certificate... certificates) {
        return trustManager(TrustAnchors.of(Arrays.asList(certificates)));
    }

    /**
     * The cipher suites, in preference order.
     *
     * @param cipherSuites IANA names, or null for the defaults
     * @return this builder
     */
    public ReactlsSslContextBuilder ciphers(Iterable<String> cipherSuites) {
        this.ciphers = cipherSuites;
        return this;
    }

    /**
     * The protocol versions.
     *
     * @param protocols {@code TLSv1.3}, {@code TLSv1.2}; none restores both
     * @return this builder
     */
    public ReactlsSslContextBuilder protocols(String... protocols) {
        this.protocols = protocols == null || protocols.length == 0 ? null : protocols.clone();
        return this;
    }

    /**
     * Server: whether to ask for a client certificate.
     *
     * @param clientAuth Netty's client-auth mode
     * @return this builder
     */
    public ReactlsSslContextBuilder clientAuth(ClientAuth clientAuth) {
        this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
        return this;
    }

    /**
     * ALPN exactly as Netty's builders take it.
     *
     * @param config the ALPN configuration, or null for none
     * @return this builder
     */
    public ReactlsSslContextBuilder applicationProtocolConfig(ApplicationProtocolConfig config) {
        this.alpn = config == null ? ApplicationProtocolConfig.DISABLED : config;
        return this;
    }

    /**
     * ALPN with these protocols in preference order (e.g. {@link ApplicationProtocolNames#HTTP_2},
     * {@link ApplicationProtocolNames#HTTP_1_1}); a server picks the first one the client offers and proceeds without
     * ALPN when there is none, as browsers and curl expect.
     *
     * @param protocols the protocol names, preferred first
     * @return this builder
     */
    public ReactlsSslContextBuilder alpn(String... protocols) {
        return applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, List.of(protocols)));
    }

    /**
     * Whether the first write goes out in the clear (STARTTLS).
     *
     * @param startTls whether to start in the clear
     * @return this builder
     */
    public ReactlsSslContextBuilder startTls(boolean startTls) {
        this.startTls = startTls;
        return this;
    }

    /**
     * reactls's asynchronous hooks (each may be null): a signer and an RSA decrypter for a key held in a KMS or HSM
     * ({@link KeyMaterial#remote}), and a certificate policy run after the trust anchors. Their work becomes
     * {@code SSLEngine} delegated tasks that wait for the hook, so give the {@code SslHandler} an executor that may
     * block ({@code ctx.newHandler(alloc, executor)}). Only with {@link KeyMaterial} and {@link TrustAnchors}.
     *
     * @param signer signs with a remote key, or null
     * @param decrypter decrypts the TLS 1.2 RSA key exchange with a remote key, or null
     * @param certificateCheck a further check of peer chains, or null
     * @return this builder
     */
    public ReactlsSslContextBuilder hooks(io.reactls.PrivateKeySigner signer, io.reactls.RsaDecrypter decrypter,
                                          io.reactls.AsyncCertificateVerifier certificateCheck) {
        this.signer = signer;
        this.decrypter = decrypter;
        this.certificateCheck = certificateCheck;
        return this;
    }

    /**
     * Builds the context.
     *
     * @return Netty's {@code SslContext} over reactls
     * @throws SSLException when the key or trust managers do not initialise
     */
    public ReactlsSslContext build() throws SSLException {
        if (!client && keyMaterial == null && keyManagerFactory == null) {
            throw new IllegalStateException("a server needs key material or a KeyManagerFactory");
        }
        // Netty's own default list would enable CBC and RSA key-exchange suites, which reactls keeps opt-in.
        Iterable<String> suites = ciphers != null ? ciphers
                : TlsConfig.DEFAULT_SUITES.stream().map(Enum::name).toList();
        return new ReactlsSslContext(sslContext(), client, suites, alpn, clientAuth, protocols, startTls);
    }

    private SSLContext sslContext() throws SSLException {
        if (keyManagerFactory == null && trustManagerFactory == null) {
            return ReactlsProvider.sslContext(keyMaterial, trustAnchors, signer, decrypter, certificateCheck);
        }
        if (signer != null || decrypter != null || certificateCheck != null) {
            throw new IllegalStateException("the asynchronous hooks need KeyMaterial and TrustAnchors, not JSSE factories");
        }
        try {
            KeyManager[] kms = keyManagerFactory != null ? keyManagerFactory.getKeyManagers()
                    : keyMaterial != null ? keyManagers(keyMaterial) : null;
            TrustManager[] tms = trustManagerFactory != null ? trustManagerFactory.getTrustManagers()
                    : trustAnchors != null ? trustManagers(trustAnchors) : null;
            SSLContext ctx = SSLContext.getInstance("TLS", new ReactlsProvider());
            ctx.init(kms, tms, null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new SSLException("cannot build the reactls SSLContext: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(KeyMaterial key) throws GeneralSecurityException, java.io.IOException {
        char[] password = new char[0];
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", key.privateKey(), password, key.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory f = KeyManagerFactory.getInstance("PKIX");
        f.init(ks, password);
        return f.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TrustAnchors anchors) throws GeneralSecurityException, java.io.IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (X509Certificate c : anchors.certificates()) {
            ks.setCertificateEntry("anchor" + i++, c);
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(ks);
        return f.getTrustManagers();
    }
}
