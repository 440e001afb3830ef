package io.reactls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a client's and a server's configuration share, read once for {@link TlsClientConfig} and
 * {@link TlsServerConfig}: the versions, suites, groups, signature schemes and ALPN protocols a side speaks, how it
 * verifies the peer's chain, TLS 1.2 session ids, the record and certificate limits, and its asynchronous hooks. Only
 * those two extend it (their builders share {@link TlsConfigBuilder} the same way).
 *
 * <p>A config is a plain, immutable value: it holds what was set, with the defaults filled in. The engine state a
 * config stands for (its random source, TLS 1.2 session-id cache, compressed-certificate cache, a server's ticket keys
 * and 0-RTT record) is made once per config instance, the first time reactls uses it, and shared by every connection
 * made with that instance; two configs built alike do not share it. The defaults are those of {@link TlsDefaults}.
 */
public abstract sealed class TlsEndpointConfig permits TlsClientConfig, TlsServerConfig {

    private final List<TlsVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<SignatureScheme> certificateSignatureSchemes;
    private final List<String> alpn;
    private final TrustAnchors trustAnchors;
    private final CertificateVerifier verifier;
    private final HandshakeHooks hooks;
    private final int sessionIdCacheSize;
    private final Duration sessionIdLifetime;
    private final boolean requireExtendedMasterSecret;
    private final List<CertificateCompression> certificateCompression;
    private final int recordSizeLimit;
    private final int maxCertificateSize;
    private final boolean grease;
    private final boolean nativeCrypto;
    private final Path keyLogFile;

    TlsEndpointConfig(TlsConfigBuilder<?> b, List<TlsVersion> versions, boolean greaseByDefault) {
        this.versions = versions;
        this.cipherSuites = b.cipherSuites;
        this.groups = b.groups;
        this.signatureSchemes = b.signatureSchemes;
        this.certificateSignatureSchemes = b.certificateSignatureSchemes;
        this.alpn = b.alpn;
        this.trustAnchors = b.trustAnchors;
        this.verifier = b.verifier;
        this.hooks = b.hooks;
        this.sessionIdCacheSize = b.sessionIdCacheSize;
        this.sessionIdLifetime = b.sessionIdLifetime;
        this.requireExtendedMasterSecret = b.requireExtendedMasterSecret;
        this.certificateCompression = b.certificateCompression;
        this.recordSizeLimit = b.recordSizeLimit;
        this.maxCertificateSize = b.maxCertificateSize;
        this.grease = b.grease != null ? b.grease : greaseByDefault;
        this.nativeCrypto = b.nativeCrypto;
        this.keyLogFile = b.keyLogFile;
    }

    /**
     * The versions offered (client) or accepted (server), preferred first.
     *
     * @return the enabled versions
     */
    public List<TlsVersion> versions() {
        return versions;
    }

    /**
     * The cipher suites offered (client) or accepted (server), preferred first.
     *
     * @return the enabled suites
     */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /**
     * The key-exchange groups, preferred first.
     *
     * @return the groups
     */
    public List<NamedGroup> groups() {
        return groups;
    }

    /**
     * The signature schemes we sign with and accept from the peer, preferred first.
     *
     * @return the schemes
     */
    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /**
     * The only schemes accepted in the signatures of the peer's certificates, announced as signature_algorithms_cert.
     *
     * @return the schemes, empty when unset (nothing sent, the security policy judges)
     */
    public List<SignatureScheme> certificateSignatureSchemes() {
        return certificateSignatureSchemes;
    }

    /**
     * The ALPN protocols offered (client) or accepted (server), preferred first.
     *
     * @return the protocols, empty for no ALPN
     */
    public List<String> alpn() {
        return alpn;
    }

    /**
     * The CAs the peer's chains are verified against: a client's for the server, a server's for client certificates.
     *
     * @return the trust anchors, empty when a {@link #verifier()} decides or (client) the JDK's trusted CAs are used
     */
    public Optional<TrustAnchors> trustAnchors() {
        return Optional.ofNullable(trustAnchors);
    }

    /**
     * The verifier deciding whether a peer chain is trusted, when one was set instead of {@link #trustAnchors()}.
     *
     * @return the verifier, or empty
     */
    public Optional<CertificateVerifier> verifier() {
        return Optional.ofNullable(verifier);
    }

    /**
     * The asynchronous hooks set on this configuration (signer, decrypter, certificate check, stores).
     *
     * @return the hooks, {@link HandshakeHooks#none()} when none is set
     */
    public HandshakeHooks hooks() {
        return hooks;
    }

    /**
     * The most TLS 1.2 sessions kept for session-id resumption.
     *
     * @return the cache size, 0 when session ids are off
     */
    public int sessionIdCacheSize() {
        return sessionIdCacheSize;
    }

    /**
     * How long a TLS 1.2 session may be resumed by its session id.
     *
     * @return the lifetime, meaningful when {@link #sessionIdCacheSize()} is not 0
     */
    public Duration sessionIdLifetime() {
        return sessionIdLifetime;
    }

    /**
     * Whether a TLS 1.2 handshake without the extended master secret (RFC 7627) is refused.
     *
     * @return whether the extended master secret is required
     */
    public boolean requireExtendedMasterSecret() {
        return requireExtendedMasterSecret;
    }

    /**
     * The TLS 1.3 certificate compression algorithms, preferred first; those whose library does not load here are
     * skipped when connecting.
     *
     * @return the algorithms, empty when compression is off
     */
    public List<CertificateCompression> certificateCompression() {
        return certificateCompression;
    }

    /**
     * The record_size_limit announced (RFC 8449).
     *
     * @return 64 to 2^14 + 1, or 0 when it is not sent
     */
    public int recordSizeLimit() {
        return recordSizeLimit;
    }

    /**
     * The largest TLS 1.3 peer Certificate accepted, plain or decompressed.
     *
     * @return the limit in bytes
     */
    public int maxCertificateSize() {
        return maxCertificateSize;
    }

    /**
     * Whether RFC 8701 GREASE values are sent.
     *
     * @return whether GREASE is on
     */
    public boolean grease() {
        return grease;
    }

    /**
     * Whether the optional native crypto backend may be used.
     *
     * @return whether native crypto is allowed
     */
    public boolean nativeCrypto() {
        return nativeCrypto;
    }

    /**
     * The file every connection's secrets are appended to (NSS key log format), for debugging.
     *
     * @return the key log file, or empty when secrets are not logged (unless {@code -Dreactls.keylog.env=true})
     */
    public Optional<Path> keyLogFile() {
        return Optional.ofNullable(keyLogFile);
    }
}
