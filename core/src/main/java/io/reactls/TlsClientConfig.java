package io.reactls;

import io.reactls.handshake.TlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a client negotiates: versions, suites, groups, signature schemes, ALPN, whom it trusts, its own certificate
 * for client authentication, resumption and the asynchronous hooks. Immutable and shareable: every connection made
 * with it shares its session caches. Defaults are the secure ones: TLS 1.3 and TLS 1.2 with ECDHE and AEAD suites,
 * server chains verified against the JDK's trusted CAs.
 *
 * <pre>{@code
 * TlsClientConfig config = TlsClientConfig.builder()
 *         .trust(TrustAnchors.fromPem(Path.of("ca.pem")))
 *         .alpn("http/1.1")
 *         .build();
 * }</pre>
 *
 * Server-only options (ticket keys, client-auth policy, RSA decryption) do not exist here, so they cannot be set on
 * a client by mistake.
 */
public final class TlsClientConfig extends TlsEndpointConfig {

    TlsClientConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        super(engineConfig, hooks);
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: TLS 1.3 and 1.2, the JDK's trusted CAs, no client certificate.
     *
     * @return the default client configuration
     */
    public static TlsClientConfig defaults() {
        return builder().build();
    }

    /**
     * Builds a {@link TlsClientConfig}; every setter replaces the default. The options a server has too are on
     * {@link TlsConfigBuilder}; these are the client's own.
     */
    public static final class Builder extends TlsConfigBuilder<Builder> {

        private Builder() {
            super(TlsConfig.client());
        }

        /**
         * Trust these CAs (default: the JDK's, {@link TrustAnchors#jdkDefault()}); the hostname is still checked.
         *
         * @param anchors the trusted CAs
         * @return this builder
         */
        public Builder trust(TrustAnchors anchors) {
            engine.trustAnchors(Objects.requireNonNull(anchors, "anchors"));
            return this;
        }

        /**
         * Verify server chains with {@code verifier} instead of the PKIX verifier over the trusted CAs.
         *
         * @param verifier decides whether a server chain is trusted
         * @return this builder
         */
        public Builder verifier(CertificateVerifier verifier) {
            engine.verifier(Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        /**
         * Our certificate and key, sent when the server asks for client authentication (mTLS).
         *
         * @param keyMaterial the client certificate chain and its key
         * @return this builder
         */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            engine.keyMaterial(Objects.requireNonNull(keyMaterial, "keyMaterial"));
            return this;
        }

        /**
         * Several client certificates (e.g. from different CAs), preferred first: the one sent is the first whose key
         * fits the server's CertificateRequest and whose chain is issued by a CA the server names in
         * certificate_authorities (RFC 8446 §4.2.4), else the first that fits.
         *
         * @param keyMaterials the client certificate chains and their keys
         * @return this builder
         */
        public Builder keyMaterials(KeyMaterial... keyMaterials) {
            engine.keyMaterials(List.of(keyMaterials));
            return this;
        }

        /**
         * Checks whether the server's certificate was revoked: {@link RevocationPolicy#OFF} (the default) does not;
         * {@link RevocationPolicy#SOFT_FAIL} and {@link RevocationPolicy#HARD_FAIL} ask for a stapled OCSP response
         * and use it when valid, else ask the certificate's OCSP responder or fetch its CRL without blocking (the
         * client module's {@code TlsClient} and {@code HttpsClient} fetch over reactor-netty; elsewhere only the staple
         * is used). A revoked certificate fails the handshake with certificate_revoked, an invalid staple or a
         * must-staple certificate without one with bad_certificate_status_response; what was learned is a step 3
         * handshake event.
         *
         * @param policy the revocation policy
         * @return this builder
         */
        public Builder revocation(RevocationPolicy policy) {
            engine.revocationPolicy(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * How long one OCSP query or CRL download may take before the status counts as unknown (default 5 s).
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder revocationTimeout(Duration timeout) {
            engine.revocationTimeout(Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * Keep tickets (TLS 1.3, and TLS 1.2 per RFC 5077) here and resume with them; off by default.
         *
         * @param cache the tickets of the connections that should resume each other
         * @return this builder
         */
        public Builder sessionCache(SessionCache cache) {
            engine.sessionCache(Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /**
         * RFC 7685 padding of 256..511-byte ClientHellos to 512; on by default.
         *
         * @param enabled whether to pad
         * @return this builder
         */
        public Builder padding(boolean enabled) {
            engine.padding(enabled);
            return this;
        }

        /**
         * TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4); on by default.
         *
         * @param enabled whether to send a legacy session id and ChangeCipherSpec
         * @return this builder
         */
        public Builder middleboxCompatibility(boolean enabled) {
            engine.middleboxCompatibility(enabled);
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the configuration
         * @throws IllegalArgumentException if an enabled version has no enabled suite, or a remote key has no signer
         */
        public TlsClientConfig build() {
            return new TlsClientConfig(buildEngineConfig(), hooks);
        }
    }
}
