package io.reactls.handshake.client;

import io.reactls.CipherSuite;
import io.reactls.HandshakeStep;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.TlsConfig;
import java.util.List;

/**
 * Step ① on the client, for both versions: one ClientHello from the one builder (offering TLS 1.3, TLS 1.2 or both),
 * then the state of the version the hello leads with; a TLS 1.3 client falls back to the TLS 1.2 one through the
 * offer. The only place that knows both versions' client states, so neither version's package imports the other.
 */
public final class ClientEntry {

    private ClientEntry() {
    }

    /** Sends the ClientHello and returns the state that waits for the server's answer. */
    public static HandshakeState start(HandshakeContext ctx) {
        ClientOffer o = ClientOffer.draw(ctx);
        ClientHello hello = ClientHelloBuilder.build(ctx, o);
        ctx.send(hello);
        ctx.event(HandshakeStep.CLIENT_HELLO, describe(ctx, o) + (o.earlyData ? ", and " + ctx.earlyDataOffered()
                + " bytes of 0-RTT data" : ""));
        return o.tls13 ? io.reactls.handshake.tls13.ClientStart13.expectServerHello(ctx, o) : o.expectServerHello();
    }

    private static String describe(HandshakeContext ctx, ClientOffer o) {
        TlsConfig cfg = ctx.config();
        String sni = ctx.serverName() != null ? ", SNI " + ctx.serverName() : "";
        String alpn = cfg.alpn().isEmpty() ? "" : ", ALPN " + cfg.alpn();
        List<String> suites = ClientHelloBuilder.suites(cfg, o).stream().map(id -> CipherSuite.fromId(id).name()).toList();
        if (!o.tls13) {
            return "offered TLSv1.2, " + suites.size() + " suites " + suites + sni + alpn
                    + (o.tls12Ticket != null ? ", a session ticket to resume" : o.tls12Session != null ? ", offering to resume a session" : "");
        }
        return "offered " + (o.tls12 ? "TLSv1.3 and TLSv1.2" : "TLSv1.3") + ", suites " + suites
                + ", key share " + o.share.group().rfcName() + sni + alpn
                + (o.pskOffered ? ", a session ticket to resume" : o.tls12Ticket != null ? ", a TLS 1.2 session ticket to resume" : "");
    }
}
