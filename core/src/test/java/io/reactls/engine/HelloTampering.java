package io.reactls.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.UnaryOperator;

/** Rewrites a plaintext ClientHello record in transit (tests of what an active attacker can do). */
final class HelloTampering {

    private HelloTampering() {
    }

    /** Removes extension {@code type} from the first ClientHello of the flight; other records pass untouched. */
    static UnaryOperator<ByteBuf> dropExtension(int type) {
        boolean[] done = {false};
        return in -> {
            if (done[0] || in.getUnsignedByte(in.readerIndex()) != 22 || in.getUnsignedByte(in.readerIndex() + 5) != 1) {
                return in;
            }
            done[0] = true;
            byte[] all = new byte[in.readableBytes()];
            in.readBytes(all);
            in.release();
            int recordLen = ((all[3] & 0xFF) << 8) | (all[4] & 0xFF);
            byte[] hello = java.util.Arrays.copyOfRange(all, 5, 5 + recordLen);
            byte[] rest = java.util.Arrays.copyOfRange(all, 5 + recordLen, all.length);
            // body: version(2) random(32) sid(1+n) suites(2+n) compression(1+n) extensions(2+n)
            int at = 4 + 2 + 32;
            at += 1 + (hello[at] & 0xFF);
            at += 2 + (((hello[at] & 0xFF) << 8) | (hello[at + 1] & 0xFF));
            at += 1 + (hello[at] & 0xFF);
            int extStart = at + 2;
            java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
            int p = extStart;
            while (p < hello.length) {
                int t = ((hello[p] & 0xFF) << 8) | (hello[p + 1] & 0xFF);
                int l = ((hello[p + 2] & 0xFF) << 8) | (hello[p + 3] & 0xFF);
                if (t != type) {
                    kept.write(hello, p, 4 + l);
                }
                p += 4 + l;
            }
            byte[] ext = kept.toByteArray();
            int bodyLen = (extStart - 4) + ext.length;
            ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
            out.writeByte(22).writeShort(((all[1] & 0xFF) << 8) | (all[2] & 0xFF)).writeShort(4 + bodyLen);
            out.writeByte(1).writeMedium(bodyLen);
            out.writeBytes(hello, 4, at - 4).writeShort(ext.length).writeBytes(ext);
            out.writeBytes(rest);
            return out;
        };
    }

    /**
     * Appends an empty extension {@code type} to the first ClientHello of the flight and, after that record, the
     * {@code trailing} bytes (e.g. fake 0-RTT records).
     */
    static UnaryOperator<ByteBuf> appendExtension(int type, byte[] trailing) {
        return appendExtension(type, new byte[0], trailing);
    }

    /** As {@link #appendExtension(int, byte[])}, with {@code body} as the extension's data. */
    static UnaryOperator<ByteBuf> appendExtension(int type, byte[] body, byte[] trailing) {
        boolean[] done = {false};
        return in -> {
            if (done[0] || in.getUnsignedByte(in.readerIndex()) != 22 || in.getUnsignedByte(in.readerIndex() + 5) != 1) {
                return in;
            }
            done[0] = true;
            byte[] all = new byte[in.readableBytes()];
            in.readBytes(all);
            in.release();
            int recordLen = ((all[3] & 0xFF) << 8) | (all[4] & 0xFF);
            byte[] hello = java.util.Arrays.copyOfRange(all, 5, 5 + recordLen);
            byte[] rest = java.util.Arrays.copyOfRange(all, 5 + recordLen, all.length);
            int at = 4 + 2 + 32;
            at += 1 + (hello[at] & 0xFF);
            at += 2 + (((hello[at] & 0xFF) << 8) | (hello[at + 1] & 0xFF));
            at += 1 + (hello[at] & 0xFF);
            int extLen = ((hello[at] & 0xFF) << 8) | (hello[at + 1] & 0xFF);
            int bodyLen = hello.length - 4 + 4 + body.length;
            ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
            out.writeByte(22).writeShort(((all[1] & 0xFF) << 8) | (all[2] & 0xFF)).writeShort(4 + bodyLen);
            out.writeByte(1).writeMedium(bodyLen);
            out.writeBytes(hello, 4, at - 4).writeShort(extLen + 4 + body.length).writeBytes(hello, at + 2, hello.length - at - 2);
            out.writeShort(type).writeShort(body.length).writeBytes(body);
            out.writeBytes(trailing);
            out.writeBytes(rest);
            return out;
        };
    }

    /** Flips the last byte of the first ClientHello record: with pre_shared_key last, that is the binder's. */
    static UnaryOperator<ByteBuf> corruptLastHelloByte() {
        boolean[] done = {false};
        return in -> {
            if (done[0] || in.getUnsignedByte(in.readerIndex()) != 22 || in.getUnsignedByte(in.readerIndex() + 5) != 1) {
                return in;
            }
            done[0] = true;
            int recordLen = in.getUnsignedShort(in.readerIndex() + 3);
            int last = in.readerIndex() + 5 + recordLen - 1;
            in.setByte(last, in.getByte(last) ^ 1);
            return in;
        };
    }

    /**
     * Removes extension {@code type} from the ServerHello at the start of the server's first flight, fixing the
     * message and record lengths; the rest of that record (e.g. a NewSessionTicket) and of the flight pass untouched.
     */
    static UnaryOperator<ByteBuf> dropServerHelloExtension(int type) {
        boolean[] done = {false};
        return in -> {
            if (done[0] || in.getUnsignedByte(in.readerIndex()) != 22 || in.getUnsignedByte(in.readerIndex() + 5) != 2) {
                return in;
            }
            done[0] = true;
            byte[] all = new byte[in.readableBytes()];
            in.readBytes(all);
            in.release();
            int recordLen = ((all[3] & 0xFF) << 8) | (all[4] & 0xFF);
            byte[] record = java.util.Arrays.copyOfRange(all, 5, 5 + recordLen);
            byte[] restOfFlight = java.util.Arrays.copyOfRange(all, 5 + recordLen, all.length);
            int helloLen = ((record[1] & 0xFF) << 16) | ((record[2] & 0xFF) << 8) | (record[3] & 0xFF);
            byte[] hello = java.util.Arrays.copyOfRange(record, 0, 4 + helloLen);
            byte[] restOfRecord = java.util.Arrays.copyOfRange(record, 4 + helloLen, record.length);
            // body: version(2) random(32) sid(1+n) suite(2) compression(1) extensions(2+n)
            int at = 4 + 2 + 32;
            at += 1 + (hello[at] & 0xFF);
            at += 2 + 1;
            java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
            int p = at + 2;
            while (p < hello.length) {
                int t = ((hello[p] & 0xFF) << 8) | (hello[p + 1] & 0xFF);
                int l = ((hello[p + 2] & 0xFF) << 8) | (hello[p + 3] & 0xFF);
                if (t != type) {
                    kept.write(hello, p, 4 + l);
                }
                p += 4 + l;
            }
            byte[] ext = kept.toByteArray();
            int bodyLen = (at - 4) + 2 + ext.length;
            ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer();
            out.writeByte(22).writeShort(((all[1] & 0xFF) << 8) | (all[2] & 0xFF)).writeShort(4 + bodyLen + restOfRecord.length);
            out.writeByte(2).writeMedium(bodyLen);
            out.writeBytes(hello, 4, at - 4).writeShort(ext.length).writeBytes(ext);
            out.writeBytes(restOfRecord).writeBytes(restOfFlight);
            return out;
        };
    }
}
