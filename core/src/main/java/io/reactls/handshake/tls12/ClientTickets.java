package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.SessionCache;
import java.time.Duration;

/**
 * The client's side of TLS 1.2 session tickets (RFC 5077): offered (empty, or a ticket we hold) whenever the config
 * has a {@link SessionCache}; tickets are kept there, next to TLS 1.3 ones, under the server name and port.
 */
public final class ClientTickets {

    private static final int SESSION_ID_LENGTH = 32;

    private ClientTickets() {
    }

    /** Whether our ClientHello carries session_ticket: a cache to keep tickets in and a name to keep them under. */
    public static boolean offered(HandshakeContext ctx) {
        TlsConfig cfg = ctx.config();
        return cfg.sessionCache() != null && ctx.serverName() != null && cfg.versions().contains(TlsVersion.TLS_1_2);
    }

    /** The cache key of this connection's server. */
    public static String cacheKey(HandshakeContext ctx) {
        return SessionCache.key(ctx.serverName(), ctx.serverPort());
    }

    /** {@code t} if it is a TLS 1.2 ticket whose suite we still enable, else null. */
    public static ClientTicket usable(HandshakeContext ctx, ClientTicket t) {
        return t != null && t.version() == TlsVersion.TLS_1_2 && ctx.config().cipherSuites().contains(t.suite()) ? t : null;
    }

    /**
     * The session a ticket stands for, under a fresh random session id: the server echoes that id when it accepts
     * the ticket, which is how we tell an abbreviated handshake from a full one (RFC 5077 §3.4).
     */
    public static ResumableSession asSession(HandshakeContext ctx, ClientTicket t) {
        byte[] id = new byte[SESSION_ID_LENGTH];
        ctx.config().random().nextBytes(id);
        return new ResumableSession(id, t.suite(), t.secret(), t.group(), t.serverCertificates(), t.serverName(), t.received());
    }

    /**
     * After the server Finished verified (only then is the master secret known to be shared): keep the new ticket;
     * or, when a resumption brought none because the server did not acknowledge the extension, put the one we used
     * back, still valid. An empty NewSessionTicket drops it (RFC 5077 §3.3).
     */
    static void keep(HandshakeContext ctx, ClientHandshakeData d) {
        if (!d.ticketOffered) {
            return;
        }
        SessionCache cache = ctx.config().sessionCache();
        String key = cacheKey(ctx);
        NewSessionTicket12 t = d.newTicket;
        if (t != null && t.ticket().length > 0 && d.extendedMasterSecret) {
            Duration lifetime = t.lifetimeHint() == 0 ? ctx.config().ticketLifetime()
                    : Duration.ofSeconds(Math.min(t.lifetimeHint(), TlsConfig.MAX_TICKET_LIFETIME.toSeconds()));
            cache.put(key, new ClientTicket(TlsVersion.TLS_1_2, d.suite, t.ticket(), d.keys.masterSecret(), 0, ctx.now(),
                    lifetime, ctx.serverName(), d.applicationProtocol, d.serverChain, d.group));
        } else if (d.resumed && d.ticket != null && !d.ticketExpected) {
            cache.put(key, d.ticket);
        }
    }
}
