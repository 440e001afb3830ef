package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateMessage;
import io.reactls.handshake.CertificateStatus;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.Suspended;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Step ② second half and step ③: the server's certificate, verified before anything else is trusted. */
final class ExpectServerCertificate implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectServerCertificate(ClientHandshakeData d) {
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
            throw new TlsAlertException(AlertDescription.DECODE_ERROR, "server sent an empty certificate list");
        }
        List<X509Certificate> chain = PeerCertificates.parse(ctx, cm.certificates());
        X509Certificate leaf = chain.get(0);
        ctx.event(HandshakeStep.SERVER_HELLO, "server certificate " + leaf.getSubjectX500Principal().getName()
                + " issued by " + leaf.getIssuerX500Principal().getName() + " (" + chain.size() + " in chain)");
        checkKeyFitsSuite(leaf.getPublicKey(), CipherSuites.keyExchange(d.suite));
        if (d.statusExpected) {
            return new ExpectCertificateStatus(chain);
        }
        return Suspended.checkChain(chain, ctx.serverName(), PeerRole.SERVER, c -> verified(c, chain));
    }

    /**
     * RFC 6066 §8: the server acknowledged status_request, so CertificateStatus with its stapled OCSP response comes
     * next; the chain is checked with it. A server may still send none ("MAY choose not to send"), as OpenSSL allows:
     * then the chain is checked without a staple and the message goes on to the state after the check.
     */
    private final class ExpectCertificateStatus implements HandshakeState {

        private final List<X509Certificate> chain;

        ExpectCertificateStatus(List<X509Certificate> chain) {
            this.chain = chain;
        }

        @Override
        public HandshakeState handle(HandshakeContext ctx, Message m) {
            if (m.type() != HandshakeType.CERTIFICATE_STATUS) {
                return Suspended.checkChain(chain, ctx.serverName(), PeerRole.SERVER, c -> verified(c, chain).handle(c, m));
            }
            CertificateStatus status = CertificateStatus.decode(m.reader());
            ctx.transcript().add(m.encoded());
            ctx.event(HandshakeStep.SERVER_HELLO, "stapled OCSP response (CertificateStatus, " + status.ocspResponse().length + " bytes)");
            return Suspended.checkChain(chain, ctx.serverName(), PeerRole.SERVER, status.ocspResponse(), c -> verified(c, chain));
        }

        @Override
        public String describe() {
            return "expecting CertificateStatus or the server's next message";
        }
    }

    private HandshakeState verified(HandshakeContext ctx, List<X509Certificate> chain) {
        d.serverChain = chain;
        ctx.event(HandshakeStep.CERTIFICATE_VERIFIED, "chain valid at " + ctx.now() + ", trusted, signatures good"
                + (ctx.serverName() != null ? ", matches " + ctx.serverName() : ", hostname not checked"));
        return CipherSuites.keyExchange(d.suite).isEcdhe() ? new ExpectServerKeyExchange(d) : new ExpectCertificateRequestOrDone(d);
    }

    private static void checkKeyFitsSuite(PublicKey key, KeyExchangeAlgorithm kx) {
        if (!ServerNegotiation.keyFits(SignatureScheme.keyTypeOf(key), kx)) {
            throw new TlsAlertException(AlertDescription.UNSUPPORTED_CERTIFICATE,
                    "server certificate has a " + key.getAlgorithm() + " key, unusable with " + kx + " key exchange");
        }
    }

    @Override
    public String describe() {
        return "expecting the server Certificate";
    }
}
