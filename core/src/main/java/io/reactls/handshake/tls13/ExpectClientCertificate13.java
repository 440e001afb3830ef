package io.reactls.handshake.tls13;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.Suspended;
import java.security.cert.X509Certificate;
import java.util.List;

/** The client's certificate after our CertificateRequest; an empty one is judged by the ClientAuthMode policy. */
final class ExpectClientCertificate13 implements HandshakeState {

    private final ServerData13 d;

    ExpectClientCertificate13(ServerData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        Certificate13 cm = Certificates13.receive(ctx, m, d.requestedCompression, HandshakeStep.CERTIFICATE_VERIFIED);
        if (cm == null) {
            return HandshakeState.super.handle(ctx, m);
        }
        ctx.transcript().add(m.encoded()); // the message as sent, compressed or not (RFC 8879 §4)
        if (cm.requestContext().length != 0) {
            throw TlsAlertException.illegalParameter("client Certificate does not echo our (empty) request context");
        }
        if (cm.certificates().isEmpty()) {
            if (ctx.config().clientAuth() == ClientAuthMode.REQUIRE) {
                throw new TlsAlertException(AlertDescription.CERTIFICATE_REQUIRED,
                        "client sent no certificate, and client authentication is required");
            }
            ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "client sent no certificate (client authentication optional)");
            return new ExpectClientFinished13(d);
        }
        List<X509Certificate> chain = PeerCertificates.parse(ctx, cm.certificates());
        return Suspended.checkChain(chain, null, PeerRole.CLIENT, c -> verified(c, chain));
    }

    private HandshakeState verified(HandshakeContext ctx, List<X509Certificate> chain) {
        d.clientChain = chain;
        ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "client certificate " + chain.get(0).getSubjectX500Principal().getName() + " verified");
        return new ExpectClientCertificateVerify13(d);
    }

    @Override
    public String describe() {
        return "expecting the client Certificate";
    }
}
