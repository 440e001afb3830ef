package io.reactls.handshake;

/** Handshake message types (RFC 5246 §7.4, RFC 8446 §4). */
public enum HandshakeType {
    HELLO_REQUEST(0),
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    NEW_SESSION_TICKET(4),
    END_OF_EARLY_DATA(5),
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    SERVER_KEY_EXCHANGE(12),
    CERTIFICATE_REQUEST(13),
    SERVER_HELLO_DONE(14),
    CERTIFICATE_VERIFY(15),
    CLIENT_KEY_EXCHANGE(16),
    FINISHED(20),
    /** RFC 6066 §8: TLS 1.2, the stapled OCSP response, right after the server's Certificate. */
    CERTIFICATE_STATUS(22),
    KEY_UPDATE(24),
    /** RFC 8879: a TLS 1.3 Certificate, compressed with an algorithm the receiver offered. */
    COMPRESSED_CERTIFICATE(25),
    /** The synthetic message that replaces ClientHello1 in the transcript after a HelloRetryRequest. */
    MESSAGE_HASH(254);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static HandshakeType fromCode(int code) {
        for (HandshakeType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
