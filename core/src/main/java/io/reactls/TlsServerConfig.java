package io.reactls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
public final class TlsServerConfig extends TlsEndpointConfig {

    /** How long a TLS 1.2 session in a {@link SessionIdStore} may be resumed, unless set. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(2);

    private final KeyMaterial keyMaterial;
    private final ClientAuthMode clientAuth;
    private final boolean sendCertificateAuthorities;
    private final OcspStapleSource ocspStapling;
    private final TicketKeys ticketKeys;
    private final int sessionTickets;
    private final Duration ticketLifetime;
    private final int maxEarlyData;
    private final Duration earlyDataWindow;
    private final boolean retryForPreferredGroup;

    private TlsServerConfig(Builder b, List<TlsVersion> versions) {
        super(b, versions, false);
        this.keyMaterial = b.keyMaterial;
        this.clientAuth = b.clientAuth;
        this.sendCertificateAuthorities = b.sendCertificateAuthorities;
        this.ocspStapling = b.ocspStapling;
        this.ticketKeys = b.ticketKeys;
        this.sessionTickets = b.sessionTickets;
        this.ticketLifetime = b.ticketLifetime;
        this.maxEarlyData = b.maxEarlyData;
        this.earlyDataWindow = b.earlyDataWindow;
        this.retryForPreferredGroup = b.retryForPreferredGroup;
    }

    /**
     * A builder serving {@code keyMaterial}.
     *
     * @param keyMaterial the certificate chain and its key
     * @return a new builder
     */
    public static Builder builder(KeyMaterial keyMaterial) {
        return new Builder(Objects.requireNonNull(keyMaterial, "a server needs key material"));
    }

    /**
     * The defaults, serving {@code keyMaterial}.
     *
     * @param keyMaterial the certificate chain and its key
     * @return the default server configuration
     */
    public static TlsServerConfig of(KeyMaterial keyMaterial) {
        return builder(keyMaterial).build();
    }

    /**
     * The certificate chain and key served (unless a certificate resolver chooses per server name).
     *
     * @return the key material
     */
    public KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    /**
     * Whether clients are asked for a certificate, and whether they must send one.
     *
     * @return the client-authentication mode
     */
    public ClientAuthMode clientAuth() {
        return clientAuth;
    }

    /**
     * Whether a server asking for client certificates names its client CAs in certificate_authorities.
     *
     * @return whether certificate_authorities is sent
     */
    public boolean sendCertificateAuthorities() {
        return sendCertificateAuthorities;
    }

    /**
     * Where OCSP staples for our certificate come from.
     *
     * @return the staple source, empty when stapling is off
     */
    public Optional<OcspStapleSource> ocspStapling() {
        return Optional.ofNullable(ocspStapling);
    }

    /**
     * The keys session tickets are sealed with.
     *
     * @return the ticket keys, empty when each config makes random ones of its own
     */
    public Optional<TicketKeys> ticketKeys() {
        return Optional.ofNullable(ticketKeys);
    }

    /**
     * NewSessionTickets sent after each TLS 1.3 handshake.
     *
     * @return tickets per handshake, 0 when tickets are off
     */
    public int sessionTickets() {
        return sessionTickets;
    }

    /**
     * How long an issued ticket may be used.
     *
     * @return the ticket lifetime
     */
    public Duration ticketLifetime() {
        return ticketLifetime;
    }

    /**
     * The most TLS 1.3 0-RTT data accepted per connection.
     *
     * @return bytes, 0 when 0-RTT is off
     */
    public int maxEarlyData() {
        return maxEarlyData;
    }

    /**
     * The 0-RTT freshness window.
     *
     * @return the window
     */
    public Duration earlyDataWindow() {
        return earlyDataWindow;
    }

    /**
     * Whether a HelloRetryRequest asks for a group we prefer to all the client's key shares.
     *
     * @return whether to retry for our preferred group
     */
    public boolean retryForPreferredGroup() {
        return retryForPreferredGroup;
    }

