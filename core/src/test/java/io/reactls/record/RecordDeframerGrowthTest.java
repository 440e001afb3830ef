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

    @Test
    void recordsSplitAcrossReadsCostOnlyTheSplitRecordsCopy() {
        // Bulk data: 64 KiB reads of 16 KiB TLS 1.3 records, so one record in four straddles two reads. Appending
        // every read to one cumulation copied nearly every byte received; only the split records need copying.
        int length = (1 << 14) + 17;
        int recordSize = RecordHeader.LENGTH + length;
        int records = 40;
        byte[] stream = new byte[records * recordSize];
        for (int r = 0; r < records; r++) {
            int at = r * recordSize;
            stream[at] = 23;
            stream[at + 1] = 3;
            stream[at + 2] = 3;
            stream[at + 3] = (byte) (length >>> 8);
            stream[at + 4] = (byte) length;
            for (int i = 0; i < length; i++) {
                stream[at + RecordHeader.LENGTH + i] = (byte) (r * 31 + i);
            }
        }
        CountingAllocator alloc = new CountingAllocator();
        java.util.List<ByteBuf> reads = new java.util.ArrayList<>();
        for (int at = 0; at < stream.length; at += 1 << 16) {
            int n = Math.min(1 << 16, stream.length - at);
            reads.add(alloc.heapBuffer(n).writeBytes(stream, at, n));
        }
        long inputBytes = alloc.bytes;
        RecordDeframer deframer = new RecordDeframer(RecordHeader.LENGTH + length);
        int polled = 0;
        try {
            for (ByteBuf read : reads) {
                deframer.feed(read);
                OpaqueRecord r;
                while ((r = deframer.poll()) != null) {
                    try {
                        assertThat(r.fragment().readableBytes()).isEqualTo(length);
                        byte[] got = new byte[length];
                        r.fragment().getBytes(r.fragment().readerIndex(), got);
                        byte[] want = java.util.Arrays.copyOfRange(stream, polled * recordSize + RecordHeader.LENGTH,
                                (polled + 1) * recordSize);
                        assertThat(got).as("record %d", polled).isEqualTo(want);
                    } finally {
                        r.fragment().release();
                    }
                    polled++;
                }
            }
            assertThat(polled).isEqualTo(records);
            assertThat(deframer.bufferedBytes()).isZero();
            long copied = alloc.bytes - inputBytes;
            // At most one record-sized buffer per read that ends inside a record (merging reads: ~1.25 per byte read).
            assertThat(copied).as("bytes of buffers the deframer made for %d bytes in %d reads", stream.length,
                    reads.size()).isLessThanOrEqualTo((long) reads.size() * recordSize);
        } finally {
            deframer.release();
        }
    }
}
