package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;

/**
 * Turns a stream of received bytes into records. Each fragment is a slice of the buffer its record arrived in, so
 * record protection can decrypt it where it lies. Only a record that straddles two reads is copied, into the end of
 * the buffer holding its first part: the read after it is kept as it is (the next buffer) and becomes the current
 * one once that record has been returned. Copying whole reads into one cumulation cost a memory copy of nearly every
 * byte received (a 64 KiB read holds four 16 KiB records, one of them split). Headers are checked as soon as their
 * bytes arrive, so garbage is refused before a full "record" is buffered. Not thread-safe.
 */
public final class RecordDeframer {

    private final int maxFragmentLength;
    /** The buffer records are cut from; its unread bytes come first. */
    private ByteBuf cumulation;
    /** Bytes received after all of {@link #cumulation}'s, not yet copied anywhere; null when none. */
    private ByteBuf next;
    private boolean released;

    /** A TLS 1.2 deframer: fragments up to 2^14 + 2048 bytes. */
    public RecordDeframer() {
        this(RecordHeader.MAX_TLS12_CIPHERTEXT);
    }

    /** {@code maxFragmentLength} is 2^14 + 256 for TLS 1.3 (RFC 8446 §5.2). */
    public RecordDeframer(int maxFragmentLength) {
        if (maxFragmentLength < 0 || maxFragmentLength > 0xFFFF) {
            throw new IllegalArgumentException("max fragment length " + maxFragmentLength);
        }
        this.maxFragmentLength = maxFragmentLength;
    }

    /** Takes ownership of {@code in}: it is released here or when its bytes have been consumed. */
    public void feed(ByteBuf in) {
        if (released) {
            in.release();
            throw new IllegalStateException("deframer already released");
        }
        if (!in.isReadable()) {
            in.release();
        } else if (cumulation == null) {
            cumulation = in;
        } else if (next == null && !cumulation.isReadable()) {
            cumulation.release();
            cumulation = in;
        } else if (next == null) {
            next = in; // joined to a split record lazily, by poll, which knows how many bytes the record lacks
        } else {
            next = append(next, in, in.readableBytes(), 0); // records waiting unread (a suspended handshake)
        }
    }

    /**
     * Moves {@code n} bytes of {@code in} to the end of {@code into} and returns the buffer holding both: {@code into},
     * or a new one of at least {@code capacity} bytes (0: twice what it holds) when {@code into} is full or shared
     * with fragments handed out. {@code in} is released once empty.
     */
    private static ByteBuf append(ByteBuf into, ByteBuf in, int n, int capacity) {
        ByteBuf target = into;
        // refCnt() > 1 means fragments handed out earlier still share this buffer: never grow or compact it then.
        if (into.refCnt() != 1 || into.isReadOnly() || into.writableBytes() < n) {
            int size = into.readableBytes() + n;
            // Room to grow: an exact-size buffer made every later append copy again, so a record arriving in many
            // small reads (or while earlier fragments are still held) cost quadratic copying.
            target = into.alloc().buffer(Math.max(size, capacity == 0 ? 2 * size : capacity));
            target.writeBytes(into);
            into.release();
        }
        target.writeBytes(in, in.readerIndex(), n);
        in.skipBytes(n);
        if (!in.isReadable()) {
            in.release();
        }
        return target;
    }

    /**
     * Makes {@link #cumulation} hold {@code wanted} unread bytes if {@link #next} has them (all it has otherwise),
     * copying no more than that from {@link #next}; a new cumulation gets {@code capacity} bytes.
     */
    private void take(int wanted, int capacity) {
        int missing = wanted - cumulation.readableBytes();
        if (missing <= 0 || next == null) {
            return;
        }
        int n = Math.min(missing, next.readableBytes());
        boolean emptied = n == next.readableBytes();
        cumulation = append(cumulation, next, n, capacity);
        if (emptied) {
            next = null; // released by append
        }
    }

    /** {@link #cumulation} is used up: the next buffer, if any, takes its place. */
    private void advance() {
        cumulation.release();
        cumulation = next;
        next = null;
    }

    /**
     * The next complete record, or null when more bytes are needed. The caller owns the record's fragment.
     *
     * @throws TlsAlertException unexpected_message for an unknown content type, protocol_version for a major
     *         version other than 3, record_overflow for a fragment longer than the maximum
     */
    public OpaqueRecord poll() {
        if (released) {
            throw new IllegalStateException("deframer already released");
        }
        if (cumulation != null && !cumulation.isReadable() && next != null) {
            advance();
        }
        if (cumulation == null) {
            return null;
        }
        take(RecordHeader.LENGTH, RecordHeader.LENGTH + maxFragmentLength);
        int readable = cumulation.readableBytes();
        int at = cumulation.readerIndex();
        if (readable < 1) {
            return null;
        }
        int typeCode = cumulation.getUnsignedByte(at);
        ContentType type = ContentType.fromCode(typeCode);
        if (type == null) {
            throw new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, "record of unknown content type " + typeCode);
        }
        if (readable < 2) {
            return null;
        }
        int major = cumulation.getUnsignedByte(at + 1);
        if (major != 3) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "record with major version " + major + ", not TLS");
        }
        if (readable < RecordHeader.LENGTH) {
            return null;
        }
        int version = cumulation.getUnsignedShort(at + 1);
        int length = cumulation.getUnsignedShort(at + 3);
        if (length > maxFragmentLength) {
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                    type + " record of " + length + " bytes exceeds " + maxFragmentLength);
        }
        take(RecordHeader.LENGTH + length, RecordHeader.LENGTH + length);
        at = cumulation.readerIndex(); // take may have moved the bytes to a new buffer
        if (cumulation.readableBytes() < RecordHeader.LENGTH + length) {
            return null;
        }
        cumulation.skipBytes(RecordHeader.LENGTH);
        ByteBuf fragment = cumulation.readRetainedSlice(length);
        if (!cumulation.isReadable()) {
            // Let the memory go as soon as the last fragment is released.
            advance();
        }
        return new OpaqueRecord(type, version, fragment);
    }

    /** Bytes received but not yet returned as records: non-zero at EOF means a truncated record. */
    public int bufferedBytes() {
        return (cumulation == null ? 0 : cumulation.readableBytes()) + (next == null ? 0 : next.readableBytes());
    }

    /** Frees buffered bytes; further use is an error. Fragments already returned stay valid. */
    public void release() {
        if (!released) {
            released = true;
            if (cumulation != null) {
                ByteBuf c = cumulation;
                cumulation = null;
                c.release();
            }
            if (next != null) {
                ByteBuf n = next;
                next = null;
                n.release();
            }
        }
    }
}
