package io.reactls;

/**
 * A TLS connection failed with an alert. {@link #origin()} tells whether we raised it (and sent it to the peer)
 * or the peer sent it to us. The message names the reason in plain words.
 */
public class TlsAlertException extends RuntimeException {

    /** Who raised the alert. */
    public enum Origin {
        /** We raised the alert and sent it to the peer. */
        LOCAL,
        /** The peer sent the alert to us. */
        PEER
    }

    private static final long serialVersionUID = 1L;

    /** The alert that ended the connection. */
    private final AlertDescription alert;
    /** Who raised it. */
    private final Origin origin;
    /** The alert's code on the wire (kept for alerts reactls has no name for). */
    private final int code;

    /**
     * An alert we raise.
     *
     * @param alert the alert sent to the peer
     * @param reason why, in plain words
     */
    public TlsAlertException(AlertDescription alert, String reason) {
        this(alert, Origin.LOCAL, reason, null);
    }

    /**
     * An alert we raise because of {@code cause}.
     *
     * @param alert the alert sent to the peer
     * @param reason why, in plain words
     * @param cause the underlying failure
     */
    public TlsAlertException(AlertDescription alert, String reason, Throwable cause) {
        this(alert, Origin.LOCAL, reason, cause);
    }

    /**
     * An alert raised by either side.
     *
     * @param alert the alert
     * @param origin who raised it
     * @param reason why, in plain words
     * @param cause the underlying failure, or null
     */
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

    /**
     * The peer sent an alert whose description code we do not know.
     *
     * @param code the description code received
     * @param level the alert level received
     * @return an exception whose {@link #alert()} is {@link AlertDescription#UNKNOWN}
     */
    public static TlsAlertException unknownFromPeer(int code, int level) {
        return new TlsAlertException(code, level);
    }

    /**
     * The alert that ended the connection.
     *
     * @return the alert description
     */
    public AlertDescription alert() {
        return alert;
    }

    /**
     * Who raised the alert.
     *
     * @return {@link Origin#LOCAL} when we sent it, {@link Origin#PEER} when we received it
     */
    public Origin origin() {
        return origin;
    }

    /**
     * The alert's code on the wire.
     *
     * @return {@code alert().code()}, or for an {@link AlertDescription#UNKNOWN} alert the code the peer sent
     */
    public int code() {
        return code;
    }

    /**
     * A {@code decode_error} we raise: the most common failure of a parser.
     *
     * @param reason why, in plain words
     * @return the exception to throw
     */
    public static TlsAlertException decodeError(String reason) {
        return new TlsAlertException(AlertDescription.DECODE_ERROR, reason);
    }

    /**
     * An {@code unexpected_message} we raise.
     *
     * @param reason why, in plain words
     * @return the exception to throw
     */
    public static TlsAlertException unexpectedMessage(String reason) {
        return new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, reason);
    }

    /**
     * An {@code illegal_parameter} we raise.
     *
     * @param reason why, in plain words
     * @return the exception to throw
     */
    public static TlsAlertException illegalParameter(String reason) {
        return new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, reason);
    }

    /**
     * An {@code handshake_failure} we raise.
     *
     * @param reason why, in plain words
     * @return the exception to throw
     */
    public static TlsAlertException handshakeFailure(String reason) {
        return new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, reason);
    }

    /**
     * An {@code internal_error} we raise.
     *
     * @param reason why, in plain words
     * @param cause the underlying failure
     * @return the exception to throw
     */
    public static TlsAlertException internalError(String reason, Throwable cause) {
        return new TlsAlertException(AlertDescription.INTERNAL_ERROR, reason, cause);
    }
}
