package io.reactls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The options a client and a server share, written once for {@link TlsClientConfig.Builder} and
 * {@link TlsServerConfig.Builder}: versions, suites, groups, signature schemes, ALPN, the asynchronous signer and
 * certificate check, TLS 1.2 session ids, the extended master secret, certificate compression, record size, GREASE
 * and the key log. Every setter returns the concrete builder, so client-only and server-only options chain after
 * them. Only those two builders extend it, so an option of one side never appears on the other.
 *
 * @param <B> the concrete builder
 */
public abstract sealed class TlsConfigBuilder<B extends TlsConfigBuilder<B>>
        permits TlsClientConfig.Builder, TlsServerConfig.Builder {

    /** The environment variable naming the key log file, as in NSS, OpenSSL and browsers. */
    private static final String KEY_LOG_VARIABLE = "SSLKEYLOGFILE";

    // The options as set, defaults filled in; the concrete config copies them.
    List<CipherSuite> cipherSuites = TlsDefaults.CIPHER_SUITES;
    /** Null until set: the default versions then follow the suites. */
    List<TlsVersion> versions;
    List<NamedGroup> groups = TlsDefaults.GROUPS;
    List<SignatureScheme> signatureSchemes = TlsDefaults.SIGNATURE_SCHEMES;
    List<SignatureScheme> certificateSignatureSchemes = List.of();
    List<String> alpn = List.of();
    TrustAnchors trustAnchors;
    CertificateVerifier verifier;
    HandshakeHooks hooks = HandshakeHooks.none();
    int sessionIdCacheSize;
    Duration sessionIdLifetime = TlsServerConfig.DEFAULT_SESSION_LIFETIME;
    /** Whether {@link #sessionIdCache} was called (a server's session-ID store keeps its lifetime otherwise). */
    boolean sessionIdCacheSet;
    boolean requireExtendedMasterSecret;
    List<CertificateCompression> certificateCompression = CertificateCompression.PREFERENCE;
    int recordSizeLimit = TlsDefaults.RECORD_SIZE_LIMIT;
    int maxCertificateSize = TlsDefaults.MAX_CERTIFICATE_SIZE;
    /** Null until set: on for a client, off for a server. */
    Boolean grease;
    boolean nativeCrypto = true;
    Path keyLogFile;

    TlsConfigBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The versions to offer (client) or accept (server), preferred first; default TLS 1.3, TLS 1.2 (as far as the
     * suites allow: listing only one version's suites enables that version only).
     *
     * @param versions the versions, at least one
     * @return this builder
     */
    public B versions(TlsVersion... versions) {
        this.versions = nonEmpty(versions, "versions");
        return self();
    }

    /**
     * The cipher suites, preferred first. Default: the TLS 1.3 suites, then the TLS 1.2 ECDHE AEAD suites; list the
     * TLS 1.2 RSA key exchange or CBC suites here to enable them.
     *
     * @param suites the suites, at least one
     * @return this builder
     */
    public B cipherSuites(CipherSuite... suites) {
        cipherSuites = nonEmpty(suites, "cipher suites");
        return self();
    }

    /**
     * The key-exchange groups, preferred first; default x25519, secp256r1, secp384r1.
     *
     * @param groups the groups, at least one
     * @return this builder
     */
    public B groups(NamedGroup... groups) {
        this.groups = nonEmpty(groups, "groups");
        return self();
    }

    /**
     * The signature schemes we sign with and accept from the peer, preferred first.
     *
     * @param schemes the schemes, at least one
     * @return this builder
     */
    public B signatureSchemes(SignatureScheme... schemes) {
        signatureSchemes = nonEmpty(schemes, "signature schemes");
        return self();
    }

    /**
     * Accept only these schemes in the signatures of the peer's certificates (trust anchors' self-signatures aside)
     * and say so in signature_algorithms_cert (RFC 8446 §4.2.3; a server in its CertificateRequest); a chain signed
     * otherwise fails with {@code unsupported_certificate}. Unset by default, as in OpenSSL: nothing sent, the security
     * policy judges.
     *
     * @param schemes the schemes, at least one
     * @return this builder
     */
    public B certificateSignatureSchemes(SignatureScheme... schemes) {
        certificateSignatureSchemes = nonEmpty(schemes, "certificate signature schemes");
        return self();
    }

    /**
     * The ALPN protocols we speak, preferred first (e.g. {@code "h2", "http/1.1"}); none by default.
     *
     * @param protocols the protocol names, each 1 to 255 bytes
     * @return this builder
     */
    public B alpn(String... protocols) {
        for (String p : protocols) {
            if (p.isEmpty() || p.length() > 255) {
                throw new IllegalArgumentException("ALPN protocol names must be 1..255 bytes: '" + p + "'");
            }
        }
        alpn = List.of(protocols);
        return self();
    }

    /**
     * Signs with our key through {@code signer} without blocking (a key in a KMS, an HSM, a PKCS#11 token or a smart
     * card); required for {@link KeyMaterial#remote} key material.
     *
     * @param signer answers each signature the handshake needs
     * @return this builder
     */
    public B privateKeySigner(PrivateKeySigner signer) {
        hooks = hooks.withPrivateKeySigner(signer);
        return self();
    }

    /**
     * A further, asynchronous check of each peer chain the verifier accepted (revocation, pinning, a policy
     * service): complete empty to accept, fail to reject.
     *
     * @param verifier the check
     * @return this builder
     */
    public B certificateVerifier(AsyncCertificateVerifier verifier) {
        hooks = hooks.withCertificateVerifier(verifier);
        return self();
    }

    /**
     * TLS 1.2 session-id resumption with at most {@code maxSize} sessions, each kept for {@code lifetime}; off by
     * default. A server hands out session ids and resumes them; a client offers the last session of the same server
     * name and port.
     *
     * @param maxSize the most sessions kept
     * @param lifetime how long each may be resumed
     * @return this builder
     */
    public B sessionIdCache(int maxSize, Duration lifetime) {
        if (maxSize < 1 || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session-id cache needs a positive size and lifetime, got " + maxSize
                    + ", " + lifetime);
        }
        sessionIdCacheSize = maxSize;
        sessionIdLifetime = lifetime;
        sessionIdCacheSet = true;
        return self();
    }

    /**
     * Refuse a TLS 1.2 handshake that does not negotiate the extended master secret (RFC 7627) with
     * handshake_failure. Off by default, as in OpenSSL, Go, rustls and the JDK: such a handshake is accepted, but its
     * session is never resumed and exports no keying material.
     *
     * @param required whether to refuse such handshakes
     * @return this builder
     */
    public B requireExtendedMasterSecret(boolean required) {
        requireExtendedMasterSecret = required;
        return self();
    }

    /**
     * TLS 1.3 certificate compression (RFC 8879) we use and accept, preferred first; default brotli, zstd, zlib (those
     * whose library loads here); none turns it off.
     *
     * @param algorithms the algorithms, each at most once
     * @return this builder
     */
    public B certificateCompression(CertificateCompression... algorithms) {
        List<CertificateCompression> list = List.of(algorithms);
        if (list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("certificate compression algorithms listed twice: " + list);
        }
        certificateCompression = list;
        return self();
    }

    /**
     * The record_size_limit to announce (RFC 8449).
     *
     * @param limit 64 to 2^14 + 1, or 0 not to send it
     * @return this builder
     */
    public B recordSizeLimit(int limit) {
        if (limit != 0 && (limit < TlsDefaults.MIN_RECORD_SIZE_LIMIT || limit > TlsDefaults.MAX_RECORD_SIZE_LIMIT)) {
            throw new IllegalArgumentException("record_size_limit must be 0 (off) or " + TlsDefaults.MIN_RECORD_SIZE_LIMIT + ".."
                    + TlsDefaults.RECORD_SIZE_LIMIT + ", got " + limit);
        }
        recordSizeLimit = limit;
        return self();
    }

    /**
     * Largest TLS 1.3 peer Certificate accepted, plain or decompressed (default 64 KiB).
     *
     * @param bytes 1 KiB to 2^24 - 1
     * @return this builder
     */
    public B maxCertificateSize(int bytes) {
        if (bytes < 1024 || bytes > 0xFFFFFF) {
            throw new IllegalArgumentException("maxCertificateSize must be 1024..2^24-1, got " + bytes);
        }
        maxCertificateSize = bytes;
        return self();
    }

    /**
     * RFC 8701 GREASE: reserved values where a peer must ignore unknown ones. On by default for a client (in its
     * ClientHello, as browsers do), off by default for a server (TLS 1.3 CertificateRequest and NewSessionTicket).
     *
     * @param enabled whether to send GREASE values
     * @return this builder
     */
    public B grease(boolean enabled) {
        grease = enabled;
        return self();
    }

    /**
     * Whether the optional native crypto backend (Amazon Corretto Crypto Provider, when on the class path and its
     * self-tests pass) may run the primitives where it measured fastest: ECDHE on the NIST curves, ECDSA and RSA
     * signatures, AES-GCM on JDKs before 25. On by default; {@code -Dio.reactls.crypto.native=false} turns it off
     * for the whole JVM.
     *
     * @param allowed whether the native backend may be used
     * @return this builder
     */
    public B nativeCrypto(boolean allowed) {
        nativeCrypto = allowed;
        return self();
    }

    /**
     * Appends every connection's secrets to {@code file} in the NSS key log format (SSLKEYLOGFILE), so Wireshark or
     * tshark can decrypt a capture. The file is created readable by its owner only, or appended to, when reactls first
     * uses the config (the client's and server's options do when they are built). For debugging only: anyone with the
     * lines can read the traffic, and a WARNING says so once per process.
     *
     * @param file the key log file
     * @return this builder
     */
    public B keyLogFile(Path file) {
        keyLogFile = Objects.requireNonNull(file, "file");
        return self();
    }

    /**
     * Key logging to the file named by the {@code SSLKEYLOGFILE} environment variable, if it is set; otherwise no
     * change. reactls reads that variable only when asked, here or with {@code -Dreactls.keylog.env=true}.
     *
     * @return this builder
     */
    public B keyLogFromEnvironment() {
        String file = System.getenv(KEY_LOG_VARIABLE);
        if (file != null && !file.isBlank()) {
            keyLogFile = Path.of(file);
        }
        return self();
    }

    /**
     * All asynchronous hooks at once, replacing those set before (see {@link HandshakeHooks}).
     *
     * @param hooks the hooks
     * @return this builder
     */
    public B hooks(HandshakeHooks hooks) {
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        return self();
    }

    /**
     * The versions the config enables, checked against the suites: those set, each of which needs one of its suites;
     * unset, the default versions one of the suites can negotiate (listing only TLS 1.2 suites means TLS 1.2 only).
     */
    List<TlsVersion> checkedVersions() {
        List<TlsVersion> enabled = versions != null ? versions : TlsDefaults.VERSIONS.stream()
                .filter(v -> cipherSuites.stream().anyMatch(v::negotiates)).toList();
        for (TlsVersion v : enabled) {
            if (cipherSuites.stream().noneMatch(v::negotiates)) {
                throw new IllegalArgumentException(v.displayName() + " is enabled but none of its cipher suites is");
            }
        }
        return enabled;
    }

    /** Positive and at most {@code max}, or an IllegalArgumentException naming {@code what}. */
    static Duration checkedDuration(Duration d, Duration max, String what) {
        if (d.isNegative() || d.isZero() || (max != null && d.compareTo(max) > 0)) {
            throw new IllegalArgumentException(what + " must be positive" + (max == null ? "" : " and at most " + max)
                    + ", got " + d);
        }
        return d;
    }

    private static <T> List<T> nonEmpty(T[] values, String what) {
        if (values.length == 0) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return List.of(values);
    }
}
