package io.reactls.netty;

import io.reactls.TlsSession;

/**
 * Fired down the pipeline by {@link TlsHandler} when the handshake ends, just before {@code channelActive} (on
 * success). The reactls counterpart of Netty's {@code SslHandshakeCompletionEvent}.
 *
 * @param session the negotiated session, or null on failure
 * @param cause   why the handshake failed, or null on success
 */
public record TlsHandshakeCompletionEvent(TlsSession session, Throwable cause) {

    /**
     * A completed handshake.
     *
     * @param session the negotiated session
     * @return the event
     */
    public static TlsHandshakeCompletionEvent success(TlsSession session) {
        return new TlsHandshakeCompletionEvent(session, null);
    }

    /**
     * A failed handshake.
     *
     * @param cause why it failed
     * @return the event
     */
    public static TlsHandshakeCompletionEvent failure(Throwable cause) {
        return new TlsHandshakeCompletionEvent(null, cause);
    }

    /**
     * Whether the handshake completed.
     *
     * @return true on success
     */
    public boolean isSuccess() {
        return cause == null;
    }
}
