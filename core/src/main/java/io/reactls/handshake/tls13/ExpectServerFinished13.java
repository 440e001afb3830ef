package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.ClientCredential;
import io.reactls.handshake.Finished;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import java.util.List;

/** Steps ⑦ then ⑥ in TLS 1.3: the server's Finished arrives first, then the client sends its own flight. */
final class ExpectServerFinished13 implements HandshakeState {

    private final ClientData13 d;

    ExpectServerFinished13(ClientData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.FINISHED) {
            return HandshakeState.super.handle(ctx, m);
        }
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        Finished f = Finished.decode(m.reader(), hash.length());
        if (!Tls13KeySchedule.finishedMatches(hash, d.serverHandshakeSecret, ctx.transcript().hash(hash), f.verifyData())) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "server Finished does not match our transcript and keys");
        }
        ctx.transcript().add(m.encoded());
        ctx.event(HandshakeStep.SERVER_FINISHED, "server Finished verified");

        byte[] thServerFinished = ctx.transcript().hash(hash);
        MasterSecret master = d.handshakeSecret.master();
        d.clientApplicationSecret = master.clientApplicationTrafficSecret(thServerFinished);
        d.serverApplicationSecret = master.serverApplicationTrafficSecret(thServerFinished);
        byte[] exporterSecret = master.exporterMasterSecret(thServerFinished);
        ctx.logSecret(KeyLog.CLIENT_TRAFFIC_SECRET_0, d.clientRandom, d.clientApplicationSecret);
        ctx.logSecret(KeyLog.SERVER_TRAFFIC_SECRET_0, d.clientRandom, d.serverApplicationSecret);
        ctx.logSecret(KeyLog.EXPORTER_SECRET, d.clientRandom, exporterSecret);
        ctx.exporter(Tls13KeySchedule.exporterOf(hash, exporterSecret));
        AeadBackend backend = ctx.config().aeadBackend();
        ctx.changeReadProtection(Tls13KeySchedule.protection(d.suite, backend, d.serverApplicationSecret));
        if (d.earlyDataPending) {
            // Still under the early keys: EndOfEarlyData if the server reads 0-RTT data, then our handshake keys (§4.5).
            if (d.earlyDataAccepted) {
                ctx.send(new EndOfEarlyData());
            }
            ctx.changeWriteProtection(Tls13KeySchedule.protection(d.suite, backend, d.clientHandshakeSecret));
            d.earlyDataPending = false;
        }

        if (d.certificateRequestContext != null) {
            ClientCredential chosen = ClientCredential.choose(ctx,
                    key -> CertificateVerifier13.choose(ctx, d.certificateRequestSchemes, key),
                    d.certificateRequestCertificateSchemes, d.certificateRequestAuthorities);
            KeyMaterial km = chosen == null ? null : chosen.keyMaterial();
            SignatureScheme scheme = chosen == null ? null : chosen.scheme();
            if (chosen != null) {
                ctx.event(HandshakeStep.CLIENT_FINISHED, "client certificate " + km.leaf().getSubjectX500Principal().getName()
                        + " chosen: " + chosen.why());
            }
            List<byte[]> chain = scheme == null ? List.of() : PeerCertificates.encode(km.chain());
            Certificates13.send(ctx, new Certificate13(d.certificateRequestContext, chain), d.certificateRequestCompression,
                    HandshakeStep.CLIENT_FINISHED);
            if (scheme != null) {
                byte[] content = CertificateVerifyContent.of(false, ctx.transcript().hash(hash));
                return Suspended.sign(km, scheme, content, (c, signature) -> {
                    c.send(new CertificateVerify(scheme.id(), signature));
                    return clientFinished(c, master, scheme);
                });
            }
        }
        return clientFinished(ctx, master, null);
    }

    /** Our Finished (after our certificate and its CertificateVerify, if asked for), then traffic. */
    private HandshakeState clientFinished(HandshakeContext ctx, MasterSecret master, SignatureScheme sentWith) {
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        AeadBackend backend = ctx.config().aeadBackend();
        ctx.send(new Finished(Tls13KeySchedule.finishedVerifyData(hash, d.clientHandshakeSecret, ctx.transcript().hash(hash))));
        ctx.changeWriteProtection(Tls13KeySchedule.protection(d.suite, backend, d.clientApplicationSecret));
        ctx.event(HandshakeStep.CLIENT_FINISHED, "client Finished sent encrypted"
                + (sentWith != null ? " (after our certificate and CertificateVerify, " + sentWith.rfcName() + ")"
                : d.certificateRequestContext != null ? " (with an empty certificate: none fits the request)" : ""));
        String sni = ctx.serverName() != null && HelloExtensions.isDnsName(ctx.serverName()) ? ctx.serverName() : null;
        TicketReceiver tickets = d.cacheKey == null ? null : new TicketReceiver(ctx.config().sessionCache(), d.cacheKey, d.suite,
                master.resumptionMasterSecret(ctx.transcript().hash(hash)), sni, d.applicationProtocol, d.serverChain);
        TlsSession.EarlyData early = !d.earlyDataOffered ? TlsSession.EarlyData.NONE
                : d.earlyDataAccepted ? TlsSession.EarlyData.ACCEPTED : TlsSession.EarlyData.REFUSED;
        ctx.complete(new TlsSession(TlsVersion.TLS_1_3, d.suite, d.group, d.serverChain, d.applicationProtocol, sni, false, d.resumed,
                early, d.earlyDataAccepted ? ctx.earlyDataOffered() : 0));
        return new Traffic13(true, d.suite, d.clientApplicationSecret, d.serverApplicationSecret, tickets);
    }

    @Override
    public String describe() {
        return "expecting the server Finished";
    }
}
