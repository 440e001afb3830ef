package io.reactls.netty;

import io.reactls.handshake.TlsSession;
import java.time.Duration;

/**
 * Told how each handshake ended, and of connections the peer truncated, on the connection's event loop: keep it
 * quick (metrics, logging). Failures are handshakes that did not complete, whatever the reason (alert, timeout, peer
 * gone).
 */
public interface HandshakeObserver {

    HandshakeObserver NONE = new HandshakeObserver() {
        @Override
        public void succeeded(boolean client, Duration took, TlsSession session) {
        }

        @Override
        public void failed(boolean client, Duration took, Throwable cause) {
        }
    };

    void succeeded(boolean client, Duration took, TlsSession session);

    void failed(boolean client, Duration took, Throwable cause);

    /**
     * After a completed handshake, the peer closed the transport without close_notify (RFC 8446 §6.1, RFC 5246
     * §7.2.1): the data received may be incomplete unless the application protocol frames it.
     */
    default void truncated(boolean client, TlsSession session) {
    }
}
