package io.reactls.handshake.tls12;

import io.reactls.TlsVersion;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.resumption.ClientTicket;

/**
 * Where the TLS 1.2 client starts once the version-neutral builder has sent a ClientHello offering TLS 1.2 — alone,
 * or next to TLS 1.3 when the server then chose TLS 1.2 (its downgrade sentinel already checked).
 */
public final class ClientStart {

    private ClientStart() {
    }

    /**
     * The state that waits for the server's TLS 1.2 ServerHello, knowing what the hello offered: its random, the
     * legacy_session_id and the cached session it names (null when random or empty), whether it carried session_ticket
     * and which ticket (null: an empty one; {@code offered} is then the session the ticket stands for).
     */
    public static HandshakeState expectServerHello(byte[] clientRandom, byte[] sessionId, ResumableSession offered,
                                                   boolean ticketOffered, ClientTicket ticket) {
        ClientHandshakeData d = new ClientHandshakeData();
        d.offeredVersion = TlsVersion.TLS_1_2.code();
        d.clientRandom = clientRandom;
        d.sessionId = sessionId.clone();
        d.offered = offered;
        d.ticketOffered = ticketOffered;
        d.ticket = ticket;
        return new ExpectServerHello(d);
    }
}
