package io.reactls.handshake.tls12;

import io.reactls.TlsAlertException;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.SessionIdCache;
import io.reactls.handshake.TlsConfig;
import java.util.Objects;

/** The server's side of session-ID resumption: which ClientHello may resume, and keeping new sessions. */
final class ServerSessions {

    private static final int SESSION_ID_LENGTH = 32;

    private ServerSessions() {
    }

    /**
     * The cached session the client asks for, if resuming it is allowed: same suite still enabled and offered, same
     * server name (RFC 6066 §3) and the client certificate policy still met. Only extended-master-secret sessions are
     * ever cached, so a ClientHello that asks for one without offering the extension is aborted with
     * {@code handshake_failure} (RFC 7627 §5.3).
     */
    static ResumableSession toResume(HandshakeContext ctx, ClientHello ch, boolean clientOffersEms, String serverName) {
        TlsConfig cfg = ctx.config();
        SessionIdCache cache = cfg.sessionIdCache();
        if (cache == null || ch.sessionId().length == 0) {
            return null;
        }
        ResumableSession s = cache.get(SessionIdCache.idKey(ch.sessionId()), ctx.now());
        if (s == null || !cfg.cipherSuites().contains(s.cipherSuite()) || !ch.cipherSuites().contains(s.cipherSuite().id())
                || !Objects.equals(s.serverName(), serverName)
                || (cfg.clientAuth() == ClientAuthMode.REQUIRE && s.peerCertificates().isEmpty())) {
            return null;
        }
        if (!clientOffersEms) {
            throw TlsAlertException.handshakeFailure("client resumes an extended-master-secret session without the "
                    + "extension (RFC 7627 §5.3)");
        }
        return s;
    }

    /** A fresh id for a full handshake's session, or none when sessions are not cached or could not be resumed. */
    static byte[] newSessionId(HandshakeContext ctx, boolean extendedMasterSecret) {
        if (ctx.config().sessionIdCache() == null || !extendedMasterSecret) {
            return new byte[0];
        }
        byte[] id = new byte[SESSION_ID_LENGTH];
        ctx.config().random().nextBytes(id);
        return id;
    }

    static void remember(HandshakeContext ctx, ServerHandshakeData d) {
        SessionIdCache cache = ctx.config().sessionIdCache();
        if (cache == null || d.sessionId.length == 0) {
            return;
        }
        cache.put(SessionIdCache.idKey(d.sessionId), new ResumableSession(d.sessionId, d.suite, d.keys.masterSecret(),
                d.group, d.clientChain, d.serverName, ctx.now()));
    }
}
