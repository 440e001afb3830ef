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
     * As {@link #seal(ContentType, ByteBuf, ByteBuf)} for {@code length} bytes of {@code source} from {@code index}
     * (indexes untouched): the record path's form, which needs no slice object per record.
     */
    default void seal(ContentType type, ByteBuf source, int index, int length, ByteBuf out) {
        seal(type, source.slice(index, length), out);
    }

    /**
     * Verifies and decrypts one record. Always releases {@code record.fragment()}. Throws
     * {@link io.reactls.TlsAlertException} with {@code bad_record_mac} when the record does not
     * authenticate and {@code record_overflow} when the plaintext is longer than 2^14; no plaintext is returned then.
     */
    PlainRecord open(OpaqueRecord record);

    /** Whether records are encrypted and authenticated (false only before the first key change). */
    default boolean isProtected() {
        return true;
    }

    /**
     * Whether no record has been opened under these keys yet; false for protections that do not count (TLS 1.2,
     * plaintext), which never need to ask.
     */
    default boolean hasOpenedNothing() {
        return false;
    }

    /**
     * Opens {@code record} if it authenticates under these keys, or releases it and returns null: how rejected TLS 1.3
     * early data is told from the first record under the expected keys. Without keys nothing can open.
     */
    default PlainRecord tryOpen(OpaqueRecord record) {
        record.fragment().release();
        return null;
    }

    /**
     * Caps the TLSInnerPlaintext (content, type byte and padding) that {@link #open} accepts, for protections that
     * have one (TLS 1.3: RFC 8446 §5.4, RFC 8449 §4); larger records are record_overflow. Others ignore it.
     *
     * @param max the largest inner plaintext accepted
     */
    default void limitInnerPlaintext(int max) {
    }

    /**
     * Whether our write key must be replaced (TLS 1.3 KeyUpdate) before the next record: at the AEAD's usage limit
     * (RFC 8446 §5.5), or after {@code recordsBeforeUpdate} records. Never for keys that cannot be updated.
     */
    default boolean keyUpdateDue(long recordsBeforeUpdate) {
        return false;
    }
}
