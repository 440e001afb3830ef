package io.reactls.jsse;

import io.reactls.KeyMaterial;
import io.reactls.TrustAnchors;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * reactls as a JSSE provider, named "Reactls": {@code SSLContext} "TLS" (TLS 1.3 and 1.2), "TLSv1.3" and "TLSv1.2"
 * (that version only), each with {@link ReactlsSSLEngine engines}, blocking {@code SSLSocket}s and their factories.
 * Install it first to make it everyone's default, or ask for it by name:
 *
 * <pre>{@code
 * Security.insertProviderAt(new ReactlsProvider(), 1);
 * SSLContext tls = SSLContext.getInstance("TLS", "Reactls");
 * tls.init(keyManagerFactory.getKeyManagers(), trustManagerFactory.getTrustManagers(), null);
 * }</pre>
 *
 * Key managers ({@code X509ExtendedKeyManager}: JKS, PKCS#12 with several entries) and trust managers
 * ({@code X509ExtendedTrustManager}) are used as SunJSSE uses them. {@link #sslContext(KeyMaterial, TrustAnchors)}
 * builds a context from reactls's own key material and trust anchors instead.
 */
public final class ReactlsProvider extends Provider {

    private static final long serialVersionUID = 1L;

    /** The provider's name, for {@code SSLContext.getInstance("TLS", ReactlsProvider.NAME)}. */
    public static final String NAME = "Reactls";

    /** The provider, offering SSLContext {@code TLS}, {@code TLSv1.3} and {@code TLSv1.2}. */
    public ReactlsProvider() {
        super(NAME, "0.1", "reactls: TLS 1.3 and TLS 1.2 (SSLContext TLS, TLSv1.3, TLSv1.2)");
        putService(new ContextService(this, "TLS", List.of("TLSv1.3", "TLSv1.2")));
        putService(new ContextService(this, "TLSv1.3", List.of("TLSv1.3")));
        putService(new ContextService(this, "TLSv1.2", List.of("TLSv1.2")));
    }

    /**
     * An initialised {@code SSLContext} ("TLS") over reactls's own types: our certificate and key (null: none) and the
     * anchors we trust (null: the JDK's default ones). The hostname is checked when the engine's parameters ask for
     * endpoint identification "HTTPS", as with any {@code SSLContext}.
     *
     * @param keyMaterial our certificate and key, or null for none
     * @param trustAnchors the CAs we trust, or null for the JDK's
     * @return an initialised context
     */
    public static SSLContext sslContext(KeyMaterial keyMaterial, TrustAnchors trustAnchors) {
        ReactlsProvider provider = new ReactlsProvider();
        return new SSLContext(new ReactlsSSLContextSpi(EngineSettings.of(keyMaterial, trustAnchors), "TLSv1.3", "TLSv1.2"),
                provider, "TLS") {
        };
    }

    /**
     * As {@link #sslContext(KeyMaterial, TrustAnchors)}, with reactls's asynchronous hooks, for a key that never leaves
     * a KMS or HSM ({@link KeyMaterial#remote}) or a remote certificate policy: {@code signer} signs, {@code decrypter}
     * decrypts the TLS 1.2 RSA key exchange, {@code certificateCheck} runs after the trust anchors accepted the peer.
     * Each null means none. The engine hands their work out as delegated tasks ({@code NEED_TASK}) that wait for the
     * hook's {@code Mono}: run those tasks on an executor that may block (Netty: {@code new SslHandler(engine, executor)}),
     * not on an event loop.
     *
     * @param keyMaterial our certificate and key, or null for none
     * @param trustAnchors the CAs we trust, or null for the JDK's
     * @param signer signs with a remote key, or null
     * @param decrypter decrypts the TLS 1.2 RSA key exchange with a remote key, or null
     * @param certificateCheck a further check of peer chains, or null
     * @return an initialised context
     */
    public static SSLContext sslContext(KeyMaterial keyMaterial, TrustAnchors trustAnchors, io.reactls.PrivateKeySigner signer,
                                        io.reactls.RsaDecrypter decrypter, io.reactls.AsyncCertificateVerifier certificateCheck) {
        EngineSettings settings = EngineSettings.of(keyMaterial, trustAnchors).withHooks(signer, decrypter, certificateCheck);
        return new SSLContext(new ReactlsSSLContextSpi(settings, "TLSv1.3", "TLSv1.2"), new ReactlsProvider(), "TLS") {
        };
    }

    private static final class ContextService extends Service {
        private final String[] protocols;

        ContextService(Provider provider, String algorithm, List<String> protocols) {
            super(provider, "SSLContext", algorithm, ReactlsSSLContextSpi.class.getName(), List.of(), Map.of());
            this.protocols = protocols.toArray(String[]::new);
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return new ReactlsSSLContextSpi(protocols);
        }
    }
}
