package io.reactls.handshake;

import java.util.Arrays;

/**
 * The last eight bytes of ServerHello.random that a TLS 1.3 server sets when it negotiates TLS 1.2 (RFC 8446
 * §4.1.3): "DOWNGRD" followed by 01 (TLS 1.2) or 00 (older).
 */
public final class DowngradeSentinel {

    private static final byte[] TLS12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

    private DowngradeSentinel() {
    }

    /** Writes the TLS 1.2 sentinel into a 32-byte server random. */
    public static void mark(byte[] serverRandom) {
        System.arraycopy(TLS12, 0, serverRandom, 24, 8);
    }

    public static boolean isPresent(byte[] serverRandom) {
        byte[] tail = Arrays.copyOfRange(serverRandom, 24, 32);
        return Arrays.equals(tail, 0, 7, TLS12, 0, 7) && (tail[7] == 0 || tail[7] == 1);
    }
}
