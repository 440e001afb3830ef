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
}
