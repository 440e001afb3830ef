package io.reactls.conformance;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds wire bytes in the TLS presentation language: fixed-width integers and length-prefixed vectors. */
public final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Bytes() {
    }

    public static Bytes create() {
        return new Bytes();
    }

    public Bytes u8(int v) {
        out.write(v);
        return this;
    }

    public Bytes u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public Bytes u24(int v) {
        out.write(v >>> 16);
        return u16(v & 0xFFFF);
    }

    public Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** {@code b} behind a one-byte length. */
    public Bytes vec8(byte[] b) {
        return u8(b.length).raw(b);
    }

    public Bytes vec16(byte[] b) {
        return u16(b.length).raw(b);
    }

    public Bytes vec24(byte[] b) {
        return u24(b.length).raw(b);
    }

    /** Each value as a u16, the whole list behind a two-byte length (cipher suites, groups, schemes...). */
    public Bytes u16List(int... values) {
        u16(values.length * 2);
        for (int v : values) {
            u16(v);
        }
        return this;
    }

    public byte[] toArray() {
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.raw(p);
        }
        return b.toArray();
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static int u16At(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int u24At(byte[] b, int at) {
        return ((b[at] & 0xFF) << 16) | u16At(b, at + 1);
    }
}
