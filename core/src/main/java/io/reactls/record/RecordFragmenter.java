package io.reactls.record;

import io.netty.buffer.ByteBuf;

/**
 * Cuts outgoing data into records of at most 2^14 plaintext bytes (RFC 5246 §6.2.1), or fewer when the peer asked for
 * smaller records (record_size_limit, RFC 8449).
 */
public final class RecordFragmenter {

    private RecordFragmenter() {
    }

    /**
     * Seals all readable bytes of {@code data} as consecutive records of {@code type} into {@code out}. Consumes
     * {@code data}'s readable bytes but does not release it. Writes nothing for empty data.
     */
    public static void write(RecordProtection protection, ContentType type, ByteBuf data, ByteBuf out) {
        write(protection, type, data, out, RecordProtection.MAX_PLAINTEXT);
    }

    /** As {@link #write(RecordProtection, ContentType, ByteBuf, ByteBuf)}, at most {@code maxContent} bytes per record. */
    public static void write(RecordProtection protection, ContentType type, ByteBuf data, ByteBuf out, int maxContent) {
        if (maxContent < 1 || maxContent > RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("record content limit " + maxContent + " outside 1.." + RecordProtection.MAX_PLAINTEXT);
        }
        int total = data.readableBytes();
        int records = (total + maxContent - 1) / maxContent;
        // One ensureWritable for the whole write, not a capacity doubling per record.
        out.ensureWritable(total + records * protection.overhead());
        while (data.isReadable()) {
            int chunk = Math.min(data.readableBytes(), maxContent);
            protection.seal(type, data, data.readerIndex(), chunk, out);
            data.skipBytes(chunk);
        }
    }
}
