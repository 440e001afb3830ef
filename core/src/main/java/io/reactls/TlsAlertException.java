package io.reactls;

/**
 * A TLS connection failed with an alert. {@link #origin()} tells whether we raised it (and sent it to the peer)
 * or the peer sent it to us. The message names the reason in plain words.
 */
public class TlsAlertException extends RuntimeException {

    /** Who raised the alert. */
    public enum Origin { LOCAL, PEER }

    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;
    private final Origin origin;

    public TlsAlertException(AlertDescription alert, String reason) {
        this(alert, Origin.LOCAL, reason, null);
    }

    public TlsAlertException(AlertDescription alert, String reason, Throwable cause) {
        this(alert, Origin.LOCAL, reason, cause);
    }

    public TlsAlertException(AlertDescription alert, Origin origin, String reason, Throwable cause) {
        super((origin == Origin.LOCAL ? "sent " : "received ") + alert.rfcName() + ": " + reason, cause);
        this.alert = alert;
        this.origin = origin;
    }

    public AlertDescription alert() {
        return alert;
    }

    public Origin origin() {
        return origin;
    }

    /** Shorthand for the most common failure of a parser. */
    public static TlsAlertException decodeError(String reason) {
        return new TlsAlertException(AlertDescription.DECODE_ERROR, reason);
    }

    public static TlsAlertException unexpectedMessage(String reason) {
        return new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, reason);
    }

    public static TlsAlertException illegalParameter(String reason) {
        return new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, reason);
    }

    public static TlsAlertException handshakeFailure(String reason) {
        return new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, reason);
    }

    public static TlsAlertException internalError(String reason, Throwable cause) {
        return new TlsAlertException(AlertDescription.INTERNAL_ERROR, reason, cause);
    }
}
