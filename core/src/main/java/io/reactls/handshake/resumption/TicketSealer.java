package io.reactls.handshake.resumption;

import io.reactls.TicketKeys;
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
import java.time.Instant;
import java.util.Arrays;

/**
 * Seals session state into tickets and opens them, under the rotating keys of one {@link TicketKeys} (whose javadoc
 * gives the layout): the key of a period is {@code HKDF-Expand(HKDF-Extract(salt, secret), "ticket key" || period)},
 * so two sealers made from the same secret, in one process or on two servers, seal and open alike. Immutable and
 * thread-safe; made once per configuration, since it derives the pseudo-random key from the secret.
 */
public final class TicketSealer {

    private static final int KEY_ID_LENGTH = 8;
    private static final int NONCE_LENGTH = AeadAlgorithm.NONCE_LENGTH;
    private static final byte[] SALT = ascii("reactls session ticket keys v1");

    private final TicketKeys keys;
    private final byte[] prk;
    private final byte[] fingerprint;
    private final long rotationMillis;
    private final AeadBackend backend = AeadBackends.jce();

    public TicketSealer(TicketKeys keys) {
        this.keys = keys;
        byte[] secret = keys.secret();
        try {
            this.prk = Hkdf.extract(HashAlgorithm.SHA256, SALT, secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        this.fingerprint = Arrays.copyOf(Hkdf.expand(HashAlgorithm.SHA256, prk, ascii("key id"), 4), 4);
        this.rotationMillis = keys.rotation().toMillis();
    }

    /** The keys this sealer uses. */
    public TicketKeys keys() {
        return keys;
    }

    /** Seals {@code state} under the key of {@code now}'s period, with a fresh nonce. */
    public byte[] seal(Instant now, byte[] state) {
        long period = period(now);
        byte[] ticket = new byte[KEY_ID_LENGTH + NONCE_LENGTH + state.length + AeadAlgorithm.TAG_LENGTH];
        ByteBuffer.wrap(ticket).putInt((int) period).put(fingerprint);
        byte[] nonce = new byte[NONCE_LENGTH];
        keys.nonceRandom().nextBytes(nonce);
        System.arraycopy(nonce, 0, ticket, KEY_ID_LENGTH, NONCE_LENGTH);
        Aead aead = aead(period);
        aead.seal(nonce, Arrays.copyOf(ticket, KEY_ID_LENGTH), state, 0, state.length, ticket, KEY_ID_LENGTH + NONCE_LENGTH);
        return ticket;
    }

    /**
     * Opens a ticket sealed under these keys; null when it is not ours, its key has rotated out (or is from the
     * future), or it was altered: the caller then falls back to a full handshake.
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
        if (!MessageDigest.isEqual(fp, fingerprint) || period > current || period < current - keys.previousAccepted()) {
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
