package io.reactls.conformance;

import io.reactls.AlertDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-built records and handshake messages, exactly as given: any content type, any record version, any length.
 * Nothing here checks what it builds; that is the point.
 */
public final class Wire {

    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;

    public static final int WARNING = 1;
    public static final int FATAL = 2;

    /** The record version reactls and every TLS 1.3 stack write. */
    public static final int TLS12 = 0x0303;

    private Wire() {
    }

    /** A record header over {@code body}; the length field is the body's. */
    public static byte[] record(int type, int version, byte[] body) {
        return Bytes.create().u8(type).u16(version).vec16(body).toArray();
    }

    public static byte[] record(int type, byte[] body) {
        return record(type, TLS12, body);
    }

    /** A record header claiming {@code length} bytes, followed by {@code body} whatever its size. */
    public static byte[] recordClaiming(int type, int version, int length, byte[] body) {
        return Bytes.create().u8(type).u16(version).u16(length).raw(body).toArray();
    }

    /** One plaintext handshake record carrying {@code messages} back to back. */
    public static byte[] handshakeRecord(byte[]... messages) {
        return record(HANDSHAKE, Bytes.concat(messages));
    }

    /** The single byte 0x01 that TLS 1.2 uses and TLS 1.3 tolerates for middlebox compatibility. */
    public static byte[] changeCipherSpec() {
        return record(CHANGE_CIPHER_SPEC, new byte[] {1});
    }

    public static byte[] alert(int level, int code) {
        return record(ALERT, new byte[] {(byte) level, (byte) code});
    }

    public static byte[] alert(int level, AlertDescription description) {
        return alert(level, description.code());
    }

    /** A handshake message: type, 24-bit length, body. */
    public static byte[] message(int type, byte[] body) {
        return Bytes.create().u8(type).vec24(body).toArray();
    }

    /** {@code bytes} cut at the given offsets: {@code split(m, 1, 4)} gives m[0..1), m[1..4), m[4..]. */
    public static List<byte[]> split(byte[] bytes, int... cuts) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parts.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        parts.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return parts;
    }

    /** {@code bytes} in pieces of at most {@code size} bytes. */
    public static List<byte[]> chunks(byte[] bytes, int size) {
        List<byte[]> parts = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            parts.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
        }
        return parts;
    }

    /** One plaintext handshake record per piece of {@code message}, cut at {@code cuts}. */
    public static byte[] fragmented(byte[] message, int... cuts) {
        List<byte[]> records = new ArrayList<>();
        for (byte[] part : split(message, cuts)) {
            records.add(record(HANDSHAKE, part));
        }
        return Bytes.concat(records.toArray(byte[][]::new));
    }

    /** A record as received: content type (the inner one for TLS 1.3 protected records), header version, content. */
    public record Received(int type, int version, byte[] content, boolean wasProtected) {

        public boolean isAlert() {
            return type == ALERT && content.length == 2;
        }

        @Override
        public String toString() {
            String what = switch (type) {
                case CHANGE_CIPHER_SPEC -> "change_cipher_spec";
                case ALERT -> content.length == 2 ? "alert(level " + content[0] + ", " + describe(content[1] & 0xFF) + ")" : "alert?";
                case HANDSHAKE -> "handshake(type " + (content.length > 0 ? content[0] & 0xFF : -1) + ")";
                case APPLICATION_DATA -> "application_data";
                default -> "type " + type;
            };
            return what + "[" + content.length + (wasProtected ? " bytes, protected]" : " bytes]");
        }

        static String describe(int code) {
            AlertDescription d = AlertDescription.fromCode(code);
            return d == null ? "unknown alert " + code : d.rfcName();
        }
    }
}
