package io.reactls.fuzz;

import java.io.ByteArrayOutputStream;

/** Applies fuzzer-chosen edits to a real message, so mutation starts from something every parser accepts. */
final class Patch {

    private Patch() {
    }

    /**
     * Edits {@code original} by the four-byte edits in {@code edits[from..]}: u16 offset (modulo the length), op
     * (0 set, 1 insert, 2 delete, 3 xor) and value. With {@code fixLengths}, the first record's length and its
     * handshake message's length are set to what follows them (a single-record message, as our hellos are).
     */
    static byte[] apply(byte[] original, byte[] edits, int from, boolean fixLengths) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] m = original.clone();
        for (int i = from; i + 4 <= edits.length; i += 4) {
            if (m.length == 0) {
                break;
            }
            int at = ((edits[i] & 0xFF) << 8 | edits[i + 1] & 0xFF) % m.length;
            byte value = edits[i + 3];
            switch (edits[i + 2] & 3) {
                case 0 -> m[at] = value;
                case 1 -> {
                    b.reset();
                    b.write(m, 0, at);
                    b.write(value);
                    b.write(m, at, m.length - at);
                    m = b.toByteArray();
                }
                case 2 -> {
                    b.reset();
                    b.write(m, 0, at);
                    b.write(m, at + 1, m.length - at - 1);
                    m = b.toByteArray();
                }
                default -> m[at] ^= value;
            }
        }
        if (fixLengths) {
            fixFirstRecord(m);
        }
        return m;
    }

    /**
     * Sets the first record's length to the bytes that follow it, and its first handshake message's length to the
     * record's. Records after the first (a flight) are left alone: with lengths fixed, the first record swallows them.
     */
    static void fixFirstRecord(byte[] m) {
        if (m.length < 9) {
            return;
        }
        int record = Math.min(m.length - 5, 0xFFFF);
        m[3] = (byte) (record >>> 8);
        m[4] = (byte) record;
        int message = record - 4;
        m[6] = (byte) (message >>> 16);
        m[7] = (byte) (message >>> 8);
        m[8] = (byte) message;
    }
}
