package io.reactls.record;

import io.netty.buffer.ByteBuf;

/** Cuts outgoing data into records of at most 2^14 plaintext bytes (RFC 5246 §6.2.1). */
public final class RecordFragmenter {

    private RecordFragmenter() {
    }

    /**
     * Seals all readable bytes of {@code data} as consecutive records of {@code type} into {@code out}. Consumes
     * {@code data}'s readable bytes but does not release it. Writes nothing for empty data.
     */
    public static void write(RecordProtection protection, ContentType type, ByteBuf data, ByteBuf out) {
        int total = data.readableBytes();
        int records = (total + RecordProtection.MAX_PLAINTEXT - 1) / RecordProtection.MAX_PLAINTEXT;
        // One ensureWritable for the whole write, not a capacity doubling per record.
        out.ensureWritable(total + records * protection.overhead());
        while (data.isReadable()) {
            int chunk = Math.min(data.readableBytes(), RecordProtection.MAX_PLAINTEXT);
            protection.seal(type, data.slice(data.readerIndex(), chunk), out);
            data.skipBytes(chunk);
        }
    }
}