    /**
     * Builds a {@link TlsServerConfig}; every setter replaces the default. The options a client has too are on
     * {@link TlsConfigBuilder}; these are the server's own.
     */
    public static final class Builder extends TlsConfigBuilder<Builder> {


        private final KeyMaterial keyMaterial;
        private ClientAuthMode clientAuth = ClientAuthMode.NONE;
        private boolean sendCertificateAuthorities = true;
        private OcspStapleSource ocspStapling;
        private TicketKeys ticketKeys;
        private int sessionTickets = TlsDefaults.SESSION_TICKETS;
        private Duration ticketLifetime = TicketKeys.DEFAULT_ROTATION;
        private int maxEarlyData;
        private Duration earlyDataWindow = TlsDefaults.EARLY_DATA_WINDOW;
        private boolean retryForPreferredGroup;

        private Builder(KeyMaterial keyMaterial) {
            this.keyMaterial = keyMaterial;
        }

        /**
         * Client authentication (mTLS): {@link ClientAuthMode#REQUIRE} or {@link ClientAuthMode#OPTIONAL}, with the
         * CAs client certificates must chain to.
         *
         * @param mode whether clients are asked for a certificate, and must send one
         * @param clientCas the CAs client chains are verified against
         * @return this builder
         */
        public Builder clientAuth(ClientAuthMode mode, TrustAnchors clientCas) {
            clientAuth = Objects.requireNonNull(mode, "mode");
            trustAnchors = Objects.requireNonNull(clientCas, "clientCas");
            verifier = null;
            return this;
        }

        /**
         * Whether a server asking for client certificates names the subjects of its client CAs in certificate_authorities
         * (RFC 8446 §4.2.4; the TLS 1.2 CertificateRequest's list), so a client holding several certificates can pick
         * the right one. On by default, as OpenSSL with {@code -Verify} and {@code -CAfile}; turn it off when the
         * trust store is large (every name is sent in every handshake).
         *
         * @param send whether to send certificate_authorities
         * @return this builder
         */
        public Builder sendCertificateAuthorities(boolean send) {
            sendCertificateAuthorities = send;
            return this;
        }

        /**
         * Client authentication with client chains checked by {@code verifier} instead of PKIX over trusted CAs.
         *
         * @param mode whether clients are asked for a certificate, and must send one
         * @param verifier decides whether a client chain is trusted
         * @return this builder
         */
        public Builder clientAuth(ClientAuthMode mode, CertificateVerifier verifier) {
            clientAuth = Objects.requireNonNull(mode, "mode");
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            trustAnchors = null;
            return this;
        }

        /**
         * TLS 1.2 RSA key exchange (when its suites are enabled): decrypts the pre-master secret through
         * {@code decrypter}.
         *
         * @param decrypter answers each RSA decryption
         * @return this builder
         */
        public Builder rsaDecrypter(RsaDecrypter decrypter) {
            hooks = hooks.withRsaDecrypter(decrypter);
            return this;
        }

