package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.HandshakeState;

/**
 * Where the TLS 1.3 client starts once the version-neutral builder has sent a ClientHello offering TLS 1.3 (and TLS
 * 1.2 when enabled, with a key share for our first group and a legacy session id for middlebox compatibility).
 */
public final class ClientStart13 {

    private ClientStart13() {
    }

    /**
     * After the first hello: the 0-RTT data if it offers early_data, then the state that waits for the answer.
     */
    public static HandshakeState expectServerHello(io.reactls.handshake.HandshakeContext ctx, ClientHelloOffer offer) {
        ExpectServerHello13 next = (ExpectServerHello13) expectServerHello(offer);
        if (offer.earlyDataOffered()) {
            sendEarlyData(ctx, next.data());
        }
        return next;
    }

    /**
     * 0-RTT (RFC 8446 §2.3): right after the ClientHello (and the compatibility ChangeCipherSpec, which then goes
     * here, §D.4), the data under client_early_traffic_secret, with the ticket's suite.
     */
    private static void sendEarlyData(io.reactls.handshake.HandshakeContext ctx, ClientData13 d) {
        io.reactls.CipherSuite suite = d.ticket.suite();
        byte[] secret = Tls13KeySchedule.early(CipherSuites.hash(suite), d.ticket.secret()).clientEarlyTrafficSecret(ctx.transcript().hash(CipherSuites.hash(suite)));
        ctx.logSecret(io.reactls.handshake.keylog.KeyLog.CLIENT_EARLY_TRAFFIC_SECRET, d.clientRandom, secret);
        if (ctx.config().middleboxCompatibility()) {
            ctx.sendCompatibilityChangeCipherSpec();
            d.compatibilityCcsSent = true;
        }
        ctx.changeWriteProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), secret));
        ctx.sendEarlyData();
        d.earlyDataOffered = true;
        d.earlyDataPending = true;
    }

    /** The state that waits for the answer to {@code offer}: ServerHello, HelloRetryRequest or a TLS 1.2 ServerHello. */
    public static HandshakeState expectServerHello(ClientHelloOffer offer) {
        ClientData13 d = new ClientData13();
        d.offer = offer;
        d.clientRandom = offer.clientRandom();
        d.sessionId = offer.sessionId();
        d.share = offer.share();
        d.ticket = offer.ticket();
        d.pskOffered = offer.pskOffered();
        d.cacheKey = offer.ticketCacheKey();
        d.offeredCompression = offer.compression();
        return new ExpectServerHello13(d);
    }
}
