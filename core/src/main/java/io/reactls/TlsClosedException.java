package io.reactls;

/**
 * The transport ended without a TLS close: the peer closed the connection without close_notify (a possible
 * truncation attack, RFC 5246 §7.2.1), or before the handshake completed.
 */
public final class TlsClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A transport closed without a TLS close.
     *
     * @param message what was happening when it closed
     */
    public TlsClosedException(String message) {
        super(message);
    }

    /**
     * A transport closed without a TLS close, reported by {@code cause}.
     *
     * @param message what was happening when it closed
     * @param cause the transport's own error
     */
    public TlsClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
