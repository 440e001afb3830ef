package io.reactls.handshake;

/**
 * The padding extension (RFC 7685) with BoringSSL's rule: a ClientHello handshake message of 256 to 511 bytes is
 * padded to 512. Some F5 load balancers hang on hellos of exactly that size (their record-length check mistakes them
 * for SSLv2); 512 and above pass. The padding goes after every other extension except pre_shared_key, which must stay
 * last (RFC 8446 §4.2.11), so its length is counted before it is added.
 */
public final class ClientHelloPadding {

    static final int BUGGY_MIN = 256;
    static final int PADDED = 512;

    private ClientHelloPadding() {
    }

    /**
     * Adds padding to {@code ext} (the extensions of {@code hello}) if the hello, plus {@code pskExtensionLength}
     * bytes of a pre_shared_key extension still to come, lands in the buggy range; returns the bytes added.
     */
    public static int pad(ClientHello hello, Extensions ext, int pskExtensionLength) {
        int length = HandshakeReassembler.encode(hello).length + pskExtensionLength;
        if (length < BUGGY_MIN || length >= PADDED) {
            return 0;
        }
        // The extension header takes 4 bytes; a padding extension is never empty (BoringSSL: WebSphere 7 rejects an
        // empty last extension), so a 509..511-byte hello overshoots a little.
        int body = Math.max(1, PADDED - length - 4);
        ext.with(ExtensionType.PADDING, new byte[body]);
        return 4 + body;
    }
}
