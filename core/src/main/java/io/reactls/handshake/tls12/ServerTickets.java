package io.reactls.handshake.tls12;

import io.reactls.TlsAlertException;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.SessionState;
import io.reactls.TicketKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The server's side of TLS 1.2 session tickets (RFC 5077): the master secret and what the session was, sealed
 * (AES-256-GCM) under the same rotating {@link TicketKeys} as TLS 1.3 tickets, so any server holding those keys
 * resumes it. On whenever TLS 1.3 tickets are (ticket keys present and {@link TlsConfig#sessionTickets()} above 0).
 *
 * <p>Only extended-master-secret sessions get a ticket and are resumed (RFC 7627 §5.3). A renewed ticket (sent on
 * every resumption, sealed under the current key) keeps the original creation time: a master secret lives at most
 * {@link TlsConfig#ticketLifetime()} from the full handshake that made it, however often it is resumed.
 */
final class ServerTickets {

    /** Tickets a little "from the future" are accepted: servers of a fleet do not share one clock exactly. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final int MASTER_SECRET_LENGTH = 48;

    private ServerTickets() {
    }

    /** Whether we answer this ClientHello's session_ticket extension (and so send a NewSessionTicket). */
    static boolean willIssue(TlsConfig cfg, ClientHello ch, boolean extendedMasterSecret) {
        return enabled(cfg) && extendedMasterSecret && ch.extensions().has(ExtensionType.SESSION_TICKET);
    }

    private static boolean enabled(TlsConfig cfg) {
        return cfg.ticketSealer() != null && cfg.sessionTickets() > 0;
    }

    /**
     * The session in the client's ticket if it may be resumed: it opens under our keys (else it is silently
     * ignored, RFC 5077 §3.4), is TLS 1.2 with the extended master secret and so is this ClientHello, its suite is
     * still enabled and offered, it is within its lifetime, it was issued for the same server name (RFC 6066 §3),
     * and it holds a client certificate when we require one. The session is named by the client's session id, which
     * the ServerHello echoes to signal acceptance (RFC 5077 §3.4). A ClientHello that would resume an
     * extended-master-secret session without offering the extension is aborted with {@code handshake_failure}
     * (RFC 7627 §5.3); a ticket for a session without it (from a server of the fleet that issued one) only means a
     * full handshake.
     */
    static ResumableSession toResume(HandshakeContext ctx, ClientHello ch, boolean clientOffersEms, String serverName) {
        TlsConfig cfg = ctx.config();
        byte[] ticket = ch.extensions().get(ExtensionType.SESSION_TICKET);
        if (!enabled(cfg) || ticket == null || ticket.length == 0) {
            return null;
        }
        Instant now = ctx.now();
        byte[] opened = cfg.ticketSealer().open(now, ticket);
        SessionState s = opened == null ? null : SessionState.decode(opened);
        if (s == null || s.version() != TlsVersion.TLS_1_2 || !s.extendedMasterSecret() || s.suite().isTls13()
                || s.secret().length != MASTER_SECRET_LENGTH || !withinLifetime(s, now)
                || !cfg.cipherSuites().contains(s.suite()) || !ch.cipherSuites().contains(s.suite().id())
                || !Objects.equals(s.serverName(), serverName)
                || (cfg.clientAuth() == ClientAuthMode.REQUIRE && s.peerCertificates().isEmpty())) {
            return null;
        }
        if (!clientOffersEms) {
            throw TlsAlertException.handshakeFailure("client resumes an extended-master-secret session from a ticket "
                    + "without the extension (RFC 7627 §5.3)");
        }
        return new ResumableSession(ch.sessionId(), s.suite(), s.secret(), s.group(),
                PeerCertificates.parse(s.peerCertificates()), s.serverName(), Instant.ofEpochMilli(s.createdMillis()));
    }

    private static boolean withinLifetime(SessionState s, Instant now) {
        Instant created = Instant.ofEpochMilli(s.createdMillis());
        return !now.isBefore(created.minus(CLOCK_SKEW)) && now.isBefore(created.plusSeconds(s.lifetimeSeconds()));
    }

    /**
     * Sends NewSessionTicket, right before our ChangeCipherSpec (RFC 5077 §3.3). {@code created} is now for a full
     * handshake, the original session's creation time when a resumption renews its ticket.
     */
    static void issue(HandshakeContext ctx, ServerHandshakeData d, Instant created) {
        TlsConfig cfg = ctx.config();
        Instant now = ctx.now();
        Instant expires = created.plus(cfg.ticketLifetime());
        if (!now.isBefore(expires)) {
            // The session outlived a since-shortened lifetime: an empty ticket says "none for you" (RFC 5077 §3.3).
            ctx.send(new NewSessionTicket12(0, new byte[0]));
            return;
        }
        long remaining = Math.max(1, Duration.between(now, expires).toSeconds());
        SessionState state = new SessionState(TlsVersion.TLS_1_2, d.suite, d.keys.masterSecret(), created.toEpochMilli(),
                0, cfg.ticketLifetime().toSeconds(), true, d.serverName, d.applicationProtocol,
                PeerCertificates.encode(d.clientChain), d.group);
        ctx.send(new NewSessionTicket12(remaining, cfg.ticketSealer().seal(now, state.encode())));
    }
}
