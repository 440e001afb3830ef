package io.reactls.record;

import io.netty.buffer.ByteBuf;

/**
 * One direction's record protection at one epoch: the null cipher before ChangeCipherSpec, an AEAD after it.
 * Owns the sequence number. Implementations are not thread-safe.
 */
public interface RecordProtection {

    /** The most plaintext one record may carry (RFC 5246 §6.2.1). */
    int MAX_PLAINTEXT = 1 << 14;

    /** Bytes a sealed record adds to its plaintext, header included. */
    int overhead();

    /**
     * Protects {@code plaintext}'s readable bytes (at most {@link #MAX_PLAINTEXT}) as one record of {@code type}
     * and appends header and fragment to {@code out}. Does not consume or release {@code plaintext}.
     */
    void seal(ContentType type, ByteBuf plaintext, ByteBuf out);

    /**
     * Verifies and decrypts one record. Always releases {@code record.fragment()}. Throws
     * {@link io.reactls.TlsAlertException} with {@code bad_record_mac} when the record does not
     * authenticate and {@code record_overflow} when the plaintext is longer than 2^14; no plaintext is returned then.
     */
    PlainRecord open(OpaqueRecord record);
}
