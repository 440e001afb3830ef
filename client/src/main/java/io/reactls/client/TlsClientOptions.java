package io.reactls.client;

import io.reactls.CertificateVerifier;
import io.reactls.HandshakeEvent;
import io.reactls.TlsClientConfig;
import io.reactls.handshake.TlsConfig;
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
    private final String serverName;
    private final TlsHandlerSettings settings;

    private TlsClientOptions(Builder b) {
        this.config = b.hostnameVerification ? b.config
                : b.config.toBuilder().verifier(withoutHostname(b.config.verifier())).build();
        this.serverName = b.serverName;
        this.settings = b.settings;
    }

    /** Options around {@code config}, to which the builder adds the server name, timeouts and observers. */
    public static Builder builder(TlsClientConfig config) {
        return new Builder(config.engineConfig());
    }

    /** {@code config} with the default server name (the host connected to), timeouts and no observer. */
    public static TlsClientOptions of(TlsClientConfig config) {
        return builder(config).build();
    }

    /** Options around an engine-level config (reactls's own modules and tests). */
    public static Builder builder(TlsConfig config) {
        return new Builder(config);
    }

    /** Options around an engine-level config (reactls's own modules and tests). */
    public static TlsClientOptions of(TlsConfig config) {
        return builder(config).build();
    }

    public TlsConfig config() {
        return config;
    }

    /** The configured server name, or null to use the connection's remote host. */
    public String serverName() {
        return serverName;
    }

    public TlsHandlerSettings settings() {
        return settings;
    }

    /** A handler for a connection to {@code remote}; see {@link TlsHandlerSettings#truncationIsError()}. */
    public TlsHandler newHandler(SocketAddress remote, boolean truncationIsError) {
        String name = serverName != null ? serverName
                : remote instanceof InetSocketAddress inet ? inet.getHostString() : null;
        // The port joins the name as the key of the session caches (TLS 1.2 session ids, TLS 1.2 and 1.3 tickets).
        int port = remote instanceof InetSocketAddress inet ? inet.getPort() : -1;
        return TlsHandler.client(config, name, port, settings.withTruncationIsError(truncationIsError));
    }

    private static CertificateVerifier withoutHostname(CertificateVerifier verifier) {
        return (chain, hostname, now, role) -> verifier.verify(chain, null, now, role);
    }

    public static final class Builder {
        private TlsConfig config;
        private String serverName;
        private boolean hostnameVerification = true;
        private TlsHandlerSettings settings = TlsHandlerSettings.defaults();

        private Builder(TlsConfig config) {
            if (!config.isClient()) {
                throw new IllegalArgumentException("a TLS client needs a client config (TlsConfig.client())");
            }
            this.config = config;
        }

        /** Sent as SNI and verified instead of the host connected to (e.g. when connecting by IP address). */
        public Builder serverName(String name) {
            this.serverName = name;
            return this;
        }

        /** Off: the chain is still verified, but not the name in it. For tests and pinned setups only. */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /**
         * Client authentication: signs the CertificateVerify with the client key through {@code signer}, without
         * blocking (a key in a KMS, an HSM or a smart card). The Mono may complete later on any thread; the handshake
         * timeout covers the wait. For a key with no private part here ({@link io.reactls.KeyMaterial#remote})
         * set it on the {@link TlsClientConfig.Builder} instead.
         */
        public Builder privateKeySigner(io.reactls.PrivateKeySigner signer) {
            config = config.toBuilder().privateKeySigner(java.util.Objects.requireNonNull(signer, "signer")).build();
            return this;
        }

        /**
         * A further, asynchronous check of the server chain once the config's verifier (chain, dates, hostname)
         * accepted it: revocation, pinning, a policy service. Complete empty to accept; an error rejects with its
         * alert (bad_certificate unless it is a {@link io.reactls.TlsAlertException}).
         */
        public Builder certificateVerifier(io.reactls.AsyncCertificateVerifier verifier) {
            config = config.toBuilder().asyncCertificateVerifier(java.util.Objects.requireNonNull(verifier, "verifier")).build();
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

        public Builder observer(HandshakeObserver o) {
            settings = settings.withObserver(Objects.requireNonNull(o));
            return this;
        }

        public Builder onHandshakeEvent(Consumer<HandshakeEvent> listener) {
            settings = settings.withEventListener(Objects.requireNonNull(listener));
            return this;
        }

        public TlsClientOptions build() {
            return new TlsClientOptions(this);
        }
    }
}
