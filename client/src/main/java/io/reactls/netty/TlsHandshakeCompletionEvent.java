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

    public static TlsHandshakeCompletionEvent success(TlsSession session) {
        return new TlsHandshakeCompletionEvent(session, null);
    }

    public static TlsHandshakeCompletionEvent failure(Throwable cause) {
        return new TlsHandshakeCompletionEvent(null, cause);
    }

    public boolean isSuccess() {
        return cause == null;
    }
}
