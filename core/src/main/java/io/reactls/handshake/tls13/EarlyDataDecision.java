package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.keylog.KeyLog;
import java.time.Duration;
import java.util.Objects;

/**
 * A TLS 1.3 server's answer to early_data (RFC 8446 §4.2.10): read the client's 0-RTT data only for the first ticket
 * it offered, resumed with that ticket's suite and ALPN protocol, within the freshness window, and for a ClientHello
 * the anti-replay record has not seen.
 *
 * <p>Anti-replay (RFC 8446 §8) is ClientHello recording with a freshness window (§8.2 + §8.3), not single-use tickets
 * (§8.1): our tickets are stateless (sealed, any server of a fleet opens them), so single use would mean remembering
 * every 0-RTT ticket for its whole lifetime (hours to days), while a strike register only keeps a ClientHello for two
 * freshness windows (seconds) — the same one store write per 0-RTT attempt, far fewer live entries. The key recorded
 * is the PSK binder, an HMAC over the whole ClientHello (random included): a replayed hello has the same binder, a
 * fresh one from the same ticket does not. A hello whose ticket age is off by more than the window is refused
 * without asking the store (held back, or replayed after its entry expired). A register that is full, or a shared
 * store that does not answer in time, refuses 0-RTT: it fails closed, the handshake goes on in 1-RTT.
 */
final class EarlyDataDecision {

    private EarlyDataDecision() {
    }

    /** Decides (asking the anti-replay record if everything else allows 0-RTT), then {@code then}. */
    static HandshakeState decide(HandshakeContext ctx, ServerData13 d, AcceptedTicket resumed, byte[] clientHelloHash,
                                 Suspended.Accepted then) {
        if (!d.earlyDataOffered || d.earlyDataRefused) { // refused already: we sent a HelloRetryRequest
            return then.resume(ctx);
        }
        String refusal = refusal(ctx, d, resumed);
        if (refusal != null) {
            ServerStart13.refuseEarlyData(ctx, d, refusal);
            return then.resume(ctx);
        }
        Duration window = ctx.config().earlyDataWindow();
        return Suspended.checkReplay(resumed.binder(), window.multipliedBy(2), (c, firstUse) -> {
            if (firstUse == null) {
                ServerStart13.refuseEarlyData(c, d, "this ClientHello was seen before (a replay), or the anti-replay record"
                        + " could not vouch for it");
            } else {
                accept(c, d, resumed, clientHelloHash);
            }
            return then.resume(c);
        });
    }

    private static String refusal(HandshakeContext ctx, ServerData13 d, AcceptedTicket resumed) {
        TlsConfig cfg = ctx.config();
        if (cfg.maxEarlyData() == 0) {
            return "0-RTT is not enabled";
        }
        if (resumed == null) {
            return "no ticket was resumed";
        }
        if (resumed.index() != 0) {
            return "the resumed ticket is not the first one offered";
        }
        if (resumed.state().suite() != d.suite) {
            return "the cipher suite is not the ticket's";
        }
        if (!Objects.equals(resumed.state().alpn(), d.applicationProtocol)) {
            return "the ALPN protocol is not the ticket's";
        }
        Duration skew = resumed.ageSkew(ctx.now());
        if (skew.compareTo(cfg.earlyDataWindow()) > 0) {
            return "the client's ticket age is " + skew.toMillis() + " ms off ours, outside the " + cfg.earlyDataWindow().toMillis()
                    + " ms freshness window (a held-back or replayed ClientHello)";
        }
        return null;
    }

    /** From now on we read with the client's early traffic keys, until its EndOfEarlyData. */
    private static void accept(HandshakeContext ctx, ServerData13 d, AcceptedTicket resumed, byte[] clientHelloHash) {
        byte[] secret = Tls13KeySchedule.early(CipherSuites.hash(d.suite), resumed.state().secret()).clientEarlyTrafficSecret(clientHelloHash);
        ctx.logSecret(KeyLog.CLIENT_EARLY_TRAFFIC_SECRET, d.clientRandom, secret);
        ctx.changeReadProtection(Tls13KeySchedule.protection(d.suite, ctx.config().aeadBackend(), secret));
        d.earlyDataAccepted = true;
        ctx.event(HandshakeStep.CLIENT_HELLO, "0-RTT data accepted (up to " + ctx.config().maxEarlyData()
                + " bytes; replayable by nature, counted in the session's earlyDataBytes)");
    }
}
