package io.reactls.server;

import io.reactls.HandshakeHooks;
import io.reactls.KeyMaterial;
import io.reactls.HandshakeEvent;
import io.reactls.TlsServerConfig;
import io.reactls.handshake.TlsConfig;
import io.reactls.internal.PublicConfigs;
import io.reactls.netty.HandshakeLimiter;
import io.reactls.netty.HandshakeObserver;
import io.reactls.netty.TlsHandler;
import io.reactls.netty.TlsHandlerSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A server's TLS settings. What the handshake negotiates — key material, client-auth policy and trust, ALPN,
 * versions, suites, groups — is the {@link TlsServerConfig}; this adds how connections are run: an optional
 * per-SNI certificate resolver, the handshake timeout (default 10 s), the close_notify flush timeout (default 3 s),
 * the cap on concurrent handshakes (default none) and a handshake observer (metrics). Immutable; one instance
 * serves one server (the handshake cap is shared by its connections).
 */
public final class TlsServerOptions {

    private final TlsConfig config;
    /** {@link #config} as the handler takes it. */
    private final TlsServerConfig handlerConfig;
    private final Function<String, Mono<KeyMaterial>> resolver;
    private final TlsHandlerSettings settings;
    private final EarlyDataRequests earlyDataRequests;

    private TlsServerOptions(Builder b) {
        this.config = b.config;
        this.handlerConfig = PublicConfigs.serverConfig(b.config, b.hooks);
        this.resolver = b.resolver;
        this.earlyDataRequests = b.earlyDataRequests;
        // One limiter per options instance: every connection of the server shares the cap.
        this.settings = b.settings.withLimiter(b.maxConcurrentHandshakes > 0
                ? HandshakeLimiter.of(b.maxConcurrentHandshakes) : HandshakeLimiter.unlimited());
    }

    /**
     * Options around a public server configuration (and its hooks), whose key material is served unless a
     * certificate resolver is set.
     *
     * @param config the server configuration
     * @return a builder
     */
    public static Builder builder(TlsServerConfig config) {
        return new Builder(PublicConfigs.engineConfig(config)).hooks(config.hooks());
    }

    /**
     * A public server configuration with the default timeouts, no handshake cap and no observer.
     *
     * @param config the server configuration
     * @return the options
     */
    public static TlsServerOptions of(TlsServerConfig config) {
        return builder(config).build();
    }

    /** Options around an engine-level server config (this package's tests); its key material unless a resolver is set. */
    static Builder builder(TlsConfig config) {
        return new Builder(config);
    }

    /** Options around an engine-level server config, with the defaults otherwise (this package's tests). */
    static TlsServerOptions of(TlsConfig config) {
        return builder(config).build();
    }

    /** The engine-level configuration (its ALPN and 0-RTT limit shape HttpsServer). */
    TlsConfig config() {
        return config;
    }

    /**
     * The connection settings: timeouts, limiter, observers.
     *
     * @return the settings
     */
    public TlsHandlerSettings settings() {
        return settings;
    }

    /**
     * Which HTTP requests an {@link HttpsServer} serves from TLS 1.3 0-RTT data.
     *
     * @return the policy, {@link EarlyDataRequests#SAFE_METHODS} unless set
     */
    public EarlyDataRequests earlyDataRequests() {
        return earlyDataRequests;
    }

    /**
     * A handler for one new connection. {@code truncationIsError}: report a peer closing without close_notify as
     * an error on the inbound stream (raw TCP) or only as an event (HTTP, which frames its messages).
     *
     * @param truncationIsError whether a close without close_notify errors the inbound
     * @return a new handler
     */
    public TlsHandler newHandler(boolean truncationIsError) {
        TlsHandlerSettings s = settings.withTruncationIsError(truncationIsError);
        return resolver == null ? TlsHandler.server(handlerConfig, s) : TlsHandler.server(handlerConfig, resolver, s);
    }

