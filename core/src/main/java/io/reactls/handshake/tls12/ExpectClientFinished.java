package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;

/** Steps ⑥ and ⑦ on the server: check the client's Finished, then send our own. */
final class ExpectClientFinished implements HandshakeState {

    private final ServerHandshakeData d;

    ExpectClientFinished(ServerHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.FINISHED) {
            return HandshakeState.super.handle(ctx, m);
        }
        Finished f = Finished.decode(m.reader(), d.keys.verifyDataLength());
        if (!d.keys.checkVerifyData(true, ctx.transcript().hash(CipherSuites.hash(d.suite)), f.verifyData())) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "client Finished does not match our transcript and keys");
        }
        ctx.transcript().add(m.encoded());
        ctx.event(HandshakeStep.CLIENT_FINISHED, "client ChangeCipherSpec received, client Finished verified");
        if (d.resumed) {
            // Abbreviated handshake: our ChangeCipherSpec and Finished went first (RFC 5246 §7.3).
            ctx.exporter(d.keys.exporter(d.extendedMasterSecret));
            ctx.complete(new TlsSession(TlsVersion.TLS_1_2, d.suite, d.group, d.clientChain, d.applicationProtocol,
                    d.serverName, d.extendedMasterSecret, true));
            return new Traffic(false);
        }
        if (d.issueTicket) {
            ServerTickets.issue(ctx, d, ctx.now()); // right before our ChangeCipherSpec (RFC 5077 §3.3)
        }
        ctx.sendChangeCipherSpec(d.keys.serverWrite(ctx.config(), d.encryptThenMac));
        ctx.send(new Finished(d.keys.verifyData(false, ctx.transcript().hash(CipherSuites.hash(d.suite)))));
        ctx.event(HandshakeStep.SERVER_FINISHED, (d.issueTicket ? "NewSessionTicket sent, " : "")
                + "ChangeCipherSpec sent, Finished sent encrypted");
        ctx.exporter(d.keys.exporter(d.extendedMasterSecret));
        return ServerSessions.remember(ctx, d, c -> {
            c.complete(new TlsSession(TlsVersion.TLS_1_2, d.suite, d.group, d.clientChain, d.applicationProtocol,
                    d.serverName, d.extendedMasterSecret));
            return new Traffic(false);
        });
    }

    @Override
    public String describe() {
        return "expecting the client Finished";
    }
}
