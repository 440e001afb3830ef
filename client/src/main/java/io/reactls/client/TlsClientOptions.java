package io.reactls.client;

import io.reactls.CertificateVerifier;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeHooks;
import io.reactls.TlsClientConfig;
import io.reactls.handshake.TlsConfig;
import io.reactls.internal.PublicConfigs;
import io.reactls.netty.HandshakeObserver;
import io.reactls.netty.TlsHandler;
import io.reactls.netty.TlsHandlerSettings;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client's TLS settings. What the handshake offers — versions, suites, groups, ALPN, the client certificate
 * (key material) and the trust anchors — is the {@link TlsClientConfig}; this adds: the server name (by default the host
 * the client connects to, sent as SNI unless it is an IP literal and always checked against the certificate),
 * whether the host name is verified, the handshake timeout (default 10 s), the close_notify flush timeout
 * (default 3 s) and a handshake observer (metrics). Immutable.
 */
public final class TlsClientOptions {

    private final TlsConfig config;
    /** {@link #config} as the handler takes it. */
    private final TlsClientConfig handlerConfig;
    private final String serverName;
    private final TlsHandlerSettings settings;

    private TlsClientOptions(Builder b) {
        this.config = b.hostnameVerification ? b.config
                : b.config.toBuilder().verifier(withoutHostname(b.config.verifier())).build();
        this.handlerConfig = PublicConfigs.clientConfig(config, b.hooks);
        this.serverName = b.serverName;
        this.settings = b.settings;
    }

    /**
     * Options around a public client configuration (and its hooks), to which the builder adds the server name,
     * timeouts and observers.
     *
     * @param config the client configuration
     * @return a builder
     */
    public static Builder builder(TlsClientConfig config) {
        return new Builder(PublicConfigs.engineConfig(config)).hooks(config.hooks());
    }

    /**
     * A public client configuration with the default server name (the host connected to), timeouts and no observer.
     *
     * @param config the client configuration
     * @return the options
     */
    public static TlsClientOptions of(TlsClientConfig config) {
        return builder(config).build();
    }

    /** Options around an engine-level client config: for this package's tests, which set its clock. */
    static Builder builder(TlsConfig config) {
        return new Builder(config);
    }

    /** The engine-level configuration (its ALPN decides HttpsClient's protocols). */
    TlsConfig config() {
        return config;
    }

    /**
     * The configured server name, or null to use the connection's remote host.
     *
     * @return the server name, or null
     */
    public String serverName() {
        return serverName;
    }

    /**
     * The connection settings: timeouts, observers.
     *
     * @return the settings
     */
    public TlsHandlerSettings settings() {
        return settings;
    }

    /**
     * A handler for a connection to {@code remote}; see {@link TlsHandlerSettings#truncationIsError()}.
     *
     * @param remote the address connected to
     * @param truncationIsError whether a close without close_notify errors the inbound
     * @return a new handler
     */
    public TlsHandler newHandler(SocketAddress remote, boolean truncationIsError) {
        String name = serverName != null ? serverName
                : remote instanceof InetSocketAddress inet ? inet.getHostString() : null;
        // The port joins the name as the key of the session caches (TLS 1.2 session ids, TLS 1.2 and 1.3 tickets).
        int port = remote instanceof InetSocketAddress inet ? inet.getPort() : -1;
        return TlsHandler.client(handlerConfig, name, port, settings.withTruncationIsError(truncationIsError));
    }

    private static CertificateVerifier withoutHostname(CertificateVerifier verifier) {
        return (chain, hostname, now, role) -> verifier.verify(chain, null, now, role);
    }

    /** Builds {@link TlsClientOptions}. */
    public static final class Builder {
        private TlsConfig config;
        private String serverName;
        private boolean hostnameVerification = true;
        private TlsHandlerSettings settings = TlsHandlerSettings.defaults();
        private HandshakeHooks hooks = HandshakeHooks.none();

