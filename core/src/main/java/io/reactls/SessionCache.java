package io.reactls;

import java.time.Instant;

/**
 * Where a client keeps its {@linkplain SessionTicket tickets} by peer ("host" or "host:port", see {@link #key}), for
 * resuming later connections. Share one cache between the connections that should resume each other. {@link #bounded}
 * is the one reactls provides; an implementation of your own (metrics, another eviction policy) stores the tickets it
 * is given as they are.
 *
 * <p>The handshake calls it on the connection's thread: an implementation must be thread-safe and must not block
 * (no I/O, no waiting). A ticket is secret and offered once (RFC 8446 §C.4), so {@link #take} removes it.
 */
public interface SessionCache {

    /** Tickets {@link #bounded} keeps per peer: a server usually sends one or two per connection. */
    int TICKETS_PER_PEER = 4;

    /**
     * A cache in this process's memory for up to {@code maxPeers} servers: the least recently used peer is evicted
     * first, and a peer keeps its {@value #TICKETS_PER_PEER} newest tickets; expired tickets are never handed out.
     *
     * @param maxPeers the most servers whose tickets are kept, at least 1
     * @return an empty cache
     */
    static SessionCache bounded(int maxPeers) {
        return new BoundedSessionCache(maxPeers);
    }

    /**
     * The key a connection uses: the server name, with the port when it is known.
     *
     * @param serverName the server name
     * @param port the port, or 0 when unknown
     * @return {@code serverName} or {@code serverName:port}
     */
    static String key(String serverName, int port) {
        return port > 0 ? serverName + ":" + port : serverName;
    }

    /**
     * Keeps a ticket the handshake received.
     *
     * @param peer the key, see {@link #key}
     * @param ticket the ticket
     */
    void put(String peer, SessionTicket ticket);

    /**
     * Removes and returns the newest ticket for {@code peer} that is {@linkplain SessionTicket#usableAt usable} at
     * {@code now}.
     *
     * @param peer the key, see {@link #key}
     * @param now the current time
     * @return the ticket, or null when there is none
     */
    SessionTicket take(String peer, Instant now);

    /**
     * Tickets held for {@code peer} (expired ones included until they are next looked at).
     *
     * @param peer the key, see {@link #key}
     * @return the number of tickets
     */
    int size(String peer);
}
