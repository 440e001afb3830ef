package io.reactls.server;

import io.reactls.HandshakeEvent;
import io.reactls.KeyMaterial;
import io.reactls.TlsServerConfig;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.EngineSource;
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
    private final EngineSource engines;
    private final TlsHandlerSettings settings;

    private TlsServerOptions(Builder b) {
        this.config = b.config;
        this.engines = b.resolver == null ? EngineSource.server(b.config) : EngineSource.server(b.config, b.resolver);
        // One limiter per options instance: every connection of the server shares the cap.
        this.settings = b.settings.withLimiter(b.maxConcurrentHandshakes > 0
                ? HandshakeLimiter.of(b.maxConcurrentHandshakes) : HandshakeLimiter.unlimited());
    }

    /** Options around {@code config}, whose key material is served unless a certificate resolver is set. */
    public static Builder builder(TlsServerConfig config) {
        return new Builder(config.engineConfig());
    }

    /** {@code config} with the default timeouts, no handshake cap and no observer. */
    public static TlsServerOptions of(TlsServerConfig config) {
        return builder(config).build();
    }

    /** Options around an engine-level server config (reactls's own modules and tests). */
    public static Builder builder(TlsConfig config) {
        return new Builder(config);
    }

    /** Options around an engine-level server config (reactls's own modules and tests). */
    public static TlsServerOptions of(TlsConfig config) {
        return builder(config).build();
    }

    public TlsConfig config() {
        return config;
    }

    public TlsHandlerSettings settings() {
        return settings;
    }

    /**
     * A handler for one new connection. {@code truncationIsError}: report a peer closing without close_notify as
     * an error on the inbound stream (raw TCP) or only as an event (HTTP, which frames its messages).
     */
    public TlsHandler newHandler(boolean truncationIsError) {
        return new TlsHandler(engines, settings.withTruncationIsError(truncationIsError));
    }

    public static final class Builder {
        private TlsConfig config;
        private Function<String, Mono<KeyMaterial>> resolver;
        private TlsHandlerSettings settings = TlsHandlerSettings.defaults();
        private int maxConcurrentHandshakes;

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
         */
        public Builder certificateResolver(Function<String, Mono<KeyMaterial>> r) {
            this.resolver = Objects.requireNonNull(r, "resolver");
            return this;
        }

        /**
         * Signs with the server key through {@code signer} (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange),
         * without blocking: for a key in a KMS, an HSM or a PKCS#11 token whose signing may take time. The Mono may
         * complete later on any thread; the event loop serves other connections meanwhile, and the handshake timeout
         * covers the wait. For a key with no private part here ({@link KeyMaterial#remote}) set it on the
         * {@link TlsServerConfig.Builder} instead, which refuses such a key without a signer.
         */
        public Builder privateKeySigner(io.reactls.PrivateKeySigner signer) {
            config = config.toBuilder().privateKeySigner(Objects.requireNonNull(signer, "signer")).build();
            return this;
        }

        /**
         * TLS 1.2 RSA key exchange (when its suites are enabled): decrypts the pre-master secret through
         * {@code decrypter} instead of in place. It returns the raw PKCS#1 v1.5 plaintext or an error; the server
         * applies the RFC 5246 §7.4.7.1 countermeasure to whatever comes back.
         */
        public Builder rsaDecrypter(io.reactls.RsaDecrypter decrypter) {
            config = config.toBuilder().rsaDecrypter(Objects.requireNonNull(decrypter, "decrypter")).build();
            return this;
        }

        /**
         * Client authentication: a further, asynchronous check of each client chain the config's verifier accepted
         * (revocation, an inventory service). Complete empty to accept; an error rejects with its alert
         * (bad_certificate unless it is a {@link io.reactls.TlsAlertException}).
         */
        public Builder certificateVerifier(io.reactls.AsyncCertificateVerifier verifier) {
            config = config.toBuilder().asyncCertificateVerifier(Objects.requireNonNull(verifier, "verifier")).build();
            return this;
        }

        /** Zero disables the timeout. */
        public Builder handshakeTimeout(Duration t) {
            settings = settings.withHandshakeTimeout(Objects.requireNonNull(t));
            return this;
        }

        public Builder closeNotifyFlushTimeout(Duration t) {
            settings = settings.withCloseNotifyFlushTimeout(Objects.requireNonNull(t));
            return this;
        }

        /** At most {@code n} handshakes run at once; further connections wait (reading nothing). 0: no cap. */
        public Builder maxConcurrentHandshakes(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxConcurrentHandshakes must be >= 0: " + n);
            }
            this.maxConcurrentHandshakes = n;
            return this;
        }

        /** E.g. {@code new MicrometerHandshakeMetrics(registry)}. */
        public Builder observer(HandshakeObserver o) {
            settings = settings.withObserver(Objects.requireNonNull(o));
            return this;
        }

        /** Called with each handshake step, on the connection's event loop. */
        public Builder onHandshakeEvent(Consumer<HandshakeEvent> listener) {
            settings = settings.withEventListener(Objects.requireNonNull(listener));
            return this;
        }

        public TlsServerOptions build() {
            KeyWarmup.warm(config.keyMaterial());
            return new TlsServerOptions(this);
        }
    }
}
