package io.reactls.wire;

import io.netty.buffer.ByteBuf;
import io.reactls.TlsAlertException;

/**
 * Reads the TLS presentation language (RFC 5246 §4) from a {@link ByteBuf}, checking every length. Any
 * malformed input becomes a {@code decode_error}; an {@link IndexOutOfBoundsException} never escapes.
 * The reader does not own or release the buffer.
 */
public final class TlsReader {

    private final ByteBuf buf;
    private final String what;

    private TlsReader(ByteBuf buf, String what) {
        this.buf = buf;
        this.what = what;
    }

    /** Reads the readable bytes of {@code buf}; {@code what} names the structure in error messages. */
    public static TlsReader of(ByteBuf buf, String what) {
        return new TlsReader(buf, what);
    }

    public int remaining() {
        return buf.readableBytes();
    }

    public boolean hasRemaining() {
        return buf.isReadable();
    }

    private void need(int n) {
        if (buf.readableBytes() < n) {
            throw TlsAlertException.decodeError(what + ": truncated (needed " + n + " bytes, had " + buf.readableBytes() + ")");
        }
    }

    public int u8() {
        need(1);
        return buf.readUnsignedByte();
    }

    public int u16() {
        need(2);
        return buf.readUnsignedShort();
    }

    public int u24() {
        need(3);
        return buf.readUnsignedMedium();
    }

    public long u32() {
        need(4);
        return buf.readUnsignedInt();
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        buf.readBytes(out);
        return out;
    }

    /** {@code opaque x<min..max>} with a one-byte length. */
    public byte[] vector8(int min, int max) {
        return bytes(checkLength(u8(), min, max));
    }

    /** {@code opaque x<min..max>} with a two-byte length. */
    public byte[] vector16(int min, int max) {
        return bytes(checkLength(u16(), min, max));
    }

    /** {@code opaque x<min..max>} with a three-byte length. */
    public byte[] vector24(int min, int max) {
        return bytes(checkLength(u24(), min, max));
    }

    /** A sub-reader over a u8-length-prefixed vector; this reader advances past it. */
    public TlsReader sub8(String inner, int min, int max) {
        return sub(checkLength(u8(), min, max), inner);
    }

    public TlsReader sub16(String inner, int min, int max) {
        return sub(checkLength(u16(), min, max), inner);
    }

    public TlsReader sub24(String inner, int min, int max) {
        return sub(checkLength(u24(), min, max), inner);
    }

    private TlsReader sub(int length, String inner) {
        need(length);
        ByteBuf slice = buf.readSlice(length);
        return new TlsReader(slice, inner);
    }

    private int checkLength(int length, int min, int max) {
        if (length < min || length > max) {
            throw TlsAlertException.decodeError(what + ": vector length " + length + " outside [" + min + ".." + max + "]");
        }
        return length;
    }

    /** Trailing bytes after a structure are a decode_error (RFC 8446 §4, RFC 5246 §7.4). */
    public void expectEnd() {
        if (buf.isReadable()) {
            throw TlsAlertException.decodeError(what + ": " + buf.readableBytes() + " unexpected trailing bytes");
        }
    }
}
