package io.reactls;

/** TLS alert descriptions (RFC 5246 §7.2, RFC 8446 §6, RFC 7301, RFC 5746). */
public enum AlertDescription {
    /** The sender will send no more data on this connection (a warning, not a failure). */
    CLOSE_NOTIFY(0),
    /** A message arrived that the protocol state does not allow. */
    UNEXPECTED_MESSAGE(10),
    /** A record failed to decrypt or authenticate. */
    BAD_RECORD_MAC(20),
    /** A record was longer than the protocol or the negotiated limit allows. */
    RECORD_OVERFLOW(22),
    /** No acceptable set of security parameters could be negotiated. */
    HANDSHAKE_FAILURE(40),
    /** A certificate was corrupt or its signatures did not verify. */
    BAD_CERTIFICATE(42),
    /** A certificate was of a type or key the receiver does not support. */
    UNSUPPORTED_CERTIFICATE(43),
    /** A certificate was revoked by its signer. */
    CERTIFICATE_REVOKED(44),
    /** A certificate has expired or is not yet valid. */
    CERTIFICATE_EXPIRED(45),
    /** Some other problem made a certificate unacceptable. */
    CERTIFICATE_UNKNOWN(46),
    /** A field in a message was out of range or inconsistent with other fields. */
    ILLEGAL_PARAMETER(47),
    /** A certificate chain did not lead to a trusted certificate authority. */
    UNKNOWN_CA(48),
    /** A valid certificate was received, but access control refused the connection. */
    ACCESS_DENIED(49),
    /** A message could not be decoded: a field out of its bounds or a wrong length. */
    DECODE_ERROR(50),
    /** A handshake signature, Finished message or key exchange failed to verify. */
    DECRYPT_ERROR(51),
    /** The peer's protocol version is recognised but not supported. */
    PROTOCOL_VERSION(70),
    /** The peer's parameters are weaker than the receiver requires. */
    INSUFFICIENT_SECURITY(71),
    /** A failure unrelated to the peer or the protocol, such as a failed key signer. */
    INTERNAL_ERROR(80),
    /** A fallback to a lower version was refused (RFC 7507). */
    INAPPROPRIATE_FALLBACK(86),
    /** The handshake is being cancelled for reasons unrelated to the protocol. */
    USER_CANCELED(90),
    /** Renegotiation was requested and refused (TLS 1.2). */
    NO_RENEGOTIATION(100),
    /** A message lacked an extension that the protocol requires in it (TLS 1.3). */
    MISSING_EXTENSION(109),
    /** A message carried an extension that is not allowed in it. */
    UNSUPPORTED_EXTENSION(110),
    /** The server has no certificate for the requested server name (SNI). */
    UNRECOGNIZED_NAME(112),
    /** An invalid or unacceptable OCSP response was received. */
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    /** No acceptable pre-shared key identity was offered. */
    UNKNOWN_PSK_IDENTITY(115),
    /** The server requires a client certificate and the client sent none (TLS 1.3). */
    CERTIFICATE_REQUIRED(116),
    /** No ALPN protocol offered by the client is supported by the server (RFC 7301). */
    NO_APPLICATION_PROTOCOL(120),
    /**
     * A peer's alert whose code none of our RFCs defines; never sent. {@link TlsAlertException#code()} has the code
     * the peer sent.
     */
    UNKNOWN(-1);

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /**
     * The alert's code on the wire.
     *
     * @return the AlertDescription byte
     */
    public int code() {
        return code;
    }

    /**
     * The RFC's name.
     *
     * @return the name as the RFCs spell it, e.g. {@code bad_record_mac}
     */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Looks up a received code; unknown codes are reported (as {@link #UNKNOWN}), not thrown on.
     *
     * @param code the AlertDescription byte
     * @return the alert, or null for a code we do not know
     */
    public static AlertDescription fromCode(int code) {
        for (AlertDescription d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return null;
    }
}
