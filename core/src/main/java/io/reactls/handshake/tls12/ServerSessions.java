package io.reactls.handshake.tls12;

import io.reactls.TlsAlertException;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.SessionIdCache;
import io.reactls.handshake.Suspended;
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
    static ResumableSession toResume(HandshakeContext ctx, ClientHello ch, boolean clientOffersEms, String serverName,
                                     ResumableSession s) {
        TlsConfig cfg = ctx.config();
        if (cfg.sessionIdCache() == null || ch.sessionId().length == 0) {
            return null;
        }
        if (s == null || !ctx.now().isBefore(s.created().plus(cfg.sessionIdCache().lifetime())) || !cfg.cipherSuites().contains(s.cipherSuite()) || !ch.cipherSuites().contains(s.cipherSuite().id())
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

    /** Keeps the new session (in the config's cache, or the store the driver hands it to), then {@code then}. */
    static HandshakeState remember(HandshakeContext ctx, ServerHandshakeData d, Suspended.Accepted then) {
        SessionIdCache cache = ctx.config().sessionIdCache();
        if (cache == null || d.sessionId.length == 0) {
            return then.resume(ctx);
        }
        ResumableSession s = new ResumableSession(d.sessionId, d.suite, d.keys.masterSecret(), d.group, d.clientChain,
                d.serverName, ctx.now());
        return Suspended.saveSession(d.sessionId, s.encode(), cache.lifetime(), then);
    }
}
