package io.reactls.handshake.tls13;

import io.reactls.handshake.HandshakeState;

/**
 * Where the TLS 1.3 client starts once the version-neutral builder has sent a ClientHello offering TLS 1.3 (and TLS
 * 1.2 when enabled, with a key share for our first group and a legacy session id for middlebox compatibility).
 */
public final class ClientStart13 {

    private ClientStart13() {
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
