package io.reactls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * The keys that seal session tickets (AES-256-GCM), rotating on a fixed schedule. Time is cut into periods of
 * {@code rotation}; the key of a period is derived from one secret ({@code HKDF(secret, period)}), so every server
 * built from the same secret (and a roughly synchronised clock) seals and opens with the same keys: a fleet behind a
 * load balancer resumes each other's sessions without sharing state at run time. The current period's key seals;
 * the keys of the {@code previousAccepted} periods before it still open. Immutable and thread-safe; the handshake
 * seals and opens with the connection's injected clock.
 *
 * <p>Ticket layout: {@code key_id[8] (u32 period, 4-byte secret fingerprint) || nonce[12] || AES-256-GCM(state) || tag},
 * the key id authenticated as associated data. The layout and the key derivation are fixed, so servers of different
 * reactls versions in one fleet open each other's tickets.
 */
public final class TicketKeys {

    /** Secrets shorter than this are refused: the ticket key is only as strong as the secret. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** How long one key seals tickets unless told otherwise. */
    public static final Duration DEFAULT_ROTATION = Duration.ofHours(12);

    private final byte[] secret;
    private final Duration rotation;
    private final int previousAccepted;
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
        this.secret = secret;
        this.rotation = rotation;
        this.previousAccepted = previousAccepted;
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
     * The secret every key is derived from: as private as the server's own key (whoever has it opens the tickets,
     * and the session secrets in them).
     *
     * @return a copy of the secret
     */
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * How long one key seals tickets.
     *
     * @return the length of a period
     */
    public Duration rotation() {
        return rotation;
    }

    /**
     * How many periods before the current one still open tickets.
     *
     * @return the number of earlier keys accepted
     */
    public int previousAccepted() {
        return previousAccepted;
    }

    /**
     * The randomness the ticket nonces are drawn from.
     *
     * @return the random given to {@link #fromSecret} or {@link #random}
     */
    public SecureRandom nonceRandom() {
        return random;
    }
}
