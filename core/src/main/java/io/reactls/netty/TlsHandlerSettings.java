package io.reactls.netty;

import io.reactls.HandshakeHooks;
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
 * @param hooks                   where the handshake's slow work goes (a signer for a remote key...); the engine does
 *                                what they do not cover in place
 */
public record TlsHandlerSettings(Duration handshakeTimeout, Duration closeNotifyFlushTimeout, HandshakeLimiter limiter,
                                 HandshakeObserver observer, boolean truncationIsError,
                                 Consumer<HandshakeEvent> eventListener, HandshakeHooks hooks) {

    /** 10 seconds, as reactor-netty's {@code SslProvider}. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** 3 seconds, as reactor-netty's {@code SslProvider}. */
    public static final Duration DEFAULT_CLOSE_NOTIFY_FLUSH_TIMEOUT = Duration.ofSeconds(3);

    /**
     * Checks the durations are not negative and nothing is null.
     *
     * @param handshakeTimeout the handshake timeout (zero: none)
     * @param closeNotifyFlushTimeout how long a close waits for close_notify to be written
     * @param limiter caps concurrent handshakes
     * @param observer told how each handshake ended
     * @param truncationIsError whether a close without close_notify errors the inbound
     * @param eventListener called with each handshake step
     * @param hooks where the handshake's slow work goes
     */
    public TlsHandlerSettings {
        requireNonNegative(handshakeTimeout, "handshakeTimeout");
        requireNonNegative(closeNotifyFlushTimeout, "closeNotifyFlushTimeout");
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(eventListener, "eventListener");
        Objects.requireNonNull(hooks, "hooks");
    }

    /**
     * The defaults: 10 s handshake timeout, 3 s close_notify flush timeout, no limit, no observer, truncation is an error.
     *
     * @return the default settings
     */
    public static TlsHandlerSettings defaults() {
        return new TlsHandlerSettings(DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_CLOSE_NOTIFY_FLUSH_TIMEOUT,
                HandshakeLimiter.unlimited(), HandshakeObserver.NONE, true, e -> { }, HandshakeHooks.none());
    }

    /**
     * These settings with another handshake timeout.
     *
     * @param t the timeout; zero disables it
     * @return the changed settings
     */
    public TlsHandlerSettings withHandshakeTimeout(Duration t) {
        return new TlsHandlerSettings(t, closeNotifyFlushTimeout, limiter, observer, truncationIsError, eventListener, hooks);
    }

    /**
     * These settings with another close_notify flush timeout.
     *
     * @param t the timeout
     * @return the changed settings
     */
    public TlsHandlerSettings withCloseNotifyFlushTimeout(Duration t) {
        return new TlsHandlerSettings(handshakeTimeout, t, limiter, observer, truncationIsError, eventListener, hooks);
    }

    /**
     * These settings with another concurrent-handshake limiter.
     *
     * @param l the limiter
     * @return the changed settings
     */
    public TlsHandlerSettings withLimiter(HandshakeLimiter l) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, l, observer, truncationIsError, eventListener, hooks);
    }

    /**
     * These settings with another handshake observer.
     *
     * @param o the observer
     * @return the changed settings
     */
    public TlsHandlerSettings withObserver(HandshakeObserver o) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, o, truncationIsError, eventListener, hooks);
    }

    /**
     * These settings with truncation an error or not.
     *
     * @param error whether a close without close_notify errors the inbound
     * @return the changed settings
     */
    public TlsHandlerSettings withTruncationIsError(boolean error) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, observer, error, eventListener, hooks);
    }

    /**
     * These settings with another handshake event listener.
     *
     * @param l the listener
     * @return the changed settings
     */
    public TlsHandlerSettings withEventListener(Consumer<HandshakeEvent> l) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, observer, truncationIsError, l, hooks);
    }

    /**
     * A copy with other hooks.
     *
     * @param h the hooks
     * @return the copy
     */
    public TlsHandlerSettings withHooks(HandshakeHooks h) {
        return new TlsHandlerSettings(handshakeTimeout, closeNotifyFlushTimeout, limiter, observer, truncationIsError, eventListener, h);
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
