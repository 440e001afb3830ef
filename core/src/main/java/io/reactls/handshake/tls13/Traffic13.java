package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;

/**
 * Step ⑧ in TLS 1.3. Post-handshake messages: the client keeps NewSessionTickets when it has a session cache,
 * both sides answer KeyUpdate (RFC 8446 §4.6.3) by moving to the next traffic secret.
 */
final class Traffic13 implements HandshakeState {

    private final boolean client;
    private final CipherSuite suite;
    private byte[] writeSecret;
    private byte[] readSecret;
    private final TicketReceiver tickets;

    /** @param tickets where a client keeps tickets, or null (server, or a client without a session cache) */
    Traffic13(boolean client, CipherSuite suite, byte[] writeSecret, byte[] readSecret, TicketReceiver tickets) {
        this.client = client;
        this.tickets = tickets;
        this.suite = suite;
        this.writeSecret = writeSecret;
        this.readSecret = readSecret;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() == HandshakeType.NEW_SESSION_TICKET && client) {
            NewSessionTicket ticket = NewSessionTicket.decode(m.reader()); // checked even when we do not keep it
            if (tickets != null) {
                tickets.keep(ctx, ticket);
            }
            return this;
        }
        if (m.type() == HandshakeType.KEY_UPDATE) {
            KeyUpdate update = KeyUpdate.decode(m.reader());
            readSecret = Tls13KeySchedule.nextTrafficSecret(CipherSuites.hash(suite), readSecret);
            ctx.changeReadProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), readSecret));
            if (update.updateRequested()) {
                updateWriteKeys(ctx, false);
            }
            return this;
        }
        throw TlsAlertException.unexpectedMessage(m.type() + " after the TLS 1.3 handshake completed");
    }

    @Override
    public HandshakeState requestKeyUpdate(HandshakeContext ctx) {
        updateWriteKeys(ctx, true);
        return this;
    }

    @Override
    public HandshakeState updateWriteKeysBeforeLimit(HandshakeContext ctx) {
        updateWriteKeys(ctx, false);
        return this;
    }

    /** Sends KeyUpdate under the current keys, then switches our write keys. */
    void updateWriteKeys(HandshakeContext ctx, boolean requestPeerUpdate) {
        ctx.send(new KeyUpdate(requestPeerUpdate));
        writeSecret = Tls13KeySchedule.nextTrafficSecret(CipherSuites.hash(suite), writeSecret);
        ctx.changeWriteProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), writeSecret));
    }

    @Override
    public boolean isTraffic() {
        return true;
    }

    @Override
    public String describe() {
        return "exchanging application data (TLS 1.3)";
    }
}
