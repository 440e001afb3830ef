package io.reactls.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

/** Framing for fuzz inputs: handshake messages and records around fuzzed bodies, and fuzzer-chosen chunking. */
final class Records {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int MAX_FRAGMENT = 1 << 14;

    private Records() {
    }

    /** A handshake message: type, u24 length, body. */
    static byte[] handshake(int type, byte[] body) {
        byte[] m = new byte[4 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) (body.length >>> 16);
        m[2] = (byte) (body.length >>> 8);
        m[3] = (byte) body.length;
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    /** {@code payload} as plaintext records of {@code type}, at most 2^14 bytes each (one empty record if empty). */
    static byte[] records(int type, int version, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 16);
        int at = 0;
        do {
            int n = Math.min(MAX_FRAGMENT, payload.length - at);
            out.write(type);
            out.write(version >>> 8);
            out.write(version);
            out.write(n >>> 8);
            out.write(n);
            out.write(payload, at, n);
            at += n;
        } while (at < payload.length);
        return out.toByteArray();
    }

    /** The payloads of the plaintext records of {@code type} in {@code flight}, concatenated (others skipped). */
    static byte[] payloads(byte[] flight, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 5 <= flight.length) {
            int len = (flight[at + 3] & 0xFF) << 8 | flight[at + 4] & 0xFF;
            if ((flight[at] & 0xFF) == type) {
                out.write(flight, at + 5, Math.min(len, flight.length - at - 5));
            }
            at += 5 + len;
        }
        return out.toByteArray();
    }

    /** The records of {@code flight} that are not plaintext handshake records, in order, headers included. */
    static byte[] nonHandshake(byte[] flight) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 5 <= flight.length) {
            int end = Math.min(flight.length, at + 5 + ((flight[at + 3] & 0xFF) << 8 | flight[at + 4] & 0xFF));
            if ((flight[at] & 0xFF) != HANDSHAKE) {
                out.write(flight, at, end - at);
            }
            at = end;
        }
        return out.toByteArray();
    }

    /**
     * Feeds {@code data[from..]} to the engine in chunks the input decides: {@code split} 0 is one chunk, otherwise
     * chunk sizes drawn from 1..16·split by a generator seeded with {@code split}. Stops once the engine failed.
     */
    static void feedInChunks(FuzzedEngine engine, byte[] data, int from, int split) {
        if (split == 0) {
            engine.receive(data, from, data.length);
            return;
        }
        Random sizes = new Random(split);
        int at = from;
        while (at < data.length) {
            int n = Math.min(1 + sizes.nextInt(16 * split), data.length - at);
            if (!engine.receive(data, at, at + n)) {
                return;
            }
            at += n;
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = Arrays.copyOf(parts.length == 0 ? new byte[0] : parts[0], n);
        int at = parts.length == 0 ? 0 : parts[0].length;
        for (int i = 1; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, at, parts[i].length);
            at += parts[i].length;
        }
        return out;
    }
}
