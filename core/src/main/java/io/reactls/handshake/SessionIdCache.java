package io.reactls.handshake;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, thread-safe cache of resumable TLS 1.2 sessions, shared by the connections of one {@link TlsConfig}:
 * least recently used entries go first when it is full, and entries older than the lifetime are never returned.
 * Servers key it by session id, clients by server name and port.
 */
public final class SessionIdCache {

    private final int maxSize;
    private final Duration lifetime;
    private final LinkedHashMap<String, ResumableSession> entries;

    public SessionIdCache(int maxSize, Duration lifetime) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("session cache size must be positive: " + maxSize);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("session lifetime must be positive: " + lifetime);
        }
        this.maxSize = maxSize;
        this.lifetime = lifetime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ResumableSession> eldest) {
                return size() > SessionIdCache.this.maxSize;
            }
        };
    }

    public int maxSize() {
        return maxSize;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public synchronized void put(String key, ResumableSession session) {
        entries.put(key, session);
    }

    /** The session under {@code key} if it is still within its lifetime at {@code now}; expired ones are dropped. */
    public synchronized ResumableSession get(String key, Instant now) {
        ResumableSession s = entries.get(key);
        if (s != null && !now.isBefore(s.created().plus(lifetime))) {
            entries.remove(key);
            return null;
        }
        return s;
    }

    public synchronized void remove(String key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The server-side key for a session id. */
    public static String idKey(byte[] sessionId) {
        return java.util.HexFormat.of().formatHex(sessionId);
    }

    /** The client-side key: the server we connected to. */
    public static String serverKey(String serverName, int port) {
        return serverName + ":" + port;
    }
}
