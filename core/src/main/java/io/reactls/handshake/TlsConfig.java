package io.reactls.handshake;

import io.reactls.ClientAuthMode;
import io.reactls.TlsDefaults;
import io.reactls.TlsVersion;
import io.reactls.CertificateVerifier;
import io.reactls.KeyMaterial;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.crypto.CryptoProviders;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.CertificateCompression;
import io.reactls.handshake.compression.CertificateCodecs;
import io.reactls.handshake.compression.CompressedCertificateCache;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.handshake.keylog.KeyLogFile;
import io.reactls.handshake.keylog.KeyLogs;
import io.reactls.handshake.resumption.TicketSealer;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import io.reactls.SessionCache;
import io.reactls.StrikeRegister;
import io.reactls.TicketKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a connection may negotiate, immutable. Defaults are the secure ones: ECDHE with AEAD, extended master
 * secret required, chains verified against the JDK's trust anchors. The RSA key exchange is available by listing
 * its suites explicitly.
 */
public final class TlsConfig {

    // The defaults are the vocabulary's (io.reactls.TlsDefaults, shared with the public configs), named here too.
    public static final List<CipherSuite> DEFAULT_SUITES = TlsDefaults.CIPHER_SUITES;
    public static final List<TlsVersion> DEFAULT_VERSIONS = TlsDefaults.VERSIONS;
    public static final List<NamedGroup> DEFAULT_GROUPS = TlsDefaults.GROUPS;
    public static final List<SignatureScheme> DEFAULT_SIGNATURE_SCHEMES = TlsDefaults.SIGNATURE_SCHEMES;
    public static final int DEFAULT_MAX_CERTIFICATE_SIZE = TlsDefaults.MAX_CERTIFICATE_SIZE;
    public static final int DEFAULT_SESSION_TICKETS = TlsDefaults.SESSION_TICKETS;
    public static final Duration DEFAULT_EARLY_DATA_WINDOW = TlsDefaults.EARLY_DATA_WINDOW;
    public static final Duration MAX_TICKET_LIFETIME = TlsDefaults.MAX_TICKET_LIFETIME;
    /** 0-RTT ClientHellos remembered (two windows long) before 0-RTT is refused; about 250 bytes each when full. */
    public static final int DEFAULT_STRIKE_REGISTER_SIZE = 1 << 14;

    private final boolean client;
    private final List<TlsVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> alpn;
    private final KeyMaterial keyMaterial;
    private final CertificateVerifier verifier;
    private final ClientAuthMode clientAuth;
    private final boolean requireExtendedMasterSecret;
    private final SecureRandom random;
    private final Clock clock;
    private final AeadBackend aeadBackend;
    private final boolean aeadBackendChosen;
    private final boolean nativeCrypto;
    private final CryptoProviders crypto;
    private final SessionIdCache sessionIdCache;
    private final long keyUpdateAfterRecords;
    private final SessionCache sessionCache;
    private final TicketSealer ticketSealer;
    private final int sessionTickets;
    private final Duration ticketLifetime;
    private final int recordSizeLimit;
    private final boolean acknowledgeServerName;
    private final GroupsInEncryptedExtensions groupsInEncryptedExtensions;
    private final boolean middleboxCompatibility;
    private final boolean retryForPreferredGroup;
    private final boolean grease;
    private final boolean padding;
    private final List<CertificateCompression> certificateCompression;
    private final int maxCertificateSize;
    private final CompressedCertificateCache compressedCertificateCache;
    private final KeyLog keyLog;
    private final io.reactls.RevocationPolicy revocationPolicy;
    private final Duration revocationTimeout;
    private final io.reactls.OcspStapleSource ocspStaples;
    private final int maxEarlyData;
    private final Duration earlyDataWindow;
    private final StrikeRegister strikeRegister;
    // Certificate selection (RFC 8446 §4.2.3, §4.2.4): several client chains, schemes for certificates, CA names.
    private final List<KeyMaterial> keyMaterials;
    private final List<SignatureScheme> certificateSignatureSchemes;
    private final List<X500Principal> certificateAuthorities;

