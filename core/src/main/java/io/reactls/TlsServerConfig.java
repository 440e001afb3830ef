package io.reactls;

import io.reactls.handshake.TlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a server negotiates: its certificate and key, versions, suites, groups, signature schemes, ALPN, client
 * authentication, resumption (tickets, session ids) and the asynchronous key hooks. Immutable and shareable: one
 * config serves every connection of a server (its ticket keys and caches are shared). Defaults are the secure ones:
 * TLS 1.3 and TLS 1.2 with ECDHE and AEAD suites, no client authentication, two TLS 1.3 tickets per handshake.
 *
 * <pre>{@code
 * TlsServerConfig config = TlsServerConfig.builder(KeyMaterial.fromPem(Path.of("chain.pem"), Path.of("key.pem")))
 *         .alpn("h2", "http/1.1")
 *         .build();
 * }</pre>
 *
 * Client-only options (SNI, the session cache, GREASE in hellos) do not exist here, so they cannot be set on a
 * server by mistake.
 */
public final class TlsServerConfig {

    /** How long a TLS 1.2 session in a {@link SessionIdStore} may be resumed, unless set. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(2);

    private final TlsConfig engineConfig;
    private final HandshakeHooks hooks;

    private TlsServerConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        this.engineConfig = engineConfig;
        this.hooks = hooks;
    }

    /** A builder serving {@code keyMaterial} (the certificate chain and its key). */
    public static Builder builder(KeyMaterial keyMaterial) {
        return new Builder(Objects.requireNonNull(keyMaterial, "a server needs key material"));
    }

    /** The defaults, serving {@code keyMaterial}. */
    public static TlsServerConfig of(KeyMaterial keyMaterial) {
        return builder(keyMaterial).build();
    }

    /** The certificate chain and key served (unless a certificate resolver chooses per server name). */
    public KeyMaterial keyMaterial() {
        return engineConfig.keyMaterial();
    }

    /** The versions accepted, preferred first. */
    public List<TlsVersion> versions() {
        return engineConfig.versions();
    }

    /** The cipher suites accepted, preferred first. */
    public List<CipherSuite> cipherSuites() {
        return engineConfig.cipherSuites();
    }

    /** The ALPN protocols accepted, preferred first (empty: ALPN ignored). */
    public List<String> alpn() {
        return engineConfig.alpn();
    }

