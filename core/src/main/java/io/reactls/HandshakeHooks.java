package io.reactls;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The asynchronous hooks a connection hands its slow handshake work to: a {@link PrivateKeySigner} for a key held in
 * a KMS or HSM, an {@link RsaDecrypter} for the TLS 1.2 RSA key exchange with such a key, and an
 * {@link AsyncCertificateVerifier} adding policy (revocation, pinning) over peer chains the configured verifier
 * accepted, and the stores a fleet of servers shares ({@link SessionIdStore}, {@link AntiReplayStore}). Work without a hook is done in place, with the local key and verifier. Immutable; {@link #none()} has
 * no hooks, and each {@code with...} returns a copy with one more.
 */
public final class HandshakeHooks {

    /** How long a handshake waits for a shared store before going on without it. */
    public static final java.time.Duration DEFAULT_STORE_TIMEOUT = java.time.Duration.ofMillis(500);

    private static final HandshakeHooks NONE = new HandshakeHooks(null, null, null, null, null, null, DEFAULT_STORE_TIMEOUT);

    private final PrivateKeySigner signer;
    private final RsaDecrypter decrypter;
    private final AsyncCertificateVerifier certificateVerifier;
    private final RevocationChecker revocationChecker;
    private final SessionIdStore sessionIdStore;
    private final AntiReplayStore antiReplayStore;
    private final java.time.Duration storeTimeout;

    private HandshakeHooks(PrivateKeySigner signer, RsaDecrypter decrypter, AsyncCertificateVerifier certificateVerifier,
                           RevocationChecker revocationChecker, SessionIdStore sessionIdStore,
                           AntiReplayStore antiReplayStore, java.time.Duration storeTimeout) {
        this.signer = signer;
        this.decrypter = decrypter;
        this.certificateVerifier = certificateVerifier;
        this.revocationChecker = revocationChecker;
        this.sessionIdStore = sessionIdStore;
        this.antiReplayStore = antiReplayStore;
        this.storeTimeout = storeTimeout;
    }

    /**
     * No hooks: every operation is done in place.
     *
     * @return the empty set of hooks
     */
    public static HandshakeHooks none() {
        return NONE;
    }

    /**
     * Signs with our key through {@code s}: TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange and client
     * CertificateVerify.
     *
     * @param s the signer
     * @return a copy with this signer
     */
    public HandshakeHooks withPrivateKeySigner(PrivateKeySigner s) {
        return new HandshakeHooks(Objects.requireNonNull(s, "signer"), decrypter, certificateVerifier, revocationChecker, sessionIdStore,
                antiReplayStore, storeTimeout);
    }

    /**
     * Server, TLS 1.2 RSA key exchange: decrypts the pre-master secret through {@code d}.
     *
     * @param d the decrypter
     * @return a copy with this decrypter
     */
    public HandshakeHooks withRsaDecrypter(RsaDecrypter d) {
        return new HandshakeHooks(signer, Objects.requireNonNull(d, "decrypter"), certificateVerifier, revocationChecker, sessionIdStore,
                antiReplayStore, storeTimeout);
    }

    /**
     * Runs {@code v} on every peer chain the configured verifier accepted; it may reject it.
     *
     * @param v the extra check
     * @return a copy with this check
     */
    public HandshakeHooks withCertificateVerifier(AsyncCertificateVerifier v) {
        return new HandshakeHooks(signer, decrypter, Objects.requireNonNull(v, "verifier"), revocationChecker, sessionIdStore,
                antiReplayStore, storeTimeout);
    }

    /**
     * Server: keeps and finds TLS 1.2 sessions for session-ID resumption in {@code store} (shared by a fleet) instead of
     * this server's memory.
     *
     * @param store the session store
     * @return a copy with this store
     */
    public HandshakeHooks withSessionIdStore(SessionIdStore store) {
        return new HandshakeHooks(signer, decrypter, certificateVerifier, revocationChecker, Objects.requireNonNull(store, "store"),
                antiReplayStore, storeTimeout);
    }

    /**
     * Server: records 0-RTT ClientHellos in {@code store} (shared by a fleet) instead of this server's memory.
     *
     * @param store the anti-replay record
     * @return a copy with this store
     */
    public HandshakeHooks withAntiReplayStore(AntiReplayStore store) {
        return new HandshakeHooks(signer, decrypter, certificateVerifier, revocationChecker, sessionIdStore, Objects.requireNonNull(store, "store"),
                storeTimeout);
    }

    /**
     * How long a handshake waits for a store's answer (default {@link #DEFAULT_STORE_TIMEOUT}); after it, the handshake
     * goes on without resumption or 0-RTT.
     *
     * @param timeout positive
     * @return a copy with this time-out
     */
    public HandshakeHooks withStoreTimeout(java.time.Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("store timeout must be positive, got " + timeout);
        }
        return new HandshakeHooks(signer, decrypter, certificateVerifier, revocationChecker, sessionIdStore, antiReplayStore, timeout);
    }

    /**
     * The session-ID store.
     *
     * @return the store, or null: sessions in this server's memory
     */
    public SessionIdStore sessionIdStore() {
        return sessionIdStore;
    }

    /**
     * The 0-RTT anti-replay store.
     *
     * @return the store, or null: the record in this server's memory
     */
    public AntiReplayStore antiReplayStore() {
        return antiReplayStore;
    }

    /**
     * How long a handshake waits for a store.
     *
     * @return the time-out
     */
    public java.time.Duration storeTimeout() {
        return storeTimeout;
    }

    /**
     * Checks the revocation of server certificates through {@code r} (before any {@link AsyncCertificateVerifier});
     * a client with a {@link RevocationPolicy} other than OFF gets one from the client module.
     *
     * @param r the revocation checker
     * @return a copy with this checker
     */
    public HandshakeHooks withRevocationChecker(RevocationChecker r) {
        return new HandshakeHooks(signer, decrypter, certificateVerifier, Objects.requireNonNull(r, "revocation checker"),
                sessionIdStore, antiReplayStore, storeTimeout);
    }

    /**
     * The revocation checker.
     *
     * @return the checker, or null: revocation is checked in place, from the staple alone
     */
    public RevocationChecker revocationChecker() {
        return revocationChecker;
    }

    /**
     * The signer.
     *
     * @return the signer, or null: sign in place
     */
    public PrivateKeySigner privateKeySigner() {
        return signer;
    }

    /**
     * The RSA decrypter.
     *
     * @return the decrypter, or null: decrypt in place (a key without its private part then serves ECDHE suites only)
     */
    public RsaDecrypter rsaDecrypter() {
        return decrypter;
    }

    /**
     * The extra certificate check.
     *
     * @return the check, or null: the configured verifier decides alone
     */
    public AsyncCertificateVerifier certificateVerifier() {
        return certificateVerifier;
    }

    /**
     * The kinds of operation these hooks take over from the engine.
     *
     * @return a new set of those kinds
     */
    public Set<PendingOperation.Kind> handedOut() {
        EnumSet<PendingOperation.Kind> kinds = EnumSet.noneOf(PendingOperation.Kind.class);
        if (signer != null) {
            kinds.add(PendingOperation.Kind.SIGN);
        }
        if (decrypter != null) {
            kinds.add(PendingOperation.Kind.RSA_DECRYPT);
        }
        if (certificateVerifier != null || revocationChecker != null) {
            kinds.add(PendingOperation.Kind.CERTIFICATE_CHECK);
        }
        if (sessionIdStore != null) {
            kinds.add(PendingOperation.Kind.SESSION_STORE);
        }
        if (antiReplayStore != null) {
            kinds.add(PendingOperation.Kind.ANTI_REPLAY);
        }
        return kinds;
    }

    /**
     * Refuses key material whose private key is not here ({@link KeyMaterial#remote}) when there is no signer:
     * nothing could sign for it.
     *
     * @param keyMaterial ours, or null
     * @throws IllegalArgumentException for a remote key without a signer
     */
    public void checkCanServe(KeyMaterial keyMaterial) {
        if (keyMaterial != null && !keyMaterial.isLocal() && signer == null) {
            throw new IllegalArgumentException("key material without a private key needs a privateKeySigner");
        }
    }
}
