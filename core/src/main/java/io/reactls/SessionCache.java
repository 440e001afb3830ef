package io.reactls;

import io.reactls.handshake.resumption.ClientTicket;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client's tickets by peer ("host" or "host:port"), for resuming later connections. Bounded in peers (least
 * recently used peer evicted first) and in tickets per peer (oldest dropped); expired tickets are never handed out.
 * Thread-safe and non-blocking: every operation is a few map steps under a short monitor, no I/O, no waiting.
 * Share one cache between the connections that should resume each other.
 */
public final class SessionCache {

    /** Tickets kept per peer: a server usually sends one or two per connection. */
    public static final int TICKETS_PER_PEER = 4;

    private final int maxPeers;
    private final Map<String, ArrayDeque<ClientTicket>> byPeer;

    private SessionCache(int maxPeers) {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("a session cache must hold at least one peer, got " + maxPeers);
        }
        this.maxPeers = maxPeers;
        this.byPeer = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<ClientTicket>> eldest) {
                return size() > SessionCache.this.maxPeers;
            }
        };
    }

    /**
     * A cache for up to {@code maxPeers} servers.
     *
     * @param maxPeers the most servers whose tickets are kept, at least 1
     * @return an empty cache
     */
    public static SessionCache bounded(int maxPeers) {
        return new SessionCache(maxPeers);
    }

    /**
     * The key a connection uses: the server name, with the port when it is known.
     *
     * @param serverName the server name
     * @param port the port, or 0 when unknown
     * @return {@code serverName} or {@code serverName:port}
     */
    public static String key(String serverName, int port) {
        return port > 0 ? serverName + ":" + port : serverName;
    }

    /**
     * Keeps a ticket the handshake received; for reactls's handshake, not for applications.
     *
     * @param peer the key, see {@link #key}
     * @param ticket the ticket
     */
    public void put(String peer, ClientTicket ticket) {
        synchronized (byPeer) {
            ArrayDeque<ClientTicket> tickets = byPeer.computeIfAbsent(peer, k -> new ArrayDeque<>());
            tickets.addFirst(ticket);
            while (tickets.size() > TICKETS_PER_PEER) {
                tickets.removeLast();
            }
        }
    }

    /**
     * Removes and returns the newest ticket for {@code peer} still usable at {@code now}; for reactls's handshake.
     *
     * @param peer the key, see {@link #key}
     * @param now the current time
     * @return the ticket, or null
     */
    public ClientTicket take(String peer, Instant now) {
        synchronized (byPeer) {
            ArrayDeque<ClientTicket> tickets = byPeer.get(peer);
            if (tickets == null) {
                return null;
            }
            ClientTicket found = null;
            while (found == null && !tickets.isEmpty()) {
                ClientTicket t = tickets.pollFirst();
                if (t.usableAt(now)) {
                    found = t;
                }
            }
            if (tickets.isEmpty()) {
                byPeer.remove(peer);
            }
            return found;
        }
    }

    /**
     * Tickets held for {@code peer} (expired ones included until they are next looked at).
     *
     * @param peer the key, see {@link #key}
     * @return the number of tickets
     */
    public int size(String peer) {
        synchronized (byPeer) {
            ArrayDeque<ClientTicket> tickets = byPeer.get(peer);
            return tickets == null ? 0 : tickets.size();
        }
    }
}
