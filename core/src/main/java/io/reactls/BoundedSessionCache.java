package io.reactls;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SessionCache#bounded}: bounded in peers (least recently used peer evicted first) and in tickets per peer
 * (oldest dropped). Every operation is a few map steps under a short monitor.
 */
final class BoundedSessionCache implements SessionCache {

    private final int maxPeers;
    private final Map<String, ArrayDeque<SessionTicket>> byPeer;

    BoundedSessionCache(int maxPeers) {
        if (maxPeers < 1) {
            throw new IllegalArgumentException("a session cache must hold at least one peer, got " + maxPeers);
        }
        this.maxPeers = maxPeers;
        this.byPeer = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<SessionTicket>> eldest) {
                return size() > BoundedSessionCache.this.maxPeers;
            }
        };
    }

    @Override
    public void put(String peer, SessionTicket ticket) {
        synchronized (byPeer) {
            ArrayDeque<SessionTicket> tickets = byPeer.computeIfAbsent(peer, k -> new ArrayDeque<>());
            tickets.addFirst(ticket);
            while (tickets.size() > TICKETS_PER_PEER) {
                tickets.removeLast();
            }
        }
    }

    @Override
    public SessionTicket take(String peer, Instant now) {
        synchronized (byPeer) {
            ArrayDeque<SessionTicket> tickets = byPeer.get(peer);
            if (tickets == null) {
                return null;
            }
            SessionTicket found = null;
            while (found == null && !tickets.isEmpty()) {
                SessionTicket t = tickets.pollFirst();
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

    @Override
    public int size(String peer) {
        synchronized (byPeer) {
            ArrayDeque<SessionTicket> tickets = byPeer.get(peer);
            return tickets == null ? 0 : tickets.size();
        }
    }
}
