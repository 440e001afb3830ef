package io.reactls.crypto;

import java.util.Set;

/**
 * RFC 5705 keying material exporter for TLS 1.2:
 * {@code PRF(master_secret, label, client_random + server_random [+ uint16 context length + context])}.
 * No context and an empty context give different output here (unlike TLS 1.3), so null means "no context".
 * <p>
 * Without extended master secret the master secret is not bound to the handshake (RFC 7627), so exported keys
 * can be shared with a man in the middle; deciding whether to offer exporters then is the caller's policy.
 */
public final class Tls12Exporter {

    /** Labels the TLS 1.2 PRF already uses: exporting under them would hand out protocol secrets. */
    private static final Set<String> RESERVED_LABELS =
            Set.of("client finished", "server finished", "master secret", "extended master secret", "key expansion");

    private static final int RANDOM_LENGTH = 32;

    private Tls12Exporter() {
    }

    /**
     * @param context null for no context (the seed then ends after the randoms), else at most 65535 bytes
     */
    public static byte[] export(HashAlgorithm h, byte[] masterSecret, String label, byte[] clientRandom, byte[] serverRandom,
                                byte[] context, int length) {
        if (RESERVED_LABELS.contains(label)) {
            throw new IllegalArgumentException("exporter label \"" + label + "\" is reserved by the TLS 1.2 PRF");
        }
        if (clientRandom.length != RANDOM_LENGTH || serverRandom.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("randoms must be " + RANDOM_LENGTH + " bytes, got "
                    + clientRandom.length + " and " + serverRandom.length);
        }
        if (context != null && context.length > 0xFFFF) {
            throw new IllegalArgumentException("exporter context of " + context.length + " bytes exceeds 65535");
        }
        int seedLength = 2 * RANDOM_LENGTH + (context == null ? 0 : 2 + context.length);
        byte[] seed = new byte[seedLength];
        System.arraycopy(clientRandom, 0, seed, 0, RANDOM_LENGTH);
        System.arraycopy(serverRandom, 0, seed, RANDOM_LENGTH, RANDOM_LENGTH);
        if (context != null) {
            seed[2 * RANDOM_LENGTH] = (byte) (context.length >>> 8);
            seed[2 * RANDOM_LENGTH + 1] = (byte) context.length;
            System.arraycopy(context, 0, seed, 2 * RANDOM_LENGTH + 2, context.length);
        }
        return Tls12Prf.prf(h, masterSecret, label, seed, length);
    }
}
