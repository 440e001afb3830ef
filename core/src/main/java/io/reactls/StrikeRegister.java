package io.reactls;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-memory record of ClientHellos that carried 0-RTT data (RFC 8446 §8.2): a key is accepted once, and remembered
 * until it expires; a key seen before, or any key while the register is full of live entries, is refused, so that 0-RTT
 * fails closed rather than forgetting. Thread-safe (one short monitor), non-blocking, and bounded: entries live only
 * as long as the freshness window makes a replay possible, so {@code maxEntries} bounds 0-RTT handshakes per window.
 *
 * <p>A server without an {@link AntiReplayStore} keeps one of these per configuration, and
 * {@link AntiReplayStore#inMemory} puts one behind the asynchronous store interface. Time is passed in by the caller.
 */
public final class StrikeRegister {

    private final int maxEntries;
    /** Key (hex) to expiry, oldest first: insertion order is expiry order, as every entry lives the same ttl. */
    private final LinkedHashMap<String, Instant> entries = new LinkedHashMap<>();

    /**
     * An empty register.
     *
     * @param maxEntries live keys kept at most (at least one)
     */
    public StrikeRegister(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a strike register must hold at least one entry, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Records {@code key} until {@code now + ttl}.
     *
     * @param key names one ClientHello
     * @param ttl how long to remember it
     * @param now the current time
     * @return true the first time the key is seen (0-RTT may be accepted), false for a replay or when full
     */
    public synchronized boolean firstUse(byte[] key, Duration ttl, Instant now) {
        expire(now);
        String k = HexFormat.of().formatHex(key);
        if (entries.containsKey(k) || entries.size() >= maxEntries) {
            return false;
        }
        entries.put(k, now.plus(ttl));
        return true;
    }

    /**
     * How many keys are recorded, expired ones included until the next {@link #firstUse} drops them.
     *
     * @return the number of recorded keys
     */
    public synchronized int size() {
        return entries.size();
    }

    private void expire(Instant now) {
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (now.isBefore(e.getValue())) {
                return;
            }
            it.remove();
        }
    }
}