    /** Whether clients are asked for a certificate, and whether they must send one. */
    public ClientAuthMode clientAuth() {
        return engineConfig.clientAuth();
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

    /** Builds a {@link TlsServerConfig}; every setter replaces the default. */
    public static final class Builder {

        private final TlsConfig.Builder b;
        private HandshakeHooks hooks = HandshakeHooks.none();
        private boolean sessionIdLifetimeSet;

        private Builder(KeyMaterial keyMaterial) {
            this.b = TlsConfig.server(keyMaterial);
        }

        /** The versions to accept, preferred first; default TLS 1.3, TLS 1.2 (as far as the suites allow). */
        public Builder versions(TlsVersion... versions) {
            b.versions(List.of(versions));
            return this;
        }

        /** The suites to accept, in our preference order; list TLS 1.2 RSA key exchange or CBC suites to enable them. */
        public Builder cipherSuites(CipherSuite... suites) {
            b.cipherSuites(List.of(suites));
            return this;
        }

        /** The key-exchange groups to accept, preferred first; default x25519, secp256r1, secp384r1. */
        public Builder groups(NamedGroup... groups) {
            b.groups(List.of(groups));
            return this;
        }

        /** The signature schemes we sign with and accept from client certificates, preferred first. */
        public Builder signatureSchemes(SignatureScheme... schemes) {
            b.signatureSchemes(List.of(schemes));
            return this;
        }

        /** ALPN protocols we speak, preferred first (e.g. {@code "h2", "http/1.1"}); none by default. */
        public Builder alpn(String... protocols) {
            b.alpn(List.of(protocols));
            return this;
        }

        /**
         * Client authentication (mTLS): {@link ClientAuthMode#REQUIRE} or {@link ClientAuthMode#OPTIONAL}, with the
         * CAs client certificates must chain to.
         */
        public Builder clientAuth(ClientAuthMode mode, TrustAnchors clientCas) {
            b.clientAuth(Objects.requireNonNull(mode, "mode")).trustAnchors(Objects.requireNonNull(clientCas, "clientCas"));
            return this;
        }

        /**
         * Whether a server asking for client certificates names the subjects of its client CAs in certificate_authorities
         * (RFC 8446 §4.2.4; the TLS 1.2 CertificateRequest's list), so a client holding several certificates can pick
         * the right one. On by default, as OpenSSL with {@code -Verify} and {@code -CAfile}; turn it off when the
         * trust store is large (every name is sent in every handshake).
         */
        public Builder sendCertificateAuthorities(boolean send) {
            b.sendCertificateAuthorities(send);
            return this;
        }

        /**
         * Accept only these schemes in the signatures of client certificates (trust anchors' self-signatures aside)
         * and say so in the CertificateRequest's signature_algorithms_cert (RFC 8446 §4.2.3); a chain signed otherwise
         * fails with {@code unsupported_certificate}. Unset by default, as in OpenSSL.
         */
        public Builder certificateSignatureSchemes(SignatureScheme... schemes) {
            b.certificateSignatureSchemes(List.of(schemes));
            return this;
        }

        /** Client authentication with client chains checked by {@code verifier} instead of PKIX over trusted CAs. */
        public Builder clientAuth(ClientAuthMode mode, CertificateVerifier verifier) {
            b.clientAuth(Objects.requireNonNull(mode, "mode")).verifier(Objects.requireNonNull(verifier, "verifier"));
            return this;
        }

        /**
         * Signs with the server key through {@code signer} without blocking (a key in a KMS, an HSM or a PKCS#11
         * token); required for {@link KeyMaterial#remote} key material.
         */
        public Builder privateKeySigner(PrivateKeySigner signer) {
            hooks = hooks.withPrivateKeySigner(signer);
            return this;
        }

        /** TLS 1.2 RSA key exchange (when its suites are enabled): decrypts the pre-master secret through {@code decrypter}. */
        public Builder rsaDecrypter(RsaDecrypter decrypter) {
            hooks = hooks.withRsaDecrypter(decrypter);
            return this;
        }

        /** A further, asynchronous check of each client chain the verifier accepted: complete empty to accept. */
        public Builder certificateVerifier(AsyncCertificateVerifier verifier) {
            hooks = hooks.withCertificateVerifier(verifier);
            return this;
        }

        /** Seal session tickets with these keys, e.g. {@link TicketKeys#fromSecret} shared by a fleet. */
        public Builder ticketKeys(TicketKeys keys) {
            b.ticketKeys(keys);
            return this;
        }

        /** NewSessionTickets sent after each TLS 1.3 handshake (default 2); 0 turns TLS 1.3 and 1.2 tickets off. */
        public Builder sessionTickets(int count) {
            b.sessionTickets(count);
            return this;
        }

        /** How long an issued ticket may be used, at most 7 days. */
        public Builder ticketLifetime(Duration lifetime) {
            b.ticketLifetime(lifetime);
            return this;
        }

        /** TLS 1.2 session-id resumption with at most {@code maxSize} sessions, each kept for {@code lifetime}. */
        public Builder sessionIdCache(int maxSize, Duration lifetime) {
            b.sessionIdCache(maxSize, lifetime);
            sessionIdLifetimeSet = true;
            return this;
        }

        // ---- TLS 1.3 0-RTT and the stores a fleet shares (RFC 8446 §2.3, §4.2.10, §8)

        /**
         * Accept up to {@code bytes} of TLS 1.3 0-RTT data per connection and announce it in our tickets; 0 (the default)
         * turns 0-RTT off. Early data arrives before the handshake completes and may be a replay: reactls refuses
         * ClientHellos it has seen (see {@link #antiReplayStore}) or whose ticket age is off by more than
         * {@link #earlyDataWindow}, and {@link TlsSession#earlyDataBytes()} marks how much of the inbound plaintext came
         * as 0-RTT data, so the application acts on it only where a replay is harmless.
         */
        public Builder maxEarlyData(int bytes) {
            b.maxEarlyData(bytes);
            return this;
        }

        /** The 0-RTT freshness window (default 10 s): ticket-age error tolerated, and half of how long hellos are recorded. */
        public Builder earlyDataWindow(Duration window) {
            b.earlyDataWindow(window);
            return this;
        }

        /** Record 0-RTT ClientHellos in {@code store} (e.g. shared by a fleet over Redis) instead of this server's memory. */
        public Builder antiReplayStore(AntiReplayStore store) {
            hooks = hooks.withAntiReplayStore(store);
            return this;
        }

        /**
         * Keep TLS 1.2 sessions in {@code store} (e.g. shared by a fleet over Redis) instead of this server's memory; turns
         * session-id resumption on (sessions live 2 hours unless {@link #sessionIdCache} says otherwise).
         */
        public Builder sessionIdStore(SessionIdStore store) {
            hooks = hooks.withSessionIdStore(store);
            return this;
        }

        /** How long a handshake waits for a store (default 500 ms) before going on without resumption or 0-RTT. */
        public Builder storeTimeout(Duration timeout) {
            hooks = hooks.withStoreTimeout(timeout);
            return this;
        }

        /** Refuse TLS 1.2 clients that do not negotiate the extended master secret (RFC 7627). */
        public Builder requireExtendedMasterSecret(boolean required) {
            b.requireExtendedMasterSecret(required);
            return this;
        }

        /** TLS 1.3 certificate compression (RFC 8879) we use and accept, preferred first; none turns it off. */
        public Builder certificateCompression(CertificateCompression... algorithms) {
            b.certificateCompression(List.of(algorithms));
            return this;
        }

        /** The record_size_limit to announce (RFC 8449), 64..2^14+1, or 0 not to send it. */
        public Builder recordSizeLimit(int limit) {
            b.recordSizeLimit(limit);
            return this;
        }

        /** Largest TLS 1.3 client Certificate accepted, plain or decompressed (default 64 KiB). */
        public Builder maxCertificateSize(int bytes) {
            b.maxCertificateSize(bytes);
            return this;
        }

        /** Ask for a group we list before all the client's key shares with a HelloRetryRequest; off by default. */
        public Builder retryForPreferredGroup(boolean enabled) {
            b.retryForPreferredGroup(enabled);
            return this;
        }

        /** RFC 8701 GREASE in TLS 1.3 CertificateRequest and NewSessionTicket; off by default. */
        public Builder grease(boolean enabled) {
            b.grease(enabled);
            return this;
        }

        /** Builds the config; fails if an enabled version has no enabled suite, or a remote key has no signer. */
        public TlsServerConfig build() {
            if (hooks.sessionIdStore() != null && !sessionIdLifetimeSet) {
                // Session ids on; the sessions themselves live in the store, so the in-process cache only sets the lifetime.
                b.sessionIdCache(1, DEFAULT_SESSION_LIFETIME);
            }
            TlsConfig config = b.build();
            hooks.checkCanServe(config.keyMaterial());
            return new TlsServerConfig(config, hooks);
        }
    }
}
