package io.reactls.handshake.tls13;

import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.resumption.ClientTicket;

/**
 * What a client offering TLS 1.3 needs from the TLS 1.2 client when its hello offers TLS 1.2 too: the TLS 1.2
 * session or ticket to offer, and the TLS 1.2 states to continue with when the server answers with TLS 1.2. The
 * version-neutral client entry supplies it, so this package does not depend on the TLS 1.2 one.
 */
public interface Tls12Client {

    /** Whether the hello carries session_ticket (RFC 5077). */
    boolean offersTicket(HandshakeContext ctx);

    /** {@code taken}, a TLS 1.2 ticket from the cache, if it may still be offered; else null. */
    ClientTicket usableTicket(HandshakeContext ctx, ClientTicket taken);

    /** The TLS 1.2 session the hello offers to resume: the one {@code ticket} stands for, or a cached one; null for none. */
    ResumableSession sessionToOffer(HandshakeContext ctx, ClientTicket ticket);

    /**
     * The server answered with TLS 1.2 (its downgrade sentinel already checked): the TLS 1.2 client's state for that
     * ServerHello, knowing what the hello offered.
     */
    HandshakeState afterServerHello(byte[] clientRandom, byte[] sessionId, ResumableSession offered, boolean ticketOffered,
                                    ClientTicket ticket);
}