    private TlsConfig(Builder b) {
        this.client = b.client;
        this.versions = List.copyOf(b.versions);
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.groups = List.copyOf(b.groups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.alpn = List.copyOf(b.alpn);
        this.keyMaterial = b.keyMaterial;
        this.verifier = b.verifier;
        this.clientAuth = b.clientAuth;
        this.requireExtendedMasterSecret = b.requireExtendedMasterSecret;
        this.random = b.random;
        this.clock = b.clock;
        this.nativeCrypto = b.nativeCrypto;
        this.crypto = b.crypto;
        this.aeadBackendChosen = b.aeadBackend != null;
        this.aeadBackend = aeadBackendChosen ? b.aeadBackend : AeadBackends.jce(crypto);
        this.sessionIdCache = b.sessionIdCache;
        this.keyUpdateAfterRecords = b.keyUpdateAfterRecords;
        this.sessionCache = b.sessionCache;
        this.ticketSealer = b.ticketSealer;
        this.sessionTickets = b.sessionTickets;
        this.ticketLifetime = b.ticketLifetime;
        this.recordSizeLimit = b.recordSizeLimit;
        this.acknowledgeServerName = b.acknowledgeServerName;
        this.groupsInEncryptedExtensions = b.groupsInEncryptedExtensions;
        this.middleboxCompatibility = b.middleboxCompatibility;
        this.retryForPreferredGroup = b.retryForPreferredGroup;
        this.grease = b.grease != null ? b.grease : b.client;
        this.padding = b.padding;
        this.certificateCompression = List.copyOf(b.certificateCompression);
        this.maxCertificateSize = b.maxCertificateSize;
        this.compressedCertificateCache = b.compressedCertificateCache;
        this.keyLog = b.keyLog;
        this.revocationPolicy = b.revocationPolicy;
        this.revocationTimeout = b.revocationTimeout;
        this.ocspStaples = b.ocspStaples;
        this.maxEarlyData = b.maxEarlyData;
        this.earlyDataWindow = b.earlyDataWindow;
        this.strikeRegister = b.strikeRegister;
        this.keyMaterials = b.keyMaterials;
        this.certificateSignatureSchemes = b.certificateSignatureSchemes;
        this.certificateAuthorities = b.certificateAuthorities;
    }

    public static Builder client() {
        return new Builder(true, null);
    }

    public static Builder server(KeyMaterial keyMaterial) {
        return new Builder(false, Objects.requireNonNull(keyMaterial, "a server needs key material"));
    }

    public boolean isClient() {
        return client;
    }

    public List<TlsVersion> versions() {
        return versions;
    }

    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    public List<String> alpn() {
        return alpn;
    }

    /** Our certificate and key: the server's, or the client's for client authentication (may be null). */
    public KeyMaterial keyMaterial() {
        return keyMaterial;
    }

    /**
     * Every chain we may present, in preference order: the server's one, or the client's (several when it holds
     * certificates from different CAs; the CertificateRequest decides which one fits). Empty for a client without any.
     */
    public List<KeyMaterial> keyMaterials() {
        return keyMaterials;
    }

    /**
     * The schemes we accept in the signatures of the peer's certificates (RFC 8446 §4.2.3), sent as
     * signature_algorithms_cert and enforced on the peer's chain; null (the default, as in OpenSSL): not sent, and the
     * chain's signatures are judged by the verifier's security policy alone.
     */
    public List<SignatureScheme> certificateSignatureSchemes() {
        return certificateSignatureSchemes;
    }

    /**
     * A server asking for client certificates: the distinguished names of the CAs it accepts, sent as
     * certificate_authorities (RFC 8446 §4.2.4; the TLS 1.2 CertificateRequest's list); empty: none sent.
     */
    public List<X500Principal> certificateAuthorities() {
        return certificateAuthorities;
    }

    /** Verifies the peer's chain; a client always has one, a server needs one when it asks for certificates. */
    public CertificateVerifier verifier() {
        return verifier;
    }

    public ClientAuthMode clientAuth() {
        return clientAuth;
    }

    /** Whether a TLS 1.2 handshake without the extended master secret is refused (default: accepted, never resumed). */
    public boolean requireExtendedMasterSecret() {
        return requireExtendedMasterSecret;
    }

    public SecureRandom random() {
        return random;
    }

    public Clock clock() {
        return clock;
    }

    public AeadBackend aeadBackend() {
        return aeadBackend;
    }

    /** The implementation of each handshake primitive (key shares, signatures) and, unless one was set, the AEAD's. */
    public CryptoProviders crypto() {
        return crypto;
    }

    /** TLS 1.2 session-ID resumption's cache, shared by every connection of this config; null when disabled. */
    public SessionIdCache sessionIdCache() {
        return sessionIdCache;
    }

    /**
     * TLS 1.3: after this many records under one write key we send KeyUpdate before the next one. The AEAD's own
     * usage limit (RFC 8446 §5.5) applies whichever is lower; {@link Long#MAX_VALUE} (the default) leaves only it.
     */
    public long keyUpdateAfterRecords() {
        return keyUpdateAfterRecords;
    }

    /**
     * Client: where tickets (TLS 1.3, and TLS 1.2 per RFC 5077) are kept and looked up for resumption; null (the
     * default) means no tickets are offered.
     */
    public SessionCache sessionCache() {
        return sessionCache;
    }

    /**
     * Server: seals and opens session tickets under its ticket keys (a random set per config unless shared keys are
     * given); shared by the configs {@link #toBuilder} derives, so a config rebuilt per SNI opens the same tickets.
     */
    public TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /**
     * Server: NewSessionTickets sent after each TLS 1.3 handshake; 0 disables ticket resumption, TLS 1.2 tickets
     * (RFC 5077, one per handshake to clients that ask) included.
     */
    public int sessionTickets() {
        return sessionTickets;
    }

    /** Server: how long an issued ticket may be used (announced as ticket_lifetime, checked on resumption). */
    public Duration ticketLifetime() {
        return ticketLifetime;
    }

    /**
     * The record_size_limit we announce (RFC 8449): the largest protected record we accept, counted as TLS 1.3 counts
     * it (content plus content type); 0 means we do not send the extension (and so ignore the peer's). The default,
     * 2^14 + 1, asks for nothing smaller but lets the peer learn that we honour its own limit.
     */
    public int recordSizeLimit() {
        return recordSizeLimit;
    }

    /** Server: answer a client's server_name with an empty server_name (RFC 6066 §3) in EncryptedExtensions. */
    public boolean acknowledgeServerName() {
        return acknowledgeServerName;
    }

    /** Server: when to list our groups in TLS 1.3 EncryptedExtensions. */
    public GroupsInEncryptedExtensions groupsInEncryptedExtensions() {
        return groupsInEncryptedExtensions;
    }

    /** Client: TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4): a random legacy session id and a ChangeCipherSpec. */
    public boolean middleboxCompatibility() {
        return middleboxCompatibility;
    }

    /** Server: send a HelloRetryRequest for a group we prefer over every key share the client sent, if it supports one. */
    public boolean retryForPreferredGroup() {
        return retryForPreferredGroup;
    }

    /** RFC 8701 GREASE: a client's ClientHello, a server's TLS 1.3 CertificateRequest and NewSessionTicket. */
    public boolean grease() {
        return grease;
    }

    /** Client: the RFC 7685 padding extension for hellos of 256 to 511 bytes (see {@link ClientHelloPadding}). */
    public boolean padding() {
        return padding;
    }

    /**
     * TLS 1.3 certificate compression (RFC 8879), only algorithms that work on this platform, in our preference order:
     * a client offers them for the server's Certificate, a server asking for client certificates offers them in its
     * CertificateRequest; either side compresses its own Certificate with the first of the peer's list that is also
     * here. Empty: compression off both ways.
     */
    public List<CertificateCompression> certificateCompression() {
        return certificateCompression;
    }

    /** Largest TLS 1.3 Certificate accepted, plain or decompressed (the bound on a CompressedCertificate's declared length). */
    public int maxCertificateSize() {
        return maxCertificateSize;
    }

    /** Our compressed Certificate messages, compressed once per chain and algorithm and shared by this config's connections. */
    public CompressedCertificateCache compressedCertificateCache() {
        return compressedCertificateCache;
    }

    /** Where this config's connections write their secrets (NSS key log format), or null (the default): not at all. */
    public KeyLog keyLog() {
        return keyLog;
    }

    /** Client: how the server certificate's revocation is checked (OFF: not at all, no status_request sent). */
    public io.reactls.RevocationPolicy revocationPolicy() {
        return revocationPolicy;
    }

    /** Client: how long one OCSP or CRL fetch may take before it counts as unavailable. */
    public Duration revocationTimeout() {
        return revocationTimeout;
    }

    /** The trust anchors of the configured verifier when it is the PKIX one over anchors, else null. */
    public io.reactls.TrustAnchors trustAnchors() {
        return verifier instanceof io.reactls.cert.PkixCertificateVerifier pkix ? pkix.anchors() : null;
    }

    /** Server: where the OCSP response stapled to our certificate comes from, or null: no stapling. */
    public io.reactls.OcspStapleSource ocspStaples() {
        return ocspStaples;
    }

    /**
     * Server, TLS 1.3 0-RTT (RFC 8446 §4.2.10): the max_early_data_size announced in our tickets and the most early
     * data accepted on one connection; 0 (the default) issues no 0-RTT tickets and refuses every early data offer.
     */
    public int maxEarlyData() {
        return maxEarlyData;
    }

    /**
     * Server: how far the client's ticket age may be from ours for 0-RTT (RFC 8446 §8.3), and half the time a
     * ClientHello is remembered against replay (§8.2).
     */
    public Duration earlyDataWindow() {
        return earlyDataWindow;
    }

    /** Server: the in-memory anti-replay record for 0-RTT, used unless a driver hands the check out; null without 0-RTT. */
    public StrikeRegister strikeRegister() {
        return strikeRegister;
    }

    public Builder toBuilder() {
        Builder b = new Builder(client, keyMaterial);
        b.versions = versions;
        b.versionsSet = true;
        b.cipherSuites = cipherSuites;
        b.groups = groups;
        b.signatureSchemes = signatureSchemes;
        b.alpn = alpn;
        b.verifier = verifier;
        b.clientAuth = clientAuth;
        b.requireExtendedMasterSecret = requireExtendedMasterSecret;
        b.random = random;
        b.clock = clock;
        b.aeadBackend = aeadBackendChosen ? aeadBackend : null;
        b.nativeCrypto = nativeCrypto;
        b.sessionIdCache = sessionIdCache;
        b.keyUpdateAfterRecords = keyUpdateAfterRecords;
        b.sessionCache = sessionCache;
        b.ticketSealer = ticketSealer;
        b.sessionTickets = sessionTickets;
        b.ticketLifetime = ticketLifetime;
        b.recordSizeLimit = recordSizeLimit;
        b.acknowledgeServerName = acknowledgeServerName;
        b.groupsInEncryptedExtensions = groupsInEncryptedExtensions;
        b.middleboxCompatibility = middleboxCompatibility;
        b.retryForPreferredGroup = retryForPreferredGroup;
        b.grease = grease;
        b.padding = padding;
        b.certificateCompression = certificateCompression;
        b.maxCertificateSize = maxCertificateSize;
        // Shared: keyed by the exact Certificate bytes, so a config rebuilt per SNI (another chain) stays correct and
        // the chains it has already compressed are not compressed again.
        b.compressedCertificateCache = compressedCertificateCache;
        b.keyLog = keyLog;
        b.revocationPolicy = revocationPolicy;
        b.revocationTimeout = revocationTimeout;
        b.ocspStaples = ocspStaples;
        b.maxEarlyData = maxEarlyData;
        b.earlyDataWindow = earlyDataWindow;
        b.strikeRegister = strikeRegister; // shared: a replay must be caught whichever config's connection sees it
        b.keyMaterials = keyMaterials;
        b.certificateSignatureSchemes = certificateSignatureSchemes;
        b.certificateAuthorities = certificateAuthorities;
        return b;
    }

    /** Builds a {@link TlsConfig}; every setter replaces the default. */
    public static final class Builder {
        private final boolean client;
        private List<TlsVersion> versions = DEFAULT_VERSIONS;
        private boolean versionsSet;
        private List<CipherSuite> cipherSuites = DEFAULT_SUITES;
        private List<NamedGroup> groups = DEFAULT_GROUPS;
        private List<SignatureScheme> signatureSchemes = DEFAULT_SIGNATURE_SCHEMES;
        private List<String> alpn = List.of();
        private KeyMaterial keyMaterial;
        private CertificateVerifier verifier;
        private ClientAuthMode clientAuth = ClientAuthMode.NONE;
        private boolean requireExtendedMasterSecret;
        private SecureRandom random;
        private Clock clock = Clock.systemUTC();
        private AeadBackend aeadBackend;
        private boolean nativeCrypto = true;
        private CryptoProviders crypto;
        private SessionIdCache sessionIdCache;
        private long keyUpdateAfterRecords = Long.MAX_VALUE;
        private SessionCache sessionCache;
        private TicketSealer ticketSealer;
        private int sessionTickets = DEFAULT_SESSION_TICKETS;
        private Duration ticketLifetime = TicketKeys.DEFAULT_ROTATION;
        private int recordSizeLimit = RecordSizeLimit.TLS13_MAX;
        private boolean acknowledgeServerName = true;
        private GroupsInEncryptedExtensions groupsInEncryptedExtensions = GroupsInEncryptedExtensions.WHEN_NOT_PREFERRED;
        private boolean middleboxCompatibility = true;
        private boolean retryForPreferredGroup;
        private Boolean grease;
        private boolean padding = true;
        private List<CertificateCompression> certificateCompression =
                CertificateCompression.PREFERENCE;
        private int maxCertificateSize = DEFAULT_MAX_CERTIFICATE_SIZE;
        private CompressedCertificateCache compressedCertificateCache;
        private KeyLog keyLog;
        private io.reactls.RevocationPolicy revocationPolicy = io.reactls.RevocationPolicy.OFF;
        private Duration revocationTimeout = TlsDefaults.REVOCATION_TIMEOUT;
        private io.reactls.OcspStapleSource ocspStaples;
        private int maxEarlyData;
        private Duration earlyDataWindow = DEFAULT_EARLY_DATA_WINDOW;
        private StrikeRegister strikeRegister;
        private List<KeyMaterial> keyMaterials;
        private List<SignatureScheme> certificateSignatureSchemes;
        private io.reactls.TrustAnchors anchors;
        private boolean sendCertificateAuthorities = true;
        private List<X500Principal> certificateAuthorities;

        private Builder(boolean client, KeyMaterial keyMaterial) {
            this.client = client;
            this.keyMaterial = keyMaterial;
        }

        public Builder versions(List<TlsVersion> v) {
            this.versions = nonEmpty(v, "versions");
            this.versionsSet = true;
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> s) {
            this.cipherSuites = nonEmpty(s, "cipher suites");
            return this;
        }

        public Builder groups(List<NamedGroup> g) {
            this.groups = nonEmpty(g, "groups");
            return this;
        }

        public Builder signatureSchemes(List<SignatureScheme> s) {
            this.signatureSchemes = nonEmpty(s, "signature schemes");
            return this;
        }

        public Builder alpn(List<String> protocols) {
            for (String p : protocols) {
                if (p.isEmpty() || p.length() > 255) {
                    throw new IllegalArgumentException("ALPN protocol names must be 1..255 bytes: '" + p + "'");
                }
            }
            this.alpn = List.copyOf(protocols);
            return this;
        }

        public Builder keyMaterial(KeyMaterial km) {
            this.keyMaterial = km;
            this.keyMaterials = null;
            return this;
        }

        /** A client's chains, preferred first; the first one that fits a CertificateRequest is sent. */
        public Builder keyMaterials(List<KeyMaterial> kms) {
            this.keyMaterials = nonEmpty(kms, "key materials");
            this.keyMaterial = this.keyMaterials.get(0);
            return this;
        }

        /** Restricts the peer's certificate signatures to {@code schemes} and says so (signature_algorithms_cert). */
        public Builder certificateSignatureSchemes(List<SignatureScheme> schemes) {
            this.certificateSignatureSchemes = schemes == null ? null : nonEmpty(schemes, "certificate signature schemes");
            return this;
        }

        /** Whether a server asking for client certificates names its trust anchors' subjects (default: yes). */
        public Builder sendCertificateAuthorities(boolean send) {
            this.sendCertificateAuthorities = send;
            return this;
        }

        /** Trust these anchors with the default security policy. */
        public Builder trustAnchors(io.reactls.TrustAnchors anchors) {
            this.verifier = new io.reactls.cert.PkixCertificateVerifier(anchors);
            this.anchors = anchors;
            return this;
        }

        public Builder verifier(CertificateVerifier v) {
            this.verifier = v;
            this.anchors = null;
            return this;
        }

        public Builder clientAuth(ClientAuthMode a) {
            this.clientAuth = Objects.requireNonNull(a);
            return this;
        }

        /**
     * Strict RFC 7627: refuse a TLS 1.2 full handshake without the extended master secret, with
     * {@code handshake_failure} (a server from a client that does not offer it, a client from a server that does not
     * echo it). Off by default, as in OpenSSL, Go, rustls and the JDK: such a handshake is accepted, but its session
     * is never resumed, never cached and never given a ticket, and it exports no keying material. EMS is always used
     * when both sides offer it.
     */
    public Builder requireExtendedMasterSecret(boolean required) {
            this.requireExtendedMasterSecret = required;
            return this;
        }

        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder aeadBackend(AeadBackend backend) {
            this.aeadBackend = Objects.requireNonNull(backend);
            return this;
        }

        /**
         * Whether the optional native crypto backend (Amazon Corretto Crypto Provider) may be used for the
         * primitives where it measured fastest, when it is on the class path and healthy. On by default; the system
         * property {@code io.reactls.crypto.native=false} turns it off for the whole JVM. The native key generation
         * and signatures draw on the native library's own DRBG, not on {@link #random(SecureRandom)}: a test that
         * replays exact bytes (RFC 8448 traces) turns the backend off.
         */
        public Builder nativeCrypto(boolean allowed) {
            this.nativeCrypto = allowed;
            return this;
        }

        /**
         * Enables TLS 1.2 session-ID resumption with a cache of at most {@code maxSize} sessions, each resumable for
         * {@code lifetime}: a server hands out session ids and resumes them, a client offers the last session of
         * the same server name and port. Off by default.
         */
        public Builder sessionIdCache(int maxSize, java.time.Duration lifetime) {
            this.sessionIdCache = new SessionIdCache(maxSize, lifetime);
            return this;
        }

        /** Shares an existing cache (e.g. between configs that differ in other settings), or null to disable. */
        public Builder sessionIdCache(SessionIdCache cache) {
            this.sessionIdCache = cache;
            return this;
        }

        /** Lowers the TLS 1.3 automatic KeyUpdate threshold below the AEAD limit (tests use a handful of records). */
        public Builder keyUpdateAfterRecords(long records) {
            if (records < 1) {
                throw new IllegalArgumentException("keyUpdateAfterRecords must be at least 1, got " + records);
            }
            this.keyUpdateAfterRecords = records;
            return this;
        }

        /** Client: keep tickets here and offer them on later connections to the same server name (and port). */
        public Builder sessionCache(SessionCache cache) {
            this.sessionCache = cache;
            return this;
        }

        /** Server: seal tickets with these keys, e.g. {@link TicketKeys#fromSecret} shared by a fleet of servers. */
        public Builder ticketKeys(TicketKeys keys) {
            return ticketSealer(new TicketSealer(Objects.requireNonNull(keys)));
        }

        /** Server: seal tickets with this sealer, made once for configs built over and over with the same keys. */
        public Builder ticketSealer(TicketSealer sealer) {
            this.ticketSealer = Objects.requireNonNull(sealer);
            return this;
        }

        /** Server: how many NewSessionTickets to send after a TLS 1.3 handshake (0 turns TLS 1.3 and 1.2 tickets off). */
        public Builder sessionTickets(int count) {
            if (count < 0 || count > 16) {
                throw new IllegalArgumentException("session tickets per handshake must be 0..16, got " + count);
            }
            this.sessionTickets = count;
            return this;
        }

        /** Server: ticket lifetime, at most 7 days (RFC 8446 §4.6.1). */
        public Builder ticketLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TICKET_LIFETIME) > 0) {
                throw new IllegalArgumentException("ticket lifetime must be in (0, 7 days], got " + lifetime);
            }
            this.ticketLifetime = lifetime;
            return this;
        }

        /**
         * The record_size_limit to announce (RFC 8449), 64 to 2^14 + 1 (TLS 1.2 is told at most 2^14), or 0 not to
         * send the extension. Default 2^14 + 1, as NSS and Firefox announce.
         */
        public Builder recordSizeLimit(int limit) {
            if (limit != 0 && (limit < RecordSizeLimit.MIN || limit > RecordSizeLimit.TLS13_MAX)) {
                throw new IllegalArgumentException("record_size_limit must be 0 (off) or " + RecordSizeLimit.MIN + ".."
                        + RecordSizeLimit.TLS13_MAX + ", got " + limit);
            }
            this.recordSizeLimit = limit;
            return this;
        }

        /** Server: whether to acknowledge the client's server_name (default yes, RFC 6066 §3: we record it in the session). */
        public Builder acknowledgeServerName(boolean acknowledge) {
            this.acknowledgeServerName = acknowledge;
            return this;
        }

        /** Server: when to list our groups in TLS 1.3 EncryptedExtensions; default {@link GroupsInEncryptedExtensions#WHEN_NOT_PREFERRED}. */
        public Builder groupsInEncryptedExtensions(GroupsInEncryptedExtensions when) {
            this.groupsInEncryptedExtensions = Objects.requireNonNull(when);
            return this;
        }

        /**
         * Client: TLS 1.3 middlebox compatibility mode (RFC 8446 §D.4), on by default as in OpenSSL, Go and browsers:
         * a random 32-byte legacy_session_id and a ChangeCipherSpec before our first encrypted record, so the handshake
         * looks like a resumed TLS 1.2 one to middleboxes. Off: an empty session id and no ChangeCipherSpec (NSS's
         * default, and the RFC 8448 traces), a few bytes less on networks known to be clean.
         */
        public Builder middleboxCompatibility(boolean enabled) {
            this.middleboxCompatibility = enabled;
            return this;
        }

        /**
         * Server: when the client supports a group we list before every group it sent a key share for, ask for that
         * group with a HelloRetryRequest instead of using a share it sent: one more round trip, to move clients to the
         * group we prefer (a hybrid post-quantum group, say). Off by default (OpenSSL, Go and rustls take any share
         * they accept); on, it is what NSS does in RFC 8448 §5.
         */
        public Builder retryForPreferredGroup(boolean enabled) {
            this.retryForPreferredGroup = enabled;
            return this;
        }

        /**
         * RFC 8701 GREASE: reserved, meaningless values in the places a peer must ignore unknown ones, so that peers
         * which choke on them are found now rather than when a real new value ships. On by default for clients, as in
         * Chrome, Firefox and Safari: nearly every server has met GREASE from browsers since 2017, so it costs a few
         * bytes and finds the rare intolerant one in testing. Off by default for servers (BoringSSL's default too):
         * server-sent GREASE (TLS 1.3 CertificateRequest and NewSessionTicket extensions) meets clients far less
         * exercised than servers, and a client failing on it cannot simply retry.
         */
        public Builder grease(boolean enabled) {
            this.grease = enabled;
            return this;
        }

        /**
         * TLS 1.3 certificate compression (RFC 8879): the algorithms to offer and accept, in preference order; those
         * whose library does not load here are dropped. Default: brotli, zstd, zlib ({@code CertificateCompression.PREFERENCE}),
         * on both sides, since it costs nothing unless the peer asks too, the server compresses once per chain, and it
         * saves a round trip when a chain would overflow the client's initial congestion window. An empty list turns
         * it off.
         */
        public Builder certificateCompression(List<CertificateCompression> algorithms) {
            if (algorithms.stream().distinct().count() != algorithms.size()) {
                throw new IllegalArgumentException("certificate compression algorithms listed twice: " + algorithms);
            }
            this.certificateCompression = List.copyOf(algorithms);
            return this;
        }

        /**
         * Client: pad a ClientHello of 256 to 511 bytes to 512 with the RFC 7685 padding extension, as BoringSSL
         * (Chrome) does and OpenSSL with SSL_OP_TLSEXT_PADDING, for F5 load balancers that hang on that size. On by
         * default: it costs at most 256 zero bytes once per connection, and only to hellos in that range.
         */
        public Builder padding(boolean enabled) {
            this.padding = enabled;
            return this;
        }

        /**
         * Largest TLS 1.3 Certificate accepted, plain or decompressed, 1 KiB to 2^24 - 1 bytes (RFC 8879's ceiling).
         * Default {@link #DEFAULT_MAX_CERTIFICATE_SIZE}.
         */
        public Builder maxCertificateSize(int bytes) {
            if (bytes < 1024 || bytes > 0xFFFFFF) {
                throw new IllegalArgumentException("maxCertificateSize must be 1024..2^24-1, got " + bytes);
            }
            this.maxCertificateSize = bytes;
            return this;
        }

        /**
         * Writes every connection's secrets to {@code log} in the NSS key log format, so Wireshark or tshark can
         * decrypt a capture; null turns it off (the default). For debugging only: anyone with the lines can read the
         * traffic, and a WARNING says so once per process.
         */
        public Builder keyLog(KeyLog log) {
            this.keyLog = log;
            return this;
        }

        /** Appends the secrets to {@code file} (see {@link #keyLog(KeyLog)}, {@link KeyLogFile}); opens it now. */
        public Builder keyLogFile(java.nio.file.Path file) {
            return keyLog(KeyLogFile.open(file));
        }

        /**
         * Key logging to the file named by the {@code SSLKEYLOGFILE} environment variable, if it is set; otherwise
         * no change. reactls reads that variable only when asked, here or with {@code -Dreactls.keylog.env=true}
         * ({@link KeyLogs#OPT_IN_PROPERTY}), never on its own.
         */
        public Builder keyLogFromEnvironment() {
            KeyLog fromEnvironment = KeyLogs.fromEnvironment();
            return fromEnvironment == null ? this : keyLog(fromEnvironment);
        }

        /** Client: revocation checking of the server certificate (default OFF); see {@link io.reactls.RevocationPolicy}. */
        public Builder revocationPolicy(io.reactls.RevocationPolicy policy) {
            this.revocationPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Client: the time-out of one OCSP or CRL fetch (default 5 s). */
        public Builder revocationTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("revocation timeout must be positive: " + timeout);
            }
            this.revocationTimeout = timeout;
            return this;
        }

        /** Server: staple OCSP responses from {@code source} (null: no stapling, the default). */
        public Builder ocspStaples(io.reactls.OcspStapleSource source) {
            this.ocspStaples = source;
            return this;
        }

        /**
         * Server: accept up to {@code bytes} of TLS 1.3 0-RTT data per connection, announced in our tickets (0, the
         * default, turns 0-RTT off). Early data can be replayed by an attacker (RFC 8446 §8): the server refuses
         * replayed and stale ClientHellos, and marks what it accepts ({@code TlsSession.earlyDataBytes()}).
         */
        public Builder maxEarlyData(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxEarlyData must not be negative, got " + bytes);
            }
            this.maxEarlyData = bytes;
            return this;
        }

        /** Server: the 0-RTT freshness window (RFC 8446 §8.3), default {@link #DEFAULT_EARLY_DATA_WINDOW}. */
        public Builder earlyDataWindow(Duration window) {
            if (window.isNegative() || window.isZero() || window.compareTo(TlsDefaults.MAX_EARLY_DATA_WINDOW) > 0) {
                throw new IllegalArgumentException("earlyDataWindow must be positive and at most 10 minutes, got " + window);
            }
            this.earlyDataWindow = window;
            return this;
        }

        /** Server: the in-memory 0-RTT anti-replay record (default: one of {@link #DEFAULT_STRIKE_REGISTER_SIZE} entries). */
        public Builder strikeRegister(StrikeRegister register) {
            this.strikeRegister = Objects.requireNonNull(register);
            return this;
        }

        public TlsConfig build() {
            if (!versionsSet) {
                // Default versions follow the suites: listing only TLS 1.2 suites means TLS 1.2 only.
                versions = versions.stream().filter(v -> cipherSuites.stream().anyMatch(s -> s.isTls13() == (v == TlsVersion.TLS_1_3))).toList();
                if (versions.isEmpty()) {
                    versions = DEFAULT_VERSIONS;
                }
            }
            for (TlsVersion v : versions) {
                boolean tls13 = v == TlsVersion.TLS_1_3;
                if (cipherSuites.stream().noneMatch(s -> s.isTls13() == tls13)) {
                    throw new IllegalArgumentException(v.displayName() + " is enabled but none of its cipher suites is");
                }
            }
            if (random == null) {
                random = seededDrbg();
            }
            // Here, on the caller's thread: the native backend's first use loads a library (blocking file I/O).
            crypto = CryptoProviders.of(nativeCrypto);
            if (!client && maxEarlyData > 0 && strikeRegister == null) {
                strikeRegister = new StrikeRegister(DEFAULT_STRIKE_REGISTER_SIZE);
            }
            if (!client && ticketSealer == null) {
                // Its own randomness: long-lived ticket keys do not draw on the per-connection random (which tests script).
                ticketSealer = new TicketSealer(TicketKeys.random(seededDrbg()));
            }
            io.reactls.cert.SecurityWarmup.ensure();
            // Here, on the caller's thread: loading a native codec extracts a library to disk, blocking I/O.
            certificateCompression = certificateCompression.stream()
                    .filter(CertificateCodecs::isAvailable).toList();
            if (compressedCertificateCache == null) {
                compressedCertificateCache = new CompressedCertificateCache();
            }
            if (verifier == null && (client || clientAuth != ClientAuthMode.NONE)) {
                verifier = DefaultVerifier.get();
            }
            if (keyMaterials == null) {
                keyMaterials = keyMaterial == null ? List.of() : List.of(keyMaterial);
            }
            if (anchors != null) {
                // Like OpenSSL's -Verify with -CAfile: the anchors' subjects, in the trust store's order.
                certificateAuthorities = !client && clientAuth != ClientAuthMode.NONE && sendCertificateAuthorities
                        ? anchors.certificates().stream().map(X509Certificate::getSubjectX500Principal)
                                .distinct().toList()
                        : List.of();
            } else if (certificateAuthorities == null || !sendCertificateAuthorities) {
                certificateAuthorities = List.of();
            }
            if (keyLog == null) {
                keyLog = KeyLogs.fromEnvironmentIfOptedIn();
            }
            if (keyLog != null) {
                KeyLogs.warnEnabled(keyLog);
            }
            return new TlsConfig(this);
        }

        /**
         * A DRBG seeded now, on the caller's thread: the platform default (NativePRNG) reads /dev/urandom on every
         * call, which is blocking file I/O on an event loop.
         */
        private static SecureRandom seededDrbg() {
            try {
                SecureRandom r = SecureRandom.getInstance("DRBG");
                r.nextBytes(new byte[1]);
                return r;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks the DRBG SecureRandom", e);
            }
        }

        private static <T> List<T> nonEmpty(List<T> l, String what) {
            if (l.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return List.copyOf(l);
        }
    }
}
