package io.reactls;

import io.reactls.crypto.Aead;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.crypto.AeadTagException;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The keys that seal session tickets (AES-256-GCM), rotating on a fixed schedule. Time is cut into periods of
 * {@code rotation}; the key of a period is derived from one secret ({@code HKDF(secret, period)}), so every server
 * built from the same secret (and a roughly synchronised clock) seals and opens with the same keys: a fleet behind a
 * load balancer resumes each other's sessions without sharing state at run time. The current period's key seals;
 * the keys of the {@code previousAccepted} periods before it still open. Immutable and thread-safe; time is passed
 * in by the caller (the connection's injected clock).
 *
 * <p>Ticket layout: {@code key_id[8] (u32 period, 4-byte secret fingerprint) || nonce[12] || AES-256-GCM(state) || tag},
 * the key id authenticated as associated data.
 */
public final class TicketKeys {

    /** Secrets shorter than this are refused: the ticket key is only as strong as the secret. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** How long one key seals tickets unless told otherwise. */
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(12);

    private static final int KEY_ID_LENGTH = 8;
    private static final int NONCE_LENGTH = AeadAlgorithm.NONCE_LENGTH;
    private static final byte[] SALT = "reactls session ticket keys v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prk;
    private final byte[] fingerprint;
    private final long rotationMillis;
    private final int previousAccepted;
    private final AeadBackend backend;
    private final SecureRandom random;

    private TicketKeys(byte[] secret, Duration rotation, int previousAccepted, SecureRandom random) {
        if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("ticket key secret must be at least " + MIN_SECRET_LENGTH + " bytes, got " + secret.length);
        }
        if (rotation.toMillis() < 1000) {
            throw new IllegalArgumentException("ticket key rotation must be at least one second, got " + rotation);
        }
        if (previousAccepted < 0) {
            throw new IllegalArgumentException("previousAccepted must not be negative");
        }
        this.prk = Hkdf.extract(HashAlgorithm.SHA256, SALT, secret);
        this.fingerprint = Arrays.copyOf(Hkdf.expand(HashAlgorithm.SHA256, prk, ascii("key id"), 4), 4);
        this.rotationMillis = rotation.toMillis();
        this.previousAccepted = previousAccepted;
        this.backend = AeadBackends.jce();
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Keys derived from a secret shared by several servers.
     *
     * @param secret           the shared secret, at least {@link #MIN_SECRET_LENGTH} bytes
     * @param rotation         how long one key seals tickets
     * @param previousAccepted how many earlier keys still open tickets (1: a ticket opens for one to two periods)
     * @param random           randomness for the ticket nonces
     * @return the keys
     */
    public static TicketKeys fromSecret(byte[] secret, Duration rotation, int previousAccepted, SecureRandom random) {
        return new TicketKeys(secret.clone(), rotation, previousAccepted, random);
    }

    /**
     * Keys of this process alone, from a fresh random secret: tickets do not survive a restart.
     *
     * @param random randomness for the secret and the ticket nonces
     * @return the keys
     */
    public static TicketKeys random(SecureRandom random) {
        byte[] secret = new byte[MIN_SECRET_LENGTH];
        random.nextBytes(secret);
        return new TicketKeys(secret, DEFAULT_ROTATION, 1, random);
    }

    /**
     * Seals {@code state} under the key of {@code now}'s period.
     *
     * @param now the current time
     * @param state the session state to carry
     * @return the ticket
     */
    public byte[] seal(Instant now, byte[] state) {
        long period = period(now);
        byte[] ticket = new byte[KEY_ID_LENGTH + NONCE_LENGTH + state.length + AeadAlgorithm.TAG_LENGTH];
        ByteBuffer.wrap(ticket).putInt((int) period).put(fingerprint);
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, ticket, KEY_ID_LENGTH, NONCE_LENGTH);
        Aead aead = aead(period);
        aead.seal(nonce, Arrays.copyOf(ticket, KEY_ID_LENGTH), state, 0, state.length, ticket, KEY_ID_LENGTH + NONCE_LENGTH);
        return ticket;
    }

    /**
     * Opens a ticket sealed by these keys; null when it is not ours, its key has rotated out (or is from the future),
     * or it was altered: the caller then falls back to a full handshake.
     *
     * @param now the current time
     * @param ticket a ticket a client presented
     * @return the session state, or null
     */
    public byte[] open(Instant now, byte[] ticket) {
        if (ticket.length < KEY_ID_LENGTH + NONCE_LENGTH + AeadAlgorithm.TAG_LENGTH) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(ticket);
        long period = Integer.toUnsignedLong(b.getInt());
        byte[] fp = new byte[4];
        b.get(fp);
        long current = period(now);
        if (!MessageDigest.isEqual(fp, fingerprint) || period > current || period < current - previousAccepted) {
            return null;
        }
        byte[] nonce = Arrays.copyOfRange(ticket, KEY_ID_LENGTH, KEY_ID_LENGTH + NONCE_LENGTH);
        int cipherAt = KEY_ID_LENGTH + NONCE_LENGTH;
        byte[] plain = new byte[ticket.length - cipherAt - AeadAlgorithm.TAG_LENGTH];
        try {
            aead(period).open(nonce, Arrays.copyOf(ticket, KEY_ID_LENGTH), ticket, cipherAt, ticket.length - cipherAt, plain, 0);
        } catch (AeadTagException e) {
            return null; // a forged or corrupted ticket is just not resumable (RFC 5077 §4, RFC 8446 §4.2.11)
        }
        return plain;
    }

    private long period(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), rotationMillis) & 0xFFFFFFFFL;
    }

    private Aead aead(long period) {
        byte[] label = ascii("ticket key");
        byte[] info = ByteBuffer.allocate(label.length + Long.BYTES).put(label).putLong(period).array();
        byte[] key = Hkdf.expand(HashAlgorithm.SHA256, prk, info, AeadAlgorithm.AES_256_GCM.keyLength());
        try {
            return backend.create(AeadAlgorithm.AES_256_GCM, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
