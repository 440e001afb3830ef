package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.SessionState;
import io.reactls.handshake.resumption.TicketSealer;
import java.time.Instant;

/**
 * A TLS 1.3 server's NewSessionTickets after the client Finished (RFC 8446 §4.6.1): each carries, sealed with our
 * ticket keys, the PSK {@code HKDF-Expand-Label(resumption_master_secret, "resumption", nonce)} and what the session
 * was, so any server holding the keys can resume it without server-side state.
 */
final class TicketIssuer {

    private TicketIssuer() {
    }

    /** Sends the configured number of tickets; none when the client cannot use them (no psk_dhe_ke offered). */
    static void issue(HandshakeContext ctx, ServerData13 d) {
        TlsConfig cfg = ctx.config();
        TicketSealer sealer = cfg.ticketSealer();
        if (cfg.sessionTickets() == 0 || sealer == null || !d.offersPskDheKe) {
            return;
        }
        HashAlgorithm h = CipherSuites.hash(d.suite);
        byte[] resumptionMasterSecret = d.master.resumptionMasterSecret(ctx.transcript().hash(h));
        long lifetime = cfg.ticketLifetime().toSeconds();
        Instant now = ctx.now();
        for (int i = 0; i < cfg.sessionTickets(); i++) {
            byte[] nonce = {(byte) i}; // unique within the connection, which is all §4.6.1 asks
            byte[] ageAddBytes = new byte[4];
            cfg.random().nextBytes(ageAddBytes);
            long ageAdd = ((ageAddBytes[0] & 0xFFL) << 24) | ((ageAddBytes[1] & 0xFF) << 16) | ((ageAddBytes[2] & 0xFF) << 8) | (ageAddBytes[3] & 0xFF);
            SessionState state = new SessionState(TlsVersion.TLS_1_3, d.suite,
                    Tls13KeySchedule.resumptionPsk(h, resumptionMasterSecret, nonce), now.toEpochMilli(), ageAdd, lifetime,
                    false, d.serverName, d.applicationProtocol, PeerCertificates.encode(d.clientChain));
            ctx.send(new NewSessionTicket(lifetime, ageAdd, nonce, sealer.seal(now, state.encode()), extensions(cfg)));
        }
    }

    /**
     * An empty GREASE extension when GREASE is on, as BoringSSL servers send (RFC 8701 §4.1), and early_data with our
     * max_early_data_size when 0-RTT is on (RFC 8446 §4.2.10).
     */
    private static Extensions extensions(TlsConfig cfg) {
        Extensions ext = Extensions.empty();
        if (cfg.grease()) {
            byte[] b = new byte[1];
            cfg.random().nextBytes(b);
            ext.with(io.reactls.handshake.Grease.value(b[0]), new byte[0]);
        }
        if (cfg.maxEarlyData() > 0) {
            ext.with(io.reactls.handshake.ExtensionType.EARLY_DATA, Tls13Extensions.maxEarlyDataSize(cfg.maxEarlyData()));
        }
        return ext;
    }
}
