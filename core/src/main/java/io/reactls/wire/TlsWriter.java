package io.reactls.wire;

import io.netty.buffer.ByteBuf;

/** Writes the TLS presentation language; length prefixes are back-patched so callers write contents directly. */
public final class TlsWriter {

    private TlsWriter() {
    }

    /** Reserves a u8 length and returns its index for {@link #end8}. */
    public static int begin8(ByteBuf out) {
        int at = out.writerIndex();
        out.writeByte(0);
        return at;
    }

    public static int begin16(ByteBuf out) {
        int at = out.writerIndex();
        out.writeShort(0);
        return at;
    }

    public static int begin24(ByteBuf out) {
        int at = out.writerIndex();
        out.writeMedium(0);
        return at;
    }

    public static void end8(ByteBuf out, int at) {
        int len = out.writerIndex() - at - 1;
        checkMax(len, 0xFF);
        out.setByte(at, len);
    }

    public static void end16(ByteBuf out, int at) {
        int len = out.writerIndex() - at - 2;
        checkMax(len, 0xFFFF);
        out.setShort(at, len);
    }

    public static void end24(ByteBuf out, int at) {
        int len = out.writerIndex() - at - 3;
        checkMax(len, 0xFFFFFF);
        out.setMedium(at, len);
    }

    public static void vector8(ByteBuf out, byte[] data) {
        checkMax(data.length, 0xFF);
        out.writeByte(data.length).writeBytes(data);
    }

    public static void vector16(ByteBuf out, byte[] data) {
        checkMax(data.length, 0xFFFF);
        out.writeShort(data.length).writeBytes(data);
    }

    public static void vector24(ByteBuf out, byte[] data) {
        checkMax(data.length, 0xFFFFFF);
        out.writeMedium(data.length).writeBytes(data);
    }

    private static void checkMax(int len, int max) {
        if (len > max) {
            throw new IllegalArgumentException("vector of " + len + " bytes exceeds " + max);
        }
    }
}
