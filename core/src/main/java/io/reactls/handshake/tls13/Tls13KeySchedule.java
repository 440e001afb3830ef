package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.CipherSuite;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;
import io.reactls.handshake.KeyingMaterialExporter;
import io.reactls.record.Tls13AeadProtection;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7). Its stages are typed so that a secret cannot be asked of the wrong one:
 * {@link #early} → {@link EarlySecret#handshake} → {@link HandshakeSecret#master}. The statics here are the
 * derivations that hang off a traffic or master secret rather than off a stage.
 */
public final class Tls13KeySchedule {

    private static final byte[] EMPTY = new byte[0];

    private Tls13KeySchedule() {
    }

    /** Starts the schedule; {@code psk} null means no PSK, which RFC 8446 §7.1 replaces with HashLen zeros. */
    public static EarlySecret early(HashAlgorithm h, byte[] psk) {
        return new EarlySecret(h, psk);
    }

    /**
     * Finished verify_data (RFC 8446 §4.4.4): {@code HMAC(finished_key, transcriptHash)} with
     * {@code finished_key = HKDF-Expand-Label(baseKey, "finished", "", Hash.length)}.
     *
     * @param baseKey the sender's handshake traffic secret (or a binder key for PSK binders)
     */
    public static byte[] finishedVerifyData(HashAlgorithm h, byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = Hkdf.expandLabel(h, baseKey, "finished", EMPTY, h.length());
        try {
            Mac mac = Mac.getInstance(h.hmacName());
            mac.init(new SecretKeySpec(finishedKey, h.hmacName()));
            return mac.doFinal(transcriptHash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("JDK lacks " + h.hmacName(), e);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /** Checks a received verify_data in constant time. */
    public static boolean finishedMatches(HashAlgorithm h, byte[] baseKey, byte[] transcriptHash, byte[] received) {
        return MessageDigest.isEqual(finishedVerifyData(h, baseKey, transcriptHash), received);
    }

    /** {@code application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length)} (§7.2). */
    public static byte[] nextTrafficSecret(HashAlgorithm h, byte[] secret) {
        return Hkdf.expandLabel(h, secret, "traffic upd", EMPTY, h.length());
    }

    /** The PSK a NewSessionTicket stands for: {@code HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)} (§4.6.1). */
    public static byte[] resumptionPsk(HashAlgorithm h, byte[] resumptionMasterSecret, byte[] ticketNonce) {
        return Hkdf.expandLabel(h, resumptionMasterSecret, "resumption", ticketNonce, h.length());
    }

    /**
     * The TLS 1.3 exporter (RFC 8446 §7.5):
     * {@code HKDF-Expand-Label(Derive-Secret(exporterMasterSecret, label, ""), "exporter", Hash(context), length)}.
     * Unlike TLS 1.2, no context and an empty context are the same, so {@code context} may be null.
     */
    public static byte[] exporter(HashAlgorithm h, byte[] exporterMasterSecret, String label, byte[] context, int length) {
        byte[] secret = Hkdf.deriveSecret(h, exporterMasterSecret, label, emptyHash(h));
        try {
            byte[] contextHash = h.newDigest().digest(context == null ? EMPTY : context);
            return Hkdf.expandLabel(h, secret, "exporter", contextHash, length);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** {@link #exporter} bound to one connection's exporter_master_secret. */
    public static KeyingMaterialExporter exporterOf(HashAlgorithm h, byte[] exporterMasterSecret) {
        return (label, context, length) -> exporter(h, exporterMasterSecret, label, context, length);
    }

    /**
     * Record protection for one direction under {@code trafficSecret} (RFC 8446 §7.3):
     * {@code key = HKDF-Expand-Label(secret, "key", "", key_length)}, {@code iv = HKDF-Expand-Label(secret, "iv", "", 12)}.
     * Typed as the implementation so the caller can watch {@link Tls13AeadProtection#keyUpdateDue()}.
     */
    public static Tls13AeadProtection protection(CipherSuite suite, AeadBackend backend, byte[] trafficSecret) {
        if (!suite.isTls13()) {
            throw new IllegalArgumentException(suite + " is not a TLS 1.3 cipher suite");
        }
        AeadAlgorithm aead = CipherSuites.aead(suite);
        byte[] key = Hkdf.expandLabel(CipherSuites.hash(suite), trafficSecret, "key", EMPTY, aead.keyLength());
        byte[] iv = Hkdf.expandLabel(CipherSuites.hash(suite), trafficSecret, "iv", EMPTY, AeadAlgorithm.NONCE_LENGTH);
        try {
            return new Tls13AeadProtection(aead, backend, key, iv);
        } finally {
            // Both backends copy the key and the protection copies the IV.
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    /** {@code Transcript-Hash("")}, the context of the "derived" and binder secrets. */
    static byte[] emptyHash(HashAlgorithm h) {
        return h.newDigest().digest();
    }
}
