package io.reactls.netty;

import io.reactls.TlsSession;
import java.time.Duration;

/**
 * Told how each handshake ended, on the connection's event loop: keep it quick (metrics, logging). Failures are
 * handshakes that did not complete, whatever the reason (alert, timeout, peer gone).
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
}
