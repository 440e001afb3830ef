package io.reactls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    private final List<KeyMaterial> keyMaterials;
    private final RevocationPolicy revocation;
    private final Duration revocationTimeout;
    private final SessionCache sessionCache;
    private final boolean padding;
    private final boolean middleboxCompatibility;

    private TlsClientConfig(Builder b, List<TlsVersion> versions) {
        super(b, versions, true);
        this.keyMaterials = b.keyMaterials;
        this.revocation = b.revocation;
        this.revocationTimeout = b.revocationTimeout;
        this.sessionCache = b.sessionCache;
        this.padding = b.padding;
        this.middleboxCompatibility = b.middleboxCompatibility;
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
     * Our certificates for client authentication, preferred first.
     *
     * @return the client certificate chains and their keys, empty when we have none
     */
    public List<KeyMaterial> keyMaterials() {
        return keyMaterials;
    }

    /**
     * Whether and how the server certificate's revocation is checked.
     *
     * @return the revocation policy
     */
    public RevocationPolicy revocation() {
        return revocation;
    }

    /**
     * How long one OCSP query or CRL download may take before the status counts as unknown.
     *
     * @return the time-out
     */
    public Duration revocationTimeout() {
        return revocationTimeout;
    }

    /**
     * Where tickets are kept for resumption.
     *
     * @return the session cache, empty when this client does not resume
     */
    public Optional<SessionCache> sessionCache() {
        return Optional.ofNullable(sessionCache);
    }

    /**
     * Whether ClientHellos of 256 to 511 bytes are padded to 512 (RFC 7685).
     *
     * @return whether padding is on
     */
    public boolean padding() {
        return padding;
    }

    /**
     * Whether TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4) is on.
     *
     * @return whether it is on
     */
    public boolean middleboxCompatibility() {
        return middleboxCompatibility;
    }

    /**
     * Builds a {@link TlsClientConfig}; every setter replaces the default. The options a server has too are on
     * {@link TlsConfigBuilder}; these are the client's own.
     */
    public static final class Builder extends TlsConfigBuilder<Builder> {

        private List<KeyMaterial> keyMaterials = List.of();
        private RevocationPolicy revocation = RevocationPolicy.OFF;
        private Duration revocationTimeout = TlsDefaults.REVOCATION_TIMEOUT;
        private SessionCache sessionCache;
        private boolean padding = true;
        private boolean middleboxCompatibility = true;

        private Builder() {
        }

        /**
         * Trust these CAs (default: the JDK's, {@link TrustAnchors#jdkDefault()}); the hostname is still checked.
         *
         * @param anchors the trusted CAs
         * @return this builder
         */
        public Builder trust(TrustAnchors anchors) {
            trustAnchors = Objects.requireNonNull(anchors, "anchors");
            verifier = null;
            return this;
        }

        /**
         * Verify server chains with {@code verifier} instead of the PKIX verifier over the trusted CAs.
         *
         * @param verifier decides whether a server chain is trusted
         * @return this builder
         */
        public Builder verifier(CertificateVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            trustAnchors = null;
            return this;
        }

        /**
         * Our certificate and key, sent when the server asks for client authentication (mTLS).
         *
         * @param keyMaterial the client certificate chain and its key
         * @return this builder
         */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            keyMaterials = List.of(Objects.requireNonNull(keyMaterial, "keyMaterial"));
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
            if (keyMaterials.length == 0) {
                throw new IllegalArgumentException("key materials must not be empty");
            }
            this.keyMaterials = List.of(keyMaterials);
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
            revocation = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long one OCSP query or CRL download may take before the status counts as unknown (default 5 s).
         *
         * @param timeout the time-out
         * @return this builder
         */
        public Builder revocationTimeout(Duration timeout) {
            revocationTimeout = checkedDuration(timeout, null, "revocation timeout");
            return this;
        }

        /**
         * Keep tickets (TLS 1.3, and TLS 1.2 per RFC 5077) here and resume with them; off by default.
         *
         * @param cache the tickets of the connections that should resume each other
         * @return this builder
         */
        public Builder sessionCache(SessionCache cache) {
            sessionCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * RFC 7685 padding of 256..511-byte ClientHellos to 512; on by default.
         *
         * @param enabled whether to pad
         * @return this builder
         */
        public Builder padding(boolean enabled) {
            padding = enabled;
            return this;
        }

        /**
         * TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4); on by default.
         *
         * @param enabled whether to send a legacy session id and ChangeCipherSpec
         * @return this builder
         */
        public Builder middleboxCompatibility(boolean enabled) {
            middleboxCompatibility = enabled;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the configuration
         * @throws IllegalArgumentException if an enabled version has no enabled suite, or a remote key has no signer
         */
        public TlsClientConfig build() {
            List<TlsVersion> enabled = checkedVersions();
            hooks.checkCanServe(keyMaterials.isEmpty() ? null : keyMaterials.get(0));
            return new TlsClientConfig(this, enabled);
        }
    }
}
