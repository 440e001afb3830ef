package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;

/** Step ⑥ seen by a TLS 1.3 server: the client's Finished completes the handshake. */
final class ExpectClientFinished13 implements HandshakeState {

    private final ServerData13 d;

    ExpectClientFinished13(ServerData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.FINISHED) {
            return HandshakeState.super.handle(ctx, m);
        }
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        Finished f = Finished.decode(m.reader(), hash.length());
        if (!Tls13KeySchedule.finishedMatches(hash, d.clientHandshakeSecret, ctx.transcript().hash(hash), f.verifyData())) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "client Finished does not match our transcript and keys");
        }
        ctx.transcript().add(m.encoded());
        ctx.changeReadProtection(Tls13KeySchedule.protection(d.suite, ctx.config().aeadBackend(), d.clientApplicationSecret));
        ctx.event(HandshakeStep.CLIENT_FINISHED, "client Finished verified");
        TicketIssuer.issue(ctx, d);
        TlsSession.EarlyData early = d.earlyDataAccepted ? TlsSession.EarlyData.ACCEPTED
                : d.earlyDataRefused ? TlsSession.EarlyData.REFUSED : TlsSession.EarlyData.NONE;
        ctx.complete(new TlsSession(TlsVersion.TLS_1_3, d.suite, d.group, d.clientChain, d.applicationProtocol, d.serverName,
                false, d.resumedFrom != null, early, ctx.earlyDataReceived()));
        return new Traffic13(false, d.suite, d.serverApplicationSecret, d.clientApplicationSecret, null);
    }

    @Override
    public String describe() {
        return "expecting the client Finished";
    }
}
