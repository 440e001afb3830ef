package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;

/** Step ⑦ seen from the client: the server proves it saw the same handshake and holds the same keys. */
final class ExpectServerFinished implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectServerFinished(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.FINISHED) {
            return HandshakeState.super.handle(ctx, m);
        }
        Finished f = Finished.decode(m.reader(), d.keys.verifyDataLength());
        if (!d.keys.checkVerifyData(false, ctx.transcript().hash(CipherSuites.hash(d.suite)), f.verifyData())) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "server Finished does not match our transcript and keys");
        }
        ctx.transcript().add(m.encoded());
        ctx.event(HandshakeStep.SERVER_FINISHED, "server ChangeCipherSpec received, server Finished verified");
        ctx.exporter(d.keys.exporter(d.extendedMasterSecret));
        if (d.resumed) {
            // Abbreviated handshake: the server finished first, we answer (RFC 5246 §7.3).
            ctx.sendChangeCipherSpec(d.keys.clientWrite(ctx.config(), d.encryptThenMac));
            ctx.send(new Finished(d.keys.verifyData(true, ctx.transcript().hash(CipherSuites.hash(d.suite)))));
            ctx.event(HandshakeStep.CLIENT_FINISHED, "session resumed: ChangeCipherSpec sent, Finished sent encrypted");
        } else {
            ClientSessions.remember(ctx, d);
        }
        ClientTickets.keep(ctx, d);
        ctx.complete(new TlsSession(TlsVersion.TLS_1_2, d.suite, d.group, d.serverChain, d.applicationProtocol,
                ctx.serverName() != null && HelloExtensions.isDnsName(ctx.serverName()) ? ctx.serverName() : null,
                d.extendedMasterSecret, d.resumed));
        return new Traffic(true);
    }

    @Override
    public String describe() {
        return "expecting the server Finished";
    }
}
