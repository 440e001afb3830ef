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
public final class TlsClientConfig {

    private final TlsConfig engineConfig;
    private final HandshakeHooks hooks;

    private TlsClientConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        this.engineConfig = engineConfig;
        this.hooks = hooks;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: TLS 1.3 and 1.2, the JDK's trusted CAs, no client certificate. */
    public static TlsClientConfig defaults() {
        return builder().build();
    }

    /** The versions offered, preferred first. */
    public List<TlsVersion> versions() {
        return engineConfig.versions();
    }

    /** The cipher suites offered, preferred first. */
    public List<CipherSuite> cipherSuites() {
        return engineConfig.cipherSuites();
    }

    /** The ALPN protocols offered, preferred first (empty: no ALPN). */
    public List<String> alpn() {
        return engineConfig.alpn();
    }

    /**
     * The asynchronous hooks set on this configuration (signer, decrypter, certificate check).
     *
     * @return the hooks, {@link HandshakeHooks#none()} when none is set
     */
    public HandshakeHooks hooks() {
        return hooks;
    }

    /**
     * The engine-level configuration this builds, for reactls's own modules (its package is not exported).
     *
     * @return the internal configuration the engine runs with
     */
    public TlsConfig engineConfig() {
        return engineConfig;
    }

    /** Builds a {@link TlsClientConfig}; every setter replaces the default. */
    public static final class Builder {

        private final TlsConfig.Builder b = TlsConfig.client();
        private HandshakeHooks hooks = HandshakeHooks.none();

        private Builder() {
        }

        /** The versions to offer, preferred first; default TLS 1.3, TLS 1.2 (as far as the suites allow). */
        public Builder versions(TlsVersion... versions) {
            b.versions(List.of(versions));
            return this;
        }

        /** The suites to offer, preferred first; list TLS 1.2 RSA key exchange or CBC suites here to enable them. */
        public Builder cipherSuites(CipherSuite... suites) {
            b.cipherSuites(List.of(suites));
            return this;
        }

        /** The key-exchange groups to offer, preferred first; default x25519, secp256r1, secp384r1. */
        public Builder groups(NamedGroup... groups) {
            b.groups(List.of(groups));
            return this;
        }

        /** The signature schemes we accept from the server and may sign with, preferred first. */
        public Builder signatureSchemes(SignatureScheme... schemes) {
            b.signatureSchemes(List.of(schemes));
            return this;
        }

        /** ALPN protocols to offer, preferred first (e.g. {@code "h2", "http/1.1"}); none by default. */
        public Builder alpn(String... protocols) {
            b.alpn(List.of(protocols));
            return this;
        }

        /** Trust these CAs (default: the JDK's, {@link TrustAnchors#jdkDefault()}); the hostname is still checked. */
        public Builder trust(TrustAnchors anchors) {
            b.trustAnchors(Objects.requireNonNull(anchors, "anchors"));
            return this;
        }

        /** Verify server chains with {@code verifier} instead of the PKIX verifier over the trusted CAs. */
        public Builder verifier(CertificateVerifier verifier) {
            b.verifier(Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        /** Our certificate and key, sent when the server asks for client authentication (mTLS). */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            b.keyMaterial(Objects.requireNonNull(keyMaterial, "keyMaterial"));
            return this;
        }

        /**
         * Several client certificates (e.g. from different CAs), preferred first: the one sent is the first whose key
         * fits the server's CertificateRequest and whose chain is issued by a CA the server names in
         * certificate_authorities (RFC 8446 §4.2.4), else the first that fits.
         */
        public Builder keyMaterials(KeyMaterial... keyMaterials) {
            b.keyMaterials(List.of(keyMaterials));
            return this;
        }

        /**
         * Accept only these schemes in the signatures of the server's certificates (trust anchors' self-signatures
         * aside) and say so in signature_algorithms_cert (RFC 8446 §4.2.3); a chain signed otherwise fails with
         * {@code unsupported_certificate}. Unset by default, as in OpenSSL: nothing sent, the security policy judges.
         */
        public Builder certificateSignatureSchemes(SignatureScheme... schemes) {
            b.certificateSignatureSchemes(List.of(schemes));
            return this;
        }

        /**
         * Signs the client CertificateVerify through {@code signer} without blocking (a key in a KMS, an HSM or a
         * smart card); required for {@link KeyMaterial#remote} key material.
         */
        public Builder privateKeySigner(PrivateKeySigner signer) {
            hooks = hooks.withPrivateKeySigner(signer);
            return this;
        }

        /**
         * A further, asynchronous check of each server chain the verifier accepted (revocation, pinning, a policy
         * service): complete empty to accept, fail to reject.
         */
        public Builder certificateVerifier(AsyncCertificateVerifier verifier) {
            hooks = hooks.withCertificateVerifier(verifier);
            return this;
        }

        /** Keep tickets (TLS 1.3, and TLS 1.2 per RFC 5077) here and resume with them; off by default. */
        public Builder sessionCache(SessionCache cache) {
            b.sessionCache(Objects.requireNonNull(cache, "cache"));
            return this;
        }

        /** TLS 1.2 session-id resumption with at most {@code maxSize} sessions, each kept for {@code lifetime}. */
        public Builder sessionIdCache(int maxSize, Duration lifetime) {
            b.sessionIdCache(maxSize, lifetime);
            return this;
        }

        /** Refuse TLS 1.2 servers that do not negotiate the extended master secret (RFC 7627). */
        public Builder requireExtendedMasterSecret(boolean required) {
            b.requireExtendedMasterSecret(required);
            return this;
        }

        /** TLS 1.3 certificate compression (RFC 8879) we accept, preferred first; none turns it off. */
        public Builder certificateCompression(CertificateCompression... algorithms) {
            b.certificateCompression(List.of(algorithms));
            return this;
        }

        /** The record_size_limit to announce (RFC 8449), 64..2^14+1, or 0 not to send it. */
        public Builder recordSizeLimit(int limit) {
            b.recordSizeLimit(limit);
            return this;
        }

        /** Largest TLS 1.3 Certificate accepted, plain or decompressed (default 64 KiB). */
        public Builder maxCertificateSize(int bytes) {
            b.maxCertificateSize(bytes);
            return this;
        }

        /** RFC 8701 GREASE in the ClientHello; on by default. */
        public Builder grease(boolean enabled) {
            b.grease(enabled);
            return this;
        }

        /** RFC 7685 padding of 256..511-byte ClientHellos to 512; on by default. */
        public Builder padding(boolean enabled) {
            b.padding(enabled);
            return this;
        }

        /** TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4); on by default. */
        public Builder middleboxCompatibility(boolean enabled) {
            b.middleboxCompatibility(enabled);
            return this;
        }

        /** Builds the config; fails if an enabled version has no enabled suite. */
        public TlsClientConfig build() {
            TlsConfig config = b.build();
            hooks.checkCanServe(config.keyMaterial());
            return new TlsClientConfig(config, hooks);
        }
    }
}
