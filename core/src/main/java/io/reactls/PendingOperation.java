package io.reactls;

import io.reactls.CertificateVerifier.PeerRole;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Work the handshake hands to the engine instead of doing it itself, because it may be slow or remote (a key in a
 * KMS or HSM, a revocation service). Every state that signs, decrypts an RSA key exchange, accepts a peer chain or
 * consults a shared store (session ids, 0-RTT anti-replay) returns one, always: the engine completes it in place with the local key and verifier, unless its driver took
 * that {@link Kind} over, in which case the engine stops at it, keeps buffering what the peer sends, and continues
 * when the driver completes or fails it.
 */
public sealed interface PendingOperation {

    /** What a driver may take over; the engine does the kinds it was not asked to hand out. */
    enum Kind {
        /** {@link SignRequest}. */
        SIGN,
        /** {@link RsaDecryptRequest}. */
        RSA_DECRYPT,
        /** {@link CertificateCheck}. */
        CERTIFICATE_CHECK,
        /** {@link SessionLookup} and {@link SessionSave}: the TLS 1.2 session-ID cache. */
        SESSION_STORE,
        /** {@link ReplayCheck}: the 0-RTT anti-replay record. */
        ANTI_REPLAY
    }

    /**
     * Which kind of work this is.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * Sign {@code content} with the private key of {@code key} using {@code scheme} (the whole message, not a hash:
     * ECDSA and RSA schemes hash it themselves). TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange and client
     * CertificateVerify. Completed with the signature bytes as they go on the wire.
     */
    record SignRequest(KeyMaterial key, SignatureScheme scheme, byte[] content) implements PendingOperation {
        @Override
        public Kind kind() {
            return Kind.SIGN;
        }
    }

    /**
     * TLS 1.2 RSA key exchange: RSAES-PKCS1-v1_5-decrypt {@code encryptedPreMaster} with the private key of {@code key}.
     * Completed with the raw plaintext (whatever its length), or failed; the engine then applies RFC 5246 §7.4.7.1
     * itself, so a failure is never visible to the peer before Finished.
     *
     * @param clientVersion the version the client offered in its ClientHello, which a genuine pre-master secret
     *        carries in its first two bytes (checked by the engine, not by whoever decrypts)
     */
    record RsaDecryptRequest(KeyMaterial key, byte[] encryptedPreMaster, int clientVersion) implements PendingOperation {
        @Override
        public Kind kind() {
            return Kind.RSA_DECRYPT;
        }
    }

    /**
     * Custom policy over a peer chain that the configured {@link io.reactls.CertificateVerifier} already
     * accepted (the engine runs that verifier first, always). Completed to accept; failed to reject (a
     * {@link io.reactls.TlsAlertException} names its alert, anything else is bad_certificate).
     *
     * @param hostname the name the client meant to reach, null for client certificates
     * @param ocspResponse the DER OCSPResponse the server stapled to its leaf (RFC 6066 §8, RFC 8446 §4.4.2.1), or
     *        null when none was asked for or sent
     */
    record CertificateCheck(List<X509Certificate> chain, String hostname, PeerRole role, byte[] ocspResponse)
            implements PendingOperation {

        /**
         * A chain without a stapled response.
         *
         * @param chain the peer's chain, leaf first
         * @param hostname the name the client meant to reach, null for client certificates
         * @param role whose chain it is
         */
        public CertificateCheck(List<X509Certificate> chain, String hostname, PeerRole role) {
            this(chain, hostname, role, null);
        }

        @Override
        public Kind kind() {
            return Kind.CERTIFICATE_CHECK;
        }
    }

    /**
     * Server, TLS 1.2 session-ID resumption: the session a ClientHello asks for. Completed with the encoded session
     * the store holds under {@code sessionId} (as {@link SessionSave} gave it), or with null when it has none; a
     * failure means a full handshake, never a failed one.
     */
    record SessionLookup(byte[] sessionId) implements PendingOperation {
        @Override
        public Kind kind() {
            return Kind.SESSION_STORE;
        }
    }

    /**
     * Server, TLS 1.2: keep the new session {@code session} (opaque bytes, secret: it holds the master secret) under
     * {@code sessionId} for {@code lifetime}. Completed when stored; a failure only means it cannot be resumed.
     */
    record SessionSave(byte[] sessionId, byte[] session, Duration lifetime) implements PendingOperation {
        @Override
        public Kind kind() {
            return Kind.SESSION_STORE;
        }
    }

    /**
     * Server, TLS 1.3 0-RTT (RFC 8446 §8.2): record {@code key} (it names one ClientHello: its PSK binder) for
     * {@code ttl} and say whether it was new. Completed with true the first time, false for a replay; a failure
     * refuses the early data (the handshake goes on in 1-RTT).
     */
    record ReplayCheck(byte[] key, Duration ttl) implements PendingOperation {
        @Override
        public Kind kind() {
            return Kind.ANTI_REPLAY;
        }
    }
}