        /**
         * Staples OCSP responses from {@code source} to our certificate for clients that ask (status_request:
         * CertificateStatus in TLS 1.2, the leaf's CertificateEntry in TLS 1.3); off by default. The source answers
         * from what it holds, never on the handshake path: {@code io.reactls.server.OcspStapler} fetches from the
         * certificate's OCSP responder in the background, or serves a response the application supplies. Building
         * the config starts the source on its key material ({@link OcspStapleSource#prefetch}).
         *
         * @param source where the staples come from
         * @return this builder
         */
        public Builder ocspStapling(OcspStapleSource source) {
            ocspStapling = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Seal session tickets with these keys, e.g. {@link TicketKeys#fromSecret} shared by a fleet.
         *
         * @param keys the ticket keys
         * @return this builder
         */
        public Builder ticketKeys(TicketKeys keys) {
            ticketKeys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /**
         * NewSessionTickets sent after each TLS 1.3 handshake (default 2); 0 turns TLS 1.3 and 1.2 tickets off.
         *
         * @param count tickets per handshake
         * @return this builder
         */
        public Builder sessionTickets(int count) {
            if (count < 0 || count > 16) {
                throw new IllegalArgumentException("session tickets per handshake must be 0..16, got " + count);
            }
            sessionTickets = count;
            return this;
        }

        /**
         * How long an issued ticket may be used.
         *
         * @param lifetime at most 7 days
         * @return this builder
         */
        public Builder ticketLifetime(Duration lifetime) {
            ticketLifetime = checkedDuration(lifetime, TlsDefaults.MAX_TICKET_LIFETIME, "ticket lifetime");
            return this;
        }

        // ---- TLS 1.3 0-RTT and the stores a fleet shares (RFC 8446 §2.3, §4.2.10, §8)

        /**
         * Accept up to {@code bytes} of TLS 1.3 0-RTT data per connection and announce it in our tickets; 0 (the default)
         * turns 0-RTT off. Early data arrives before the handshake completes and may be a replay: reactls refuses
         * ClientHellos it has seen (see {@link #antiReplayStore}) or whose ticket age is off by more than
         * {@link #earlyDataWindow}, and {@link TlsSession#earlyDataBytes()} marks how much of the inbound plaintext came
         * as 0-RTT data, so the application acts on it only where a replay is harmless.
         *
         * @param bytes the most early data accepted per connection, 0 for none
         * @return this builder
         */
        public Builder maxEarlyData(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxEarlyData must not be negative, got " + bytes);
            }
            maxEarlyData = bytes;
            return this;
        }

        /**
         * The 0-RTT freshness window (default 10 s): ticket-age error tolerated, and half of how long hellos are recorded.
         *
         * @param window positive, at most 10 minutes
         * @return this builder
         */
        public Builder earlyDataWindow(Duration window) {
            earlyDataWindow = checkedDuration(window, TlsDefaults.MAX_EARLY_DATA_WINDOW, "earlyDataWindow");
            return this;
        }

        /**
         * Record 0-RTT ClientHellos in {@code store} (e.g. shared by a fleet over Redis) instead of this server's memory.
         *
         * @param store the anti-replay record
         * @return this builder
         */
        public Builder antiReplayStore(AntiReplayStore store) {
            hooks = hooks.withAntiReplayStore(store);
            return this;
        }

        /**
         * Keep TLS 1.2 sessions in {@code store} (e.g. shared by a fleet over Redis) instead of this server's memory; turns
         * session-id resumption on (sessions live 2 hours unless {@link #sessionIdCache} says otherwise).
         *
         * @param store the session store
         * @return this builder
         */
        public Builder sessionIdStore(SessionIdStore store) {
            hooks = hooks.withSessionIdStore(store);
            return this;
        }

        /**
         * How long a handshake waits for a store (default 500 ms) before going on without resumption or 0-RTT.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder storeTimeout(Duration timeout) {
            hooks = hooks.withStoreTimeout(timeout);
            return this;
        }

        /**
         * Ask for a group we list before all the client's key shares with a HelloRetryRequest; off by default.
         *
         * @param enabled whether to retry for our preferred group
         * @return this builder
         */
        public Builder retryForPreferredGroup(boolean enabled) {
            retryForPreferredGroup = enabled;
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the configuration
         * @throws IllegalArgumentException if an enabled version has no enabled suite, or a remote key has no signer
         */
        public TlsServerConfig build() {
            if (hooks.sessionIdStore() != null && !sessionIdCacheSet) {
                // Session ids on; the sessions themselves live in the store, so the in-process cache only sets the lifetime.
                sessionIdCacheSize = 1;
                sessionIdLifetime = DEFAULT_SESSION_LIFETIME;
            }
            List<TlsVersion> enabled = checkedVersions();
            hooks.checkCanServe(keyMaterial);
            if (ocspStapling != null) {
                ocspStapling.prefetch(keyMaterial);
            }
            return new TlsServerConfig(this, enabled);
        }
    }
}