        private Builder(TlsConfig config) {
            if (!config.isClient()) {
                throw new IllegalArgumentException("a TLS client needs a client config (TlsConfig.client())");
            }
            this.config = config;
        }

        /**
         * Sent as SNI and verified instead of the host connected to (e.g. when connecting by IP address).
         *
         * @param name the server name
         * @return this builder
         */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /**
         * Off: the chain is still verified, but not the name in it. For tests and pinned setups only.
         *
         * @param verify whether to check the host name
         * @return this builder
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Client authentication: signs the CertificateVerify with the client key through {@code signer}, without
         * blocking (a key in a KMS, an HSM or a smart card). The Mono may complete later on any thread; the handshake
         * timeout covers the wait. Required for a key with no private part here ({@link io.reactls.KeyMaterial#remote}).
         *
         * @param signer the signer
         * @return this builder
         */
        public Builder privateKeySigner(io.reactls.PrivateKeySigner signer) {
            hooks = hooks.withPrivateKeySigner(signer);
            return this;
        }

        /**
         * A further, asynchronous check of the server chain once the config's verifier (chain, dates, hostname)
         * accepted it: revocation, pinning, a policy service. Complete empty to accept; an error rejects with its
         * alert (bad_certificate unless it is a {@link io.reactls.TlsAlertException}).
         *
         * @param verifier the further check
         * @return this builder
         */
        public Builder certificateVerifier(io.reactls.AsyncCertificateVerifier verifier) {
            hooks = hooks.withCertificateVerifier(verifier);
            return this;
        }

        /**
         * Checks server certificates' revocation with {@code checker} instead of the {@link OnlineRevocationChecker}
         * that a config with a {@link io.reactls.RevocationPolicy} other than OFF gets by default (e.g. one on your own
         * {@code HttpClient}: {@link OnlineRevocationChecker#create(io.reactls.RevocationPolicy, Duration,
         * io.reactls.TrustAnchors, java.time.Clock, reactor.netty.http.client.HttpClient)}).
         *
         * @param checker the revocation checker
         * @return this builder
         */
        public Builder revocationChecker(io.reactls.RevocationChecker checker) {
            hooks = hooks.withRevocationChecker(checker);
            return this;
        }

        /**
         * All hooks at once, replacing those set before.
         *
         * @param h the hooks
         * @return this builder
         */
        public Builder hooks(HandshakeHooks h) {
            hooks = Objects.requireNonNull(h, "hooks");
            return this;
        }

        /**
         * Zero disables the timeout.
         * How long a handshake may take; zero disables the timeout.
         *
         * @param t the timeout
         * @return this builder
         */
        public Builder handshakeTimeout(Duration t) {
            settings = settings.withHandshakeTimeout(Objects.requireNonNull(t));
            return this;
        }

        /**
         * How long closing waits for close_notify to be written before closing the transport anyway.
         *
         * @param t the timeout
         * @return this builder
         */
        public Builder closeNotifyFlushTimeout(Duration t) {
            settings = settings.withCloseNotifyFlushTimeout(Objects.requireNonNull(t));
            return this;
        }

        /**
         * Observes every handshake: start, success, failure (for metrics).
         *
         * @param o the observer
         * @return this builder
         */
        public Builder observer(HandshakeObserver o) {
            settings = settings.withObserver(Objects.requireNonNull(o));
            return this;
        }

        /**
         * Receives each handshake step as it happens.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onHandshakeEvent(Consumer<HandshakeEvent> listener) {
            settings = settings.withEventListener(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         */
        public TlsClientOptions build() {
            hooks.checkCanServe(config.keyMaterial());
            if (config.revocationPolicy() != io.reactls.RevocationPolicy.OFF && hooks.revocationChecker() == null) {
                hooks = hooks.withRevocationChecker(OnlineRevocationChecker.create(config.revocationPolicy(),
                        config.revocationTimeout(), config.trustAnchors(), config.clock()));
            }
            settings = settings.withHooks(hooks);
            return new TlsClientOptions(this);
        }
    }
}
