package io.reactls.netty;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps how many handshakes one server runs at once: handshakes cost CPU (key exchange, signatures) while
 * established connections are cheap, so a burst of new connections waits here instead of starving the others.
 * A waiting connection reads nothing; its handshake timeout still runs. Thread-safe and lock-free.
 */
public final class HandshakeLimiter {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    private HandshakeLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max concurrent handshakes must be at least 1, was " + max);
        }
        this.max = max;
    }

    /**
     * At most {@code maxConcurrentHandshakes} handshakes at once; the others wait for a permit.
     *
     * @param maxConcurrentHandshakes the limit, at least 1
     * @return the limiter
     */
    public static HandshakeLimiter of(int maxConcurrentHandshakes) {
        return new HandshakeLimiter(maxConcurrentHandshakes);
    }

    /**
     * No limit.
     *
     * @return a limiter that never makes a handshake wait
     */
    public static HandshakeLimiter unlimited() {
        return new HandshakeLimiter(Integer.MAX_VALUE);
    }

    /**
     * The limit.
     *
     * @return the most handshakes at once
     */
    public int max() {
        return max;
    }

    /**
     * Handshakes holding a permit now.
     *
     * @return the permits held
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Runs {@code onPermit} once a permit is free: at once on this thread, or later on the thread that releases
     * one. Whoever is given a permit must {@link #release()} it exactly once, even if it no longer wants it.
     *
     * @param onPermit what to run with the permit
     */
    public void acquire(Runnable onPermit) {
        if (tryAcquire()) {
            onPermit.run();
            return;
        }
        waiting.add(onPermit);
        // A release may have happened between the failed tryAcquire and the add: hand its permit on now.
        drain();
    }

    /** Gives a permit back, handing it to the next waiting handshake if any. */
    public void release() {
        inFlight.decrementAndGet();
        drain();
    }

    private boolean tryAcquire() {
        int n;
        do {
            n = inFlight.get();
            if (n >= max) {
                return false;
            }
        } while (!inFlight.compareAndSet(n, n + 1));
        return true;
    }

    private void drain() {
        while (!waiting.isEmpty() && tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                continue;
            }
            next.run();
        }
    }
}
