package io.reactls;

import io.reactls.handshake.TlsConfig;
import io.reactls.internal.PublicConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    static {
        // A config exists only once a builder made it: by then reactls's own packages can reach its engine config.
        PublicConfigs.grant(new PublicConfigs.Access() {
            @Override
            public TlsConfig engineConfig(TlsClientConfig config) {
                return config.engineConfig();
            }

            @Override
            public TlsConfig engineConfig(TlsServerConfig config) {
                return config.engineConfig();
            }

            @Override
            public TlsClientConfig clientConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
                return new TlsClientConfig(engineConfig, hooks);
            }

            @Override
            public TlsServerConfig serverConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
                return new TlsServerConfig(engineConfig, hooks);
            }
        });
    }

    /** The engine configuration being built (its package is internal). */
    final TlsConfig.Builder engine;
    /** The asynchronous hooks set so far. */
    HandshakeHooks hooks = HandshakeHooks.none();
    /** Whether {@link #sessionIdCache} was called (a server's session-ID store keeps its lifetime otherwise). */
    boolean sessionIdCacheSet;

    TlsConfigBuilder(TlsConfig.Builder engine) {
        this.engine = engine;
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
        engine.versions(List.of(versions));
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
        engine.cipherSuites(List.of(suites));
        return self();
    }

    /**
     * The key-exchange groups, preferred first; default x25519, secp256r1, secp384r1.
     *
     * @param groups the groups, at least one
     * @return this builder
     */
    public B groups(NamedGroup... groups) {
        engine.groups(List.of(groups));
        return self();
    }

    /**
     * The signature schemes we sign with and accept from the peer, preferred first.
     *
     * @param schemes the schemes, at least one
     * @return this builder
     */
    public B signatureSchemes(SignatureScheme... schemes) {
        engine.signatureSchemes(List.of(schemes));
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
        engine.certificateSignatureSchemes(List.of(schemes));
        return self();
    }

    /**
     * The ALPN protocols we speak, preferred first (e.g. {@code "h2", "http/1.1"}); none by default.
     *
     * @param protocols the protocol names, each 1 to 255 bytes
     * @return this builder
     */
    public B alpn(String... protocols) {
        engine.alpn(List.of(protocols));
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
        engine.sessionIdCache(maxSize, lifetime);
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
        engine.requireExtendedMasterSecret(required);
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
        engine.certificateCompression(List.of(algorithms));
        return self();
    }

    /**
     * The record_size_limit to announce (RFC 8449).
     *
     * @param limit 64 to 2^14 + 1, or 0 not to send it
     * @return this builder
     */
    public B recordSizeLimit(int limit) {
        engine.recordSizeLimit(limit);
        return self();
    }

    /**
     * Largest TLS 1.3 peer Certificate accepted, plain or decompressed (default 64 KiB).
     *
     * @param bytes 1 KiB to 2^24 - 1
     * @return this builder
     */
    public B maxCertificateSize(int bytes) {
        engine.maxCertificateSize(bytes);
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
        engine.grease(enabled);
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
        engine.nativeCrypto(allowed);
        return self();
    }

    /**
     * Appends every connection's secrets to {@code file} in the NSS key log format (SSLKEYLOGFILE), so Wireshark or
     * tshark can decrypt a capture; opens the file now, readable by its owner only. For debugging only: anyone with
     * the lines can read the traffic, and a WARNING says so once per process.
     *
     * @param file the key log file
     * @return this builder
     */
    public B keyLogFile(Path file) {
        engine.keyLogFile(file);
        return self();
    }

    /**
     * Key logging to the file named by the {@code SSLKEYLOGFILE} environment variable, if it is set; otherwise no
     * change. reactls reads that variable only when asked, here or with {@code -Dreactls.keylog.env=true}.
     *
     * @return this builder
     */
    public B keyLogFromEnvironment() {
        engine.keyLogFromEnvironment();
        return self();
    }

    /** The engine configuration, checked: an enabled version needs a suite, a remote key needs a signer. */
    TlsConfig buildEngineConfig() {
        TlsConfig config = engine.build();
        hooks.checkCanServe(config.keyMaterial());
        return config;
    }
}
