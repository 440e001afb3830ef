package io.reactls;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Where a server keeps TLS 1.2 sessions for session-ID resumption (RFC 5246 §7.3), asynchronously: a store shared by
 * several servers (e.g. Redis) lets a client resume on any of them. The handshake waits for {@link #get} and
 * {@link #put} as pending operations, never blocking its thread; an error or a time-out means only that the session is
 * not resumed (a full handshake follows, and a handshake event says why). Without a store, each server keeps its
 * sessions in memory ({@code sessionIdCache}).
 *
 * <p>The values are opaque bytes that hold the session's master secret: a store outside the process must be as
 * trusted, and as private, as the server's key.
 */
public interface SessionIdStore {

    /**
     * The session stored under {@code sessionId}.
     *
     * @param sessionId the id a ClientHello asks to resume
     * @return the bytes {@link #put} stored, or empty when there are none (never stored, expired or evicted)
     */
    Mono<byte[]> get(byte[] sessionId);

    /**
     * Stores {@code session} under {@code sessionId} for {@code lifetime}.
     *
     * @param sessionId the id the server assigned
     * @param session   the encoded session (secret)
     * @param lifetime  how long it may be resumed
     * @return completes when stored
     */
    Mono<Void> put(byte[] sessionId, byte[] session, Duration lifetime);

    /**
     * A store in this process's memory, bounded: least recently used sessions go first when it is full.
     *
     * @param maxSize sessions kept at most
     * @return a new, empty store
     */
    static SessionIdStore inMemory(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive, got " + maxSize);
        }
        record Entry(byte[] session, Instant expires) {
        }
        Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxSize;
            }
        };
        return new SessionIdStore() {
            @Override
            public Mono<byte[]> get(byte[] sessionId) {
                return Mono.fromSupplier(() -> {
                    synchronized (entries) {
                        String key = HexFormat.of().formatHex(sessionId);
                        Entry e = entries.get(key);
                        if (e != null && !Instant.now().isBefore(e.expires())) {
                            entries.remove(key);
                            return null;
                        }
                        return e == null ? null : e.session().clone();
                    }
                });
            }

            @Override
            public Mono<Void> put(byte[] sessionId, byte[] session, Duration lifetime) {
                return Mono.fromRunnable(() -> {
                    synchronized (entries) {
                        entries.put(HexFormat.of().formatHex(sessionId), new Entry(session.clone(), Instant.now().plus(lifetime)));
                    }
                });
            }
        };
    }
}
