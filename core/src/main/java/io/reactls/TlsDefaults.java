package io.reactls;

import java.time.Duration;
import java.util.List;

/**
 * The defaults every reactls configuration starts from ({@link TlsClientConfig}, {@link TlsServerConfig}, the JSSE
 * and SslContext doors) and the limits their options are checked against. Secure ones: TLS 1.3 and TLS 1.2 with ECDHE
 * and AEAD suites.
 */
public final class TlsDefaults {

    /** Suites: TLS 1.3, then the forward-secret AEAD TLS 1.2 suites; ECDSA and RSA certificates both served. */
    public static final List<CipherSuite> CIPHER_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /** Versions: TLS 1.3 preferred, TLS 1.2 as fallback (as far as the suites allow). */
    public static final List<TlsVersion> VERSIONS = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);

    /** Key-exchange groups, preferred first. */
    public static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);

    /** Signature schemes, OpenSSL 3's order: ECDSA, EdDSA, RSASSA-PSS (PSS keys, then rsaEncryption keys), PKCS#1 last. */
    public static final List<SignatureScheme> SIGNATURE_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512,
            SignatureScheme.ED25519,
            SignatureScheme.RSA_PSS_PSS_SHA256,
            SignatureScheme.RSA_PSS_PSS_SHA384,
            SignatureScheme.RSA_PSS_PSS_SHA512,
            SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512);

    /**
     * Largest TLS 1.3 Certificate accepted, plain or once decompressed (RFC 8879 §5: the same limit either
     * way): 64 KiB like rustls; real chains are a few KiB, and this caps what a peer's declared length can make us
     * allocate.
     */
    public static final int MAX_CERTIFICATE_SIZE = 1 << 16;

    /** The largest record_size_limit (RFC 8449: 2^14 + 1 in TLS 1.3, of which TLS 1.2 is told 2^14). */
    public static final int MAX_RECORD_SIZE_LIMIT = (1 << 14) + 1;

    /** The record_size_limit announced (RFC 8449): the largest, as NSS and Firefox announce. */
    public static final int RECORD_SIZE_LIMIT = MAX_RECORD_SIZE_LIMIT;

    /** The smallest record_size_limit (RFC 8449 §4). */
    public static final int MIN_RECORD_SIZE_LIMIT = 64;

    /** NewSessionTickets a server sends after each TLS 1.3 handshake. */
    public static final int SESSION_TICKETS = 2;

    /** The longest a ticket may be used (RFC 8446 §4.6.1). */
    public static final Duration MAX_TICKET_LIFETIME = Duration.ofDays(7);

    /** The 0-RTT freshness window: client and server clocks and a round trip fit in it (RFC 8446 §8.3). */
    public static final Duration EARLY_DATA_WINDOW = Duration.ofSeconds(10);

    /** The longest 0-RTT freshness window. */
    public static final Duration MAX_EARLY_DATA_WINDOW = Duration.ofMinutes(10);

    /** How long one OCSP query or CRL download may take before the status counts as unknown. */
    public static final Duration REVOCATION_TIMEOUT = Duration.ofSeconds(5);

    private TlsDefaults() {
    }
}