    /** Builds {@link TlsServerOptions}. */
    public static final class Builder {
        private TlsConfig config;
        private Function<String, Mono<KeyMaterial>> resolver;
        private TlsHandlerSettings settings = TlsHandlerSettings.defaults();
        private int maxConcurrentHandshakes;
        private HandshakeHooks hooks = HandshakeHooks.none();
        private EarlyDataRequests earlyDataRequests = EarlyDataRequests.SAFE_METHODS;

        private Builder(TlsConfig config) {
            if (config.isClient()) {
                throw new IllegalArgumentException("a TLS server needs a server config (TlsConfig.server(...))");
            }
            this.config = config;
        }

        /**
         * Chooses the key material per ClientHello server_name (null when absent), without blocking: the Mono may
         * complete later on any thread. Consulted for every connection, so a {@link SwappableCertificateResolver}
         * gives hot reload. The config's own key material is then unused. Key material it returns should have
         * been through {@link KeyWarmup#warm} off the event loop (the ready-made resolvers do it).
         *
         * @param r the key material for a server name
         * @return this builder
         */
        public Builder certificateResolver(Function<String, Mono<KeyMaterial>> r) {
            this.resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        /**
         * Signs with the server key through {@code signer} (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange),
         * without blocking: for a key in a KMS, an HSM or a PKCS#11 token whose signing may take time. The Mono may
         * complete later on any thread; the event loop serves other connections meanwhile, and the handshake timeout
         * covers the wait. Required for a key with no private part here ({@link KeyMaterial#remote}).
         *
         * @param signer the signer
         * @return this builder
         */
        public Builder privateKeySigner(io.reactls.PrivateKeySigner signer) {
            hooks = hooks.withPrivateKeySigner(signer);
            return this;
        }

        /**
         * TLS 1.2 RSA key exchange (when its suites are enabled): decrypts the pre-master secret through
         * {@code decrypter} instead of in place. It returns the raw PKCS#1 v1.5 plaintext or an error; the server
         * applies the RFC 5246 §7.4.7.1 countermeasure to whatever comes back.
         *
         * @param decrypter the decrypter
         * @return this builder
         */
        public Builder rsaDecrypter(io.reactls.RsaDecrypter decrypter) {
            hooks = hooks.withRsaDecrypter(decrypter);
            return this;
        }

        /**
         * Client authentication: a further, asynchronous check of each client chain the config's verifier accepted
         * (revocation, an inventory service). Complete empty to accept; an error rejects with its alert
         * (bad_certificate unless it is a {@link io.reactls.TlsAlertException}).
         *
         * @param verifier the further check
         * @return this builder
         */
        public Builder certificateVerifier(io.reactls.AsyncCertificateVerifier verifier) {
            hooks = hooks.withCertificateVerifier(verifier);
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
         * At most {@code n} handshakes run at once; further connections wait (reading nothing). 0: no cap.
         *
         * @param n the cap, or 0
         * @return this builder
         */
        public Builder maxConcurrentHandshakes(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxConcurrentHandshakes must be >= 0: " + n);
            }
            this.maxConcurrentHandshakes = n;
            return this;
        }

        /**
         * E.g. {@code new MicrometerHandshakeMetrics(registry)}.
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
         * Called with each handshake step, on the connection's event loop.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onHandshakeEvent(Consumer<HandshakeEvent> listener) {
            settings = settings.withEventListener(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Which HTTP requests an {@link HttpsServer} serves when they arrived as 0-RTT data (the config's
         * {@code maxEarlyData}); others are answered {@code 425 Too Early}. A raw {@link TlsServer} hands 0-RTT bytes
         * to the application as they are, marked by {@code TlsSession.earlyDataBytes()}.
         *
         * @param policy {@link EarlyDataRequests#SAFE_METHODS} (the default) or {@link EarlyDataRequests#ALL}
         * @return this builder
         */
        public Builder earlyDataRequests(EarlyDataRequests policy) {
            this.earlyDataRequests = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The options; warms the key material up on this thread.
         *
         * @return the options
         */
        public TlsServerOptions build() {
            hooks.checkCanServe(config.keyMaterial());
            settings = settings.withHooks(hooks);
            KeyWarmup.warm(config.keyMaterial());
            return new TlsServerOptions(this);
        }
    }
}
