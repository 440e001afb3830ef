package io.reactls.handshake.client;

import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.ResumableSession;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.handshake.tls12.ClientSessions;
import io.reactls.handshake.tls12.ClientStart;
import io.reactls.handshake.tls12.ClientTickets;
import io.reactls.handshake.tls13.ClientStart13;
import io.reactls.handshake.tls13.Tls12Client;

/**
 * Step ① on the client, for both versions: with TLS 1.3 enabled, one ClientHello that offers it (and TLS 1.2 too,
 * when enabled, falling back to the TLS 1.2 client if the server picks it); otherwise a TLS 1.2 ClientHello. The only
 * place that knows both versions' client states, so neither version's package imports the other.
 */
public final class ClientEntry {

    /** The TLS 1.2 client as a TLS 1.3 hello needs it. */
    private static final Tls12Client TLS12 = new Tls12Client() {
        @Override
        public boolean offersTicket(HandshakeContext ctx) {
            return ClientTickets.offered(ctx);
        }

        @Override
        public ClientTicket usableTicket(HandshakeContext ctx, ClientTicket taken) {
            return ClientTickets.usable(ctx, taken);
        }

        @Override
        public ResumableSession sessionToOffer(HandshakeContext ctx, ClientTicket ticket) {
            return ticket != null ? ClientTickets.asSession(ctx, ticket) : ClientSessions.toOffer(ctx);
        }

        @Override
        public HandshakeState afterServerHello(byte[] clientRandom, byte[] sessionId, ResumableSession offered,
                                               boolean ticketOffered, ClientTicket ticket) {
            return ClientStart.continueAfterTls13Hello(clientRandom, sessionId, offered, ticketOffered, ticket);
        }
    };

    private ClientEntry() {
    }

    /** Sends the ClientHello and returns the state that waits for the server's answer. */
    public static HandshakeState start(HandshakeContext ctx) {
        return ctx.config().versions().contains(TlsVersion.TLS_1_3) ? ClientStart13.start(ctx, TLS12) : ClientStart.start(ctx);
    }
}
