package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.handshake.CertificateMessage;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.Suspended;
import java.security.cert.X509Certificate;
import java.util.List;

/** The client's certificate, after we asked for one; its policy is the server's ClientAuthMode. */
final class ExpectClientCertificate implements HandshakeState {

    private final ServerHandshakeData d;

    ExpectClientCertificate(ServerHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CERTIFICATE) {
            return HandshakeState.super.handle(ctx, m);
        }
        CertificateMessage cm = CertificateMessage.decode(m.reader());
        ctx.transcript().add(m.encoded());
        if (cm.certificates().isEmpty()) {
            if (ctx.config().clientAuth() == ClientAuthMode.REQUIRE) {
                throw TlsAlertException.handshakeFailure("client sent no certificate, and client authentication is required");
            }
            ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "client sent no certificate (client authentication optional)");
            return new ExpectClientKeyExchange(d);
        }
        List<X509Certificate> chain = PeerCertificates.parse(ctx, cm.certificates());
        return Suspended.checkChain(chain, null, PeerRole.CLIENT, c -> verified(c, chain));
    }

    private HandshakeState verified(HandshakeContext ctx, List<X509Certificate> chain) {
        d.clientChain = chain;
        ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "client certificate " + chain.get(0).getSubjectX500Principal().getName() + " verified");
        return new ExpectClientKeyExchange(d);
    }

    @Override
    public String describe() {
        return "expecting the client Certificate";
    }
}
