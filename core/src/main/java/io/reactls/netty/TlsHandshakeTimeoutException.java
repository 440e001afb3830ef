package io.reactls.netty;

import java.time.Duration;

/** The handshake did not complete within the configured time; the connection was closed. */
public final class TlsHandshakeTimeoutException extends RuntimeException {

    /**
     * A handshake that outlived {@code timeout}.
     *
     * @param timeout the configured handshake timeout
     */
    public TlsHandshakeTimeoutException(Duration timeout) {
        super("TLS handshake did not complete within " + timeout.toMillis() + " ms");
    }
}
