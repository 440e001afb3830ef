package io.reactls.jsse;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayDeque;

/**
 * The {@link ReactlsSSLEngine}'s allocator: unpooled heap buffers (an engine dropped without being closed, as JSSE
 * allows, leaves nothing behind but garbage), except that a released buffer's array of one record's size goes to a
 * small free list and backs the next buffer. Without it the door allocated and zeroed a 16 KiB array for every record
 * in each direction (19 KB per seal+open of a 16 KiB record under {@code -prof gc}). Every array it hands out is its
 * own, so the AEAD always opens into a separate array (see {@code io.reactls.record.OpenBuffers}). No leak detection:
 * the door's buffers never leave it. One per engine; thread-safe.
 */
final class RecordArrays extends AbstractByteBufAllocator {

    /** A full record with header and the largest TLS 1.2 expansion: one array fits any record either way. */
    static final int RECORD_ARRAY = (1 << 14) + 2048 + 5;
    /** A wrap's output, an unwrap's input and plaintext, and one spare. */
    private static final int KEPT = 4;

    private final ArrayDeque<byte[]> free = new ArrayDeque<>(KEPT);

    RecordArrays() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return new Recycled(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private synchronized byte[] take(int size) {
        if (size <= RECORD_ARRAY) {
            byte[] a = free.poll();
            return a != null ? a : new byte[RECORD_ARRAY];
        }
        return new byte[size];
    }

    private synchronized void give(byte[] array) {
        if (array.length == RECORD_ARRAY && free.size() < KEPT) {
            free.push(array);
        }
    }

    /** A heap buffer whose array comes from, and returns to, the free list. */
    private final class Recycled extends UnpooledHeapByteBuf {

        Recycled(int initialCapacity, int maxCapacity) {
            super(RecordArrays.this, initialCapacity, Math.max(maxCapacity, initialCapacity));
        }

        @Override
        protected byte[] allocateArray(int initialCapacity) {
            // A small buffer (an alert, a handshake message) gets an exact array: only record-sized ones are kept.
            return initialCapacity < 4096 ? new byte[initialCapacity] : take(initialCapacity);
        }

        @Override
        protected void freeArray(byte[] array) {
            give(array);
        }
    }
}
