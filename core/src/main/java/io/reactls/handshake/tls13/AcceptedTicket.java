package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.SessionState;
import io.reactls.handshake.resumption.TicketSealer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The server's choice among the tickets a ClientHello offers (RFC 8446 §4.2.11): the first one that opens with our
 * ticket keys, is TLS 1.3, fits the chosen suite's hash, is within its lifetime and was issued for the same server
 * name. Its binder must then verify, or the handshake fails; tickets we cannot use just mean a full handshake.
 *
 * @param index         the identity's position, echoed as selected_identity
 * @param obfuscatedAge the client's obfuscated_ticket_age for it (RFC 8446 §4.2.11.1)
 * @param binder        its binder: unique to this ClientHello, so it names the hello against replay (§8.2)
 */
record AcceptedTicket(int index, SessionState state, long obfuscatedAge, byte[] binder) {

    /** Tickets a little "from the future" are accepted: servers of a fleet do not share one clock exactly. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** Null when nothing offered is resumable. {@code ch} is already the last message in the transcript. */
    static AcceptedTicket select(HandshakeContext ctx, ClientHello ch, ServerData13 d) {
        TlsConfig cfg = ctx.config();
        OfferedPsks offered = ch.extensions().parse(ExtensionType.PRE_SHARED_KEY, "pre_shared_key", OfferedPsks::decode);
        TicketSealer sealer = cfg.ticketSealer();
        if (offered == null || !d.offersPskDheKe || sealer == null || cfg.sessionTickets() == 0) {
            return null;
        }
        // A fresh client certificate is wanted when the ticket has none to stand for it.
        boolean needsClientCertificate = cfg.clientAuth() == ClientAuthMode.REQUIRE;
        Instant now = ctx.now();
        for (int i = 0; i < offered.identities().size(); i++) {
            byte[] opened = sealer.open(now, offered.identities().get(i).identity());
            SessionState s = opened == null ? null : SessionState.decode(opened);
            if (s == null || s.version() != TlsVersion.TLS_1_3 || CipherSuites.hash(s.suite()) != CipherSuites.hash(d.suite)
                    || !withinLifetime(s, now) || !Objects.equals(s.serverName(), d.serverName)
                    || (needsClientCertificate && s.peerCertificates().isEmpty())) {
                continue;
            }
            checkBinder(ctx, offered, i, s);
            return new AcceptedTicket(i, s, offered.identities().get(i).obfuscatedTicketAge(), offered.binders().get(i));
        }
        return null;
    }

    /**
     * How far the client's view of the ticket's age is from ours (RFC 8446 §8.3): the client's age is the obfuscated
     * age minus ticket_age_add, ours is now minus the issue time. Large when the ClientHello was held back and replayed.
     */
    Duration ageSkew(Instant now) {
        long clientAge = (obfuscatedAge - state.ageAdd()) & 0xFFFFFFFFL;
        long serverAge = now.toEpochMilli() - state.createdMillis();
        return Duration.ofMillis(Math.abs(serverAge - clientAge));
    }

    private static boolean withinLifetime(SessionState s, Instant now) {
        Instant created = Instant.ofEpochMilli(s.createdMillis());
        return !now.isBefore(created.minus(CLOCK_SKEW)) && now.isBefore(created.plusSeconds(s.lifetimeSeconds()));
    }

    /** The binder proves the client holds the PSK and binds it to this ClientHello (RFC 8446 §4.2.11.2). */
    private static void checkBinder(HandshakeContext ctx, OfferedPsks offered, int index, SessionState s) {
        HashAlgorithm h = CipherSuites.hash(s.suite());
        byte[] partialHash = ctx.transcript().hashWithoutTail(h, offered.bindersLength());
        byte[] binderKey = Tls13KeySchedule.early(h, s.secret()).binderKey(true);
        byte[] expected = Tls13KeySchedule.finishedVerifyData(h, binderKey, partialHash);
        if (!MessageDigest.isEqual(expected, offered.binders().get(index))) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "bad binder for the offered session ticket");
        }
    }
}
