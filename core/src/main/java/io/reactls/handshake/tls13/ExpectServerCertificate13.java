package io.reactls.handshake.tls13;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.CertificateAuthorities;
import io.reactls.handshake.ClientCredential;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.Suspended;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** An optional CertificateRequest, then the server's Certificate, verified at once (step ③). */
final class ExpectServerCertificate13 implements HandshakeState {

    private final ClientData13 d;

    ExpectServerCertificate13(ClientData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() == HandshakeType.CERTIFICATE_REQUEST && d.certificateRequestContext == null) {
            CertificateRequest13 cr = CertificateRequest13.decode(m.reader());
            ctx.transcript().add(m.encoded());
            List<Integer> schemes = cr.extensions().parse(ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms",
                    r -> Extensions.readU16List(r, "signature_algorithms"));
            if (schemes == null) {
                throw new TlsAlertException(AlertDescription.MISSING_EXTENSION, "CertificateRequest without signature_algorithms");
            }
            d.certificateRequestContext = cr.requestContext();
            d.certificateRequestSchemes = schemes;
            d.certificateRequestCertificateSchemes = ClientCredential.certificateSchemes(cr.extensions().parse(
                    ExtensionType.SIGNATURE_ALGORITHMS_CERT, "signature_algorithms_cert",
                    r -> Extensions.readU16List(r, "signature_algorithms_cert")), schemes);
            List<X500Principal> authorities = cr.extensions().parse(ExtensionType.CERTIFICATE_AUTHORITIES,
                    "certificate_authorities", CertificateAuthorities::read);
            d.certificateRequestAuthorities = authorities == null ? List.of() : authorities;
            d.certificateRequestCompression = cr.extensions().parse(ExtensionType.COMPRESS_CERTIFICATE, "compress_certificate",
                    Tls13Extensions::readCompressCertificate);
            return this;
        }
        Certificate13 cm = Certificates13.receive(ctx, m, d.offeredCompression, HandshakeStep.SERVER_HELLO);
        if (cm == null) {
            return HandshakeState.super.handle(ctx, m);
        }
        ctx.transcript().add(m.encoded()); // the message as sent, compressed or not (RFC 8879 §4)
        if (cm.requestContext().length != 0) {
            throw TlsAlertException.illegalParameter("server Certificate has a non-empty request context");
        }
        if (cm.certificates().isEmpty()) {
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "server sent an empty certificate list");
        }
        List<X509Certificate> chain = PeerCertificates.parse(ctx, cm.certificates());
        X509Certificate leaf = chain.get(0);
        ctx.event(HandshakeStep.SERVER_HELLO, "server certificate " + leaf.getSubjectX500Principal().getName()
                + " issued by " + leaf.getIssuerX500Principal().getName() + " (" + chain.size() + " in chain)");
        return Suspended.checkChain(chain, ctx.serverName(), PeerRole.SERVER, c -> verified(c, chain));
    }

    private HandshakeState verified(HandshakeContext ctx, List<X509Certificate> chain) {
        d.serverChain = chain;
        ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "chain valid at " + ctx.now() + ", trusted, signatures good"
                + (ctx.serverName() != null ? ", matches " + ctx.serverName() : ", hostname not checked"));
        return new ExpectServerCertificateVerify(d);
    }

    @Override
    public String describe() {
        return d.certificateRequestContext == null ? "expecting CertificateRequest or Certificate" : "expecting the server Certificate";
    }
}
