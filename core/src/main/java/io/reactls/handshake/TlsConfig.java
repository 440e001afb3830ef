package io.reactls.handshake;

import io.reactls.cert.CertificateVerifier;
import io.reactls.cert.KeyMaterial;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.crypto.CipherSuite;
import io.reactls.crypto.NamedGroup;
import io.reactls.crypto.SignatureScheme;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything a connection may negotiate, immutable. Defaults are the secure ones: ECDHE with AEAD, extended master
 * secret required, chains verified against the JDK's trust anchors. The RSA key exchange is available by listing
 * its suites explicitly.
 */
public final class TlsConfig {

    /** Default suites: TLS 1.3, then forward-secret AEAD TLS 1.2 suites; ECDSA and RSA certificates both served. */
    public static final List<CipherSuite> DEFAULT_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /** TLS 1.3 preferred, TLS 1.2 as fallback. */
    public static final List<TlsVersion> DEFAULT_VERSIONS = List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2);

    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);

    public static final List<SignatureScheme> DEFAULT_SIGNATURE_SCHEMES = List.of(
            SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512,
            SignatureScheme.ED25519,
            SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384,
            SignatureScheme.RSA_PSS_RSAE_SHA512,
            SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384,
            SignatureScheme.RSA_PKCS1_SHA512);

    private final boolean client;
    private final List<TlsVersion> versions;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> alpn;
    private final KeyMaterial keyMaterial;
    private final CertificateVerifier verifier;
    private final ClientAuth clientAuth;
    private final boolean requireExtendedMasterSecret;
    private final SecureRandom random;
    private final Clock clock;
    private final AeadBackend aeadBackend;

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
        this.aeadBackend = b.aeadBackend;
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

    /** Verifies the peer's chain; a client always has one, a server needs one when it asks for certificates. */
    public CertificateVerifier verifier() {
        return verifier;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

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
        b.aeadBackend = aeadBackend;
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
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean requireExtendedMasterSecret = true;
        private SecureRandom random;
        private Clock clock = Clock.systemUTC();
        private AeadBackend aeadBackend = AeadBackends.jce();

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
            return this;
        }

        /** Trust these anchors with the default security policy. */
        public Builder trustAnchors(io.reactls.cert.TrustAnchors anchors) {
            this.verifier = new io.reactls.cert.PkixCertificateVerifier(anchors);
            return this;
        }

        public Builder verifier(CertificateVerifier v) {
            this.verifier = v;
            return this;
        }

        public Builder clientAuth(ClientAuth a) {
            this.clientAuth = Objects.requireNonNull(a);
            return this;
        }

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
            io.reactls.cert.SecurityWarmup.ensure();
            if (verifier == null && (client || clientAuth != ClientAuth.NONE)) {
                verifier = DefaultVerifier.get();
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
