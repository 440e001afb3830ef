package io.reactls.netty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reactls.TlsClosedException;
import io.reactls.TlsAlertException;
import io.reactls.TlsSession;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Handshake metrics in the spirit of reactor-netty's {@code tls.handshake.time}:
 * <ul>
 *   <li>{@value #HANDSHAKE_TIME} — timer of every handshake, tagged {@code side} (client/server), {@code status}
 *       (SUCCESS/ERROR), {@code tls.version} and {@code cipher.suite} ({@code none} when it failed);</li>
 *   <li>{@value #HANDSHAKE_FAILURES} — counter of failed handshakes, tagged {@code side}, {@code alert} (the TLS
 *       alert name, or {@code timeout}, {@code closed}, {@code other}) and {@code origin} (who sent the alert:
 *       local, peer, or none).</li>
 *   <li>{@value #TRUNCATIONS} — counter of established connections the peer closed without close_notify, tagged
 *       {@code side} and {@code tls.version}.</li>
 * </ul>
 */
public final class MicrometerHandshakeMetrics implements HandshakeObserver {

    /** The timer of completed handshakes. */
    public static final String HANDSHAKE_TIME = "reactls.tls.handshake.time";
    /** The counter of failed handshakes. */
    public static final String HANDSHAKE_FAILURES = "reactls.tls.handshake.failures";
    /** The counter of connections the peer closed without close_notify. */
    public static final String TRUNCATIONS = "reactls.tls.truncations";

    private final MeterRegistry registry;

    /**
     * Records into {@code registry}.
     *
     * @param registry the meter registry
     */
    public MicrometerHandshakeMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void succeeded(boolean client, Duration took, TlsSession session) {
        timer(client, "SUCCESS", session.protocol(), session.cipherSuite().name()).record(took);
    }

    @Override
    public void failed(boolean client, Duration took, Throwable cause) {
        timer(client, "ERROR", "none", "none").record(took);
        Counter.builder(HANDSHAKE_FAILURES)
                .description("TLS handshakes that did not complete")
                .tag("side", side(client))
                .tag("alert", alertName(cause))
                .tag("origin", cause instanceof TlsAlertException a ? a.origin().name().toLowerCase(Locale.ROOT) : "none")
                .register(registry)
                .increment();
    }

    @Override
    public void truncated(boolean client, TlsSession session) {
        Counter.builder(TRUNCATIONS)
                .description("TLS connections the peer closed without close_notify after the handshake")
                .tag("side", side(client))
                .tag("tls.version", session == null ? "none" : session.protocol())
                .register(registry)
                .increment();
    }

    private Timer timer(boolean client, String status, String version, String suite) {
        return Timer.builder(HANDSHAKE_TIME)
                .description("Time spent in TLS handshakes")
                .tag("side", side(client))
                .tag("status", status)
                .tag("tls.version", version)
                .tag("cipher.suite", suite)
                .register(registry);
    }

    private static String side(boolean client) {
        return client ? "client" : "server";
    }

    private static String alertName(Throwable cause) {
        if (cause instanceof TlsAlertException a) {
            return a.alert().name().toLowerCase(Locale.ROOT);
        }
        if (cause instanceof TlsHandshakeTimeoutException) {
            return "timeout";
        }
        if (cause instanceof TlsClosedException) {
            return "closed";
        }
        return "other";
    }
}
