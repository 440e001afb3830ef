package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.SessionIdCache;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;

/** The client's side of session-ID resumption: which session to offer a server, and keeping new ones. */
public final class ClientSessions {

    private ClientSessions() {
    }

    /** The cached session for this server name and port that we can still use, or null. */
    public static ResumableSession toOffer(HandshakeContext ctx) {
        TlsConfig cfg = ctx.config();
        SessionIdCache cache = cfg.sessionIdCache();
        if (cache == null || ctx.serverName() == null || !cfg.versions().contains(TlsVersion.TLS_1_2)) {
            return null;
        }
        ResumableSession s = cache.get(SessionIdCache.serverKey(ctx.serverName(), ctx.serverPort()), ctx.now());
        return s != null && cfg.cipherSuites().contains(s.cipherSuite()) ? s : null;
    }

    /** After a full handshake: keep the session if the server gave it an id and it used EMS, else forget the old one. */
    static void remember(HandshakeContext ctx, ClientHandshakeData d) {
        SessionIdCache cache = ctx.config().sessionIdCache();
        if (cache == null || ctx.serverName() == null) {
            return;
        }
        String key = SessionIdCache.serverKey(ctx.serverName(), ctx.serverPort());
        if (d.sessionId.length == 0 || !d.extendedMasterSecret) {
            cache.remove(key);
            return;
        }
        cache.put(key, new ResumableSession(d.sessionId, d.suite, d.keys.masterSecret(), d.group, d.serverChain,
                ctx.serverName(), ctx.now()));
    }
}
