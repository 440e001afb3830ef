package io.reactls.netty;

import io.reactls.HandshakeEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link TlsHandler} behaves around the engine. Defaults follow reactor-netty's {@code SslProvider}: 10 s
 * handshake timeout, 3 s close_notify flush timeout.
 *
 * @param handshakeTimeout        the connection is closed if the handshake takes longer (zero: no timeout)
 * @param closeNotifyFlushTimeout how long a close waits for our close_notify to be written before closing anyway
 * @param limiter                 shared by a server's connections to cap concurrent handshakes
 * @param observer                told how each handshake ended (metrics)
 * @param truncationIsError       whether a peer that closes without close_notify after the handshake is reported
 *                                as an exception down the pipeline (raw TCP streams), or only as a
 *                                {@link TlsCloseEvent#TRUNCATED} (HTTP, whose framing detects truncation itself)
 * @param eventListener           called with each handshake step on the event loop
 */
public record TlsHandlerSettings(Duration handshakeTimeout, Duration closeNotifyFlushTimeout, HandshakeLimiter limiter,
                                 HandshakeObserver observer, boolean truncationIsError,
                                 Consumer<HandshakeEvent> eventListener) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_NOTIFY_FLUSH_TIMEOUT = Duration.ofSeconds(3);

    public TlsHandlerSettings {
        requireNonNegative(handshakeTimeout, "handshakeTimeout");
        requireNonNegative(closeNotifyFlushTimeout, "closeNotifyFlushTimeout");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(eventListener, "eventListener");
    }

    public static TlsHandlerSettings defaults() {
        return new TlsHandlerSettings(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_CLOSE_NOTIFY_FLUSH_TIMEOUT,
                HandshakeLimiter.unlimited(), HandshakeObserver.NONE, true, e -> { });
    }

    public TlsHandlerSettings withHandshakeTimeout(Duration t) {
        return new TlsHandlerSettings(t, closeNotifyFlushTimeout, limiter, observer, truncationIsError, eventListener);
    }

    public TlsHandlerSettings withCloseNotifyFlushTimeout(Duration t) {
        return new TlsHandlerSettings(handshakeTimeout, t, limiter, observer, truncationIsError, eventListener);
    }

    public TlsHandlerSettings withLimiter(HandshakeLimiter l) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, l, observer, truncationIsError, eventListener);
    }

    public TlsHandlerSettings withObserver(HandshakeObserver o) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, o, truncationIsError, eventListener);
    }

    public TlsHandlerSettings withTruncationIsError(boolean error) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, observer, error, eventListener);
    }

    public TlsHandlerSettings withEventListener(Consumer<HandshakeEvent> l) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, observer, truncationIsError, l);
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
