package io.reactls.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.junit.jupiter.api.Test;

class RecordDeframerGrowthTest {

    /** Counts the bytes of every buffer it makes (the deframer grows its cumulation with the input's allocator). */
    static final class CountingAllocator extends AbstractByteBufAllocator {
        long bytes;

        CountingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            bytes += initialCapacity;
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity); // heap only: this test counts bytes, not memory kinds
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    @Test
    void largestRecordInOneByteReadsCostsLinearWork() {
        // A record may arrive one byte per read (a slow or hostile peer, TCP_NODELAY). Each append used to copy
        // everything buffered into an exact-size buffer, so the next append copied again: ~170 MB of copying for
        // one 18 KiB record.
        int length = RecordHeader.MAX_TLS12_CIPHERTEXT;
        byte[] record = new byte[RecordHeader.LENGTH + length];
        record[0] = 23;
        record[1] = 3;
        record[2] = 3;
        record[3] = (byte) (length >>> 8);
        record[4] = (byte) length;
        for (int i = RecordHeader.LENGTH; i < record.length; i++) {
            record[i] = (byte) i;
        }
        RecordDeframer deframer = new RecordDeframer();
        try {
            CountingAllocator alloc = new CountingAllocator();
            for (byte b : record) {
                assertThat(deframer.poll()).isNull();
                deframer.feed(alloc.heapBuffer(1).writeByte(b));
            }
            long allocated = alloc.bytes;
            OpaqueRecord r = deframer.poll();
            try {
                assertThat(r.type()).isEqualTo(ContentType.APPLICATION_DATA);
                assertThat(r.fragment().readableBytes()).isEqualTo(length);
                assertThat(r.fragment().getByte(r.fragment().readerIndex() + 100)).isEqualTo(record[105]);
            } finally {
                r.fragment().release();
            }
            assertThat(deframer.bufferedBytes()).isZero();
            // Linear: the 1-byte inputs plus a doubling cumulation, well under 1 MB (quadratic: ~170 MB).
            assertThat(allocated).as("buffer bytes allocated to deframe one %d-byte record", record.length)
                    .isLessThan(1L << 20);
        } finally {
            deframer.release();
        }
    }
}
