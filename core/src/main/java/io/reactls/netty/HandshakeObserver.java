package io.reactls.netty;

import io.reactls.TlsSession;
import java.time.Duration;

/**
 * Told how each handshake ended, and of connections the peer truncated, on the connection's event loop: keep it
 * quick (metrics, logging). Failures are handshakes that did not complete, whatever the reason (alert, timeout, peer
 * gone).
 */
public interface HandshakeObserver {

    /** Observes nothing. */
    HandshakeObserver NONE = new HandshakeObserver() {
        @Override
        public void succeeded(boolean client, Duration took, TlsSession session) {
        }

        @Override
        public void failed(boolean client, Duration took, Throwable cause) {
        }
    };

    /**
     * A handshake completed.
     *
     * @param client whether this side is the client
     * @param took how long it took
     * @param session the negotiated session
     */
    void succeeded(boolean client, Duration took, TlsSession session);

    /**
     * A handshake did not complete.
     *
     * @param client whether this side is the client
     * @param took how long it ran
     * @param cause why: an alert, a timeout, the peer gone
     */
    void failed(boolean client, Duration took, Throwable cause);

    /**
     * After a completed handshake, the peer closed the transport without close_notify (RFC 8446 §6.1, RFC 5246
     * §7.2.1): the data received may be incomplete unless the application protocol frames it.
     *
     * @param client whether this side is the client
     * @param session the connection's session
     */
    default void truncated(boolean client, TlsSession session) {
    }
}
