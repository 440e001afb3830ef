package io.reactls;

import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The record a TLS 1.3 server keeps of the ClientHellos that brought 0-RTT data (RFC 8446 §8.2), asynchronously: a
 * store shared by several servers (e.g. Redis) refuses 0-RTT data replayed to any of them. reactls records each such
 * ClientHello's PSK binder for two freshness windows and accepts the early data only when the key was new; a hello
 * outside the window is refused without asking. The handshake waits for {@link #firstUse} as a pending operation,
 * never blocking its thread; an error or a time-out refuses the early data (the handshake goes on in 1-RTT, and a
 * handshake event says why). Without a store, each server keeps the record in memory.
 */
public interface AntiReplayStore {

    /**
     * Records {@code key} for {@code ttl}, atomically: of two servers asked for the same key, one gets true.
     *
     * @param key names one ClientHello
     * @param ttl how long to remember it
     * @return true when the key was not recorded yet (the early data may be accepted), false for a replay
     */
    Mono<Boolean> firstUse(byte[] key, Duration ttl);

    /**
     * A record in this process's memory (a {@link StrikeRegister} on the system clock) that holds up to
     * {@code maxEntries} live keys; when it is full it answers false (0-RTT refused) rather than forget.
     *
     * @param maxEntries keys kept at most
     * @return a new, empty record
     */
    static AntiReplayStore inMemory(int maxEntries) {
        StrikeRegister register = new StrikeRegister(maxEntries);
        Clock clock = Clock.systemUTC();
        return (key, ttl) -> Mono.fromSupplier(() -> register.firstUse(key, ttl, clock.instant()));
    }
}
