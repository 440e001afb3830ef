package io.reactls.handshake;

/** The extension code points reactls understands; anything else (GREASE included) is ignored on receipt. */
public final class ExtensionType {
    public static final int SERVER_NAME = 0;
    /**
     * RFC 6066 §8: a client asks for a stapled OCSP response; a TLS 1.2 server acknowledges it empty in ServerHello and
     * sends CertificateStatus, a TLS 1.3 server puts the CertificateStatus in the leaf's CertificateEntry (RFC 8446 §4.4.2.1).
     */
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int ALPN = 16;
    /** RFC 7685: zeros a client adds to step over a buggy ClientHello length range. */
    public static final int PADDING = 21;
    /** RFC 7366: empty in both hellos; the server answers only when it chose a CBC suite. */
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    /** RFC 8879: algorithms we can decompress, in a TLS 1.3 ClientHello or CertificateRequest. */
    public static final int COMPRESS_CERTIFICATE = 27;
    /** RFC 8449; answered in EncryptedExtensions (TLS 1.3) or ServerHello (TLS 1.2). */
    public static final int RECORD_SIZE_LIMIT = 28;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int CERTIFICATE_AUTHORITIES = 47;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int RENEGOTIATION_INFO = 0xFF01;

    private ExtensionType() {
    }
}
