package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;

/**
 * Turns a stream of received bytes into records. Bytes are accumulated in one contiguous buffer (like Netty's
 * merge cumulator) so each fragment is a slice that record protection can decrypt in place on its backing array.
 * Headers are checked as soon as their bytes arrive, so garbage is refused before a full "record" is buffered.
 * Not thread-safe.
 */
public final class RecordDeframer {

    private final int maxFragmentLength;
    private ByteBuf cumulation;
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
        if (cumulation == null) {
            cumulation = in;
            return;
        }
        try {
            if (!cumulation.isReadable()) {
                cumulation.release();
                cumulation = in;
                in = null;
            } else if (in.isReadable()) {
                append(in);
            }
        } finally {
            if (in != null) {
                in.release();
            }
        }
    }

    private void append(ByteBuf in) {
        int needed = in.readableBytes();
        // refCnt() > 1 means fragments handed out earlier still share this buffer: never grow or compact it then.
        if (cumulation.refCnt() == 1 && !cumulation.isReadOnly() && cumulation.writableBytes() >= needed) {
            cumulation.writeBytes(in);
            return;
        }
        // Leave room to grow: an exact-size buffer made every later append copy again, so a record arriving in
        // many small reads (or while earlier fragments are still held) cost quadratic copying.
        int size = cumulation.readableBytes() + needed;
        ByteBuf fresh = cumulation.alloc().buffer(size + Math.min(size, RecordHeader.LENGTH + maxFragmentLength));
        fresh.writeBytes(cumulation).writeBytes(in);
        cumulation.release();
        cumulation = fresh;
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
        if (cumulation == null) {
            return null;
        }
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
        if (readable < RecordHeader.LENGTH + length) {
            return null;
        }
        cumulation.skipBytes(RecordHeader.LENGTH);
        ByteBuf fragment = cumulation.readRetainedSlice(length);
        if (!cumulation.isReadable()) {
            // Let the memory go as soon as the last fragment is released.
            cumulation.release();
            cumulation = null;
        }
        return new OpaqueRecord(type, version, fragment);
    }

    /** Bytes received but not yet returned as records: non-zero at EOF means a truncated record. */
    public int bufferedBytes() {
        return cumulation == null ? 0 : cumulation.readableBytes();
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
        }
    }
}
