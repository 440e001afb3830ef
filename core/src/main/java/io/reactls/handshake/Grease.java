package io.reactls.handshake;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 8701 GREASE values one client connection sends, placed as BoringSSL (Chrome) places them: one cipher suite,
 * group (also a 1-byte key share in TLS 1.3), version and signature scheme first in their lists, an empty extension
 * first and a 1-byte one last (before padding and pre_shared_key). Drawn once per connection so that a ClientHello
 * retried after HelloRetryRequest repeats them (RFC 8446 §4.1.2). psk_key_exchange_modes and ALPN are not greased,
 * as in BoringSSL: a GREASE ALPN id would change what some servers answer, and nothing else is there to stress.
 */
public record Grease(int cipherSuite, int group, int extension1, int extension2, int version, int signatureScheme) {

    /** Six values from one draw of {@code random}; the two extension types always differ (RFC 8701 §5). */
    public static Grease draw(SecureRandom random) {
        byte[] seed = new byte[6];
        random.nextBytes(seed);
        int ext1 = value(seed[2]);
        int ext2 = value(seed[3]);
        if (ext2 == ext1) {
            ext2 ^= 0x1010; // another GREASE value: 0x1a1a ↔ 0x0a0a, 0x3a3a ↔ 0x2a2a, ...
        }
        return new Grease(value(seed[0]), value(seed[1]), ext1, ext2, value(seed[4]), value(seed[5]));
    }

    /** The GREASE value 0x?A?A whose high nibble is {@code b}'s (RFC 8701 §2: the 16 values 0x0A0A ... 0xFAFA). */
    public static int value(byte b) {
        int v = (b & 0xF0) | 0x0A;
        return (v << 8) | v;
    }

    /** Whether a 16-bit code point is one of the reserved GREASE values (cipher suites, groups, extensions, ...). */
    public static boolean isGrease(int codePoint) {
        return (codePoint & 0x0F0F) == 0x0A0A && (codePoint >>> 8) == (codePoint & 0xFF);
    }

    /** {@code values} with {@code grease} in front. */
    public static List<Integer> first(int grease, List<Integer> values) {
        List<Integer> out = new ArrayList<>(values.size() + 1);
        out.add(grease);
        out.addAll(values);
        return out;
    }
}
