package io.reactls.alert;

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
    private final int code;

    public TlsAlertException(AlertDescription alert, String reason) {
        this(alert, Origin.LOCAL, reason, null);
    }

    public TlsAlertException(AlertDescription alert, String reason, Throwable cause) {
        this(alert, Origin.LOCAL, reason, cause);
    }

    public TlsAlertException(AlertDescription alert, Origin origin, String reason, Throwable cause) {
        super((origin == Origin.LOCAL ? "sent " : "received ") + alert.rfcName() + ": " + reason, cause);
        if (alert == AlertDescription.UNKNOWN) {
            throw new IllegalArgumentException("an unknown alert is made with unknownFromPeer(code, level)");
        }
        this.alert = alert;
        this.origin = origin;
        this.code = alert.code();
    }

    private TlsAlertException(int code, int level) {
        super("received unknown alert " + code + " (level " + level + "): the peer ended the connection", null);
        this.alert = AlertDescription.UNKNOWN;
        this.origin = Origin.PEER;
        this.code = code;
    }

    /** The peer sent an alert whose description code we do not know; {@link #alert()} is {@link AlertDescription#UNKNOWN}. */
    public static TlsAlertException unknownFromPeer(int code, int level) {
        return new TlsAlertException(code, level);
    }

    public AlertDescription alert() {
        return alert;
    }

    public Origin origin() {
        return origin;
    }

    /** The alert's code on the wire: {@code alert().code()}, or for an {@link AlertDescription#UNKNOWN} alert what the peer sent. */
    public int code() {
        return code;
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
