package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.handshake.EcdheServerKeyExchange;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.SignatureSchemes;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/** The server's signed ephemeral key (ECDHE suites): the signature ties it to the verified certificate. */
final class ExpectServerKeyExchange implements HandshakeState {

    private final ClientHandshakeData d;

    ExpectServerKeyExchange(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.SERVER_KEY_EXCHANGE) {
            return HandshakeState.super.handle(ctx, m);
        }
        EcdheServerKeyExchange ske = EcdheServerKeyExchange.decode(m.reader());
        ctx.transcript().add(m.encoded());
        NamedGroup group = NamedGroup.fromId(ske.namedGroup());
        if (group == null || !group.isEcdheCurve() || !ctx.config().groups().contains(group)) {
            throw TlsAlertException.illegalParameter("server chose group " + ske.namedGroup() + " which we did not offer");
        }
        PublicKey serverKey = d.serverChain.get(0).getPublicKey();
        SignatureScheme scheme = SignatureSchemes.checkPeerScheme(ske.signatureScheme(),
                ctx.config().signatureSchemes(), serverKey, "ServerKeyExchange");
        byte[] signed = concat(d.clientRandom, d.serverRandom, ske.params());
        boolean valid;
        try {
            valid = scheme.verify(serverKey, signed, ske.signature(), ctx.config().crypto().signatureProvider(scheme));
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "cannot verify the ServerKeyExchange signature: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR,
                    "ServerKeyExchange signature (" + scheme.rfcName() + ") does not verify with the server certificate key");
        }
        d.group = group;
        d.serverSignatureScheme = scheme;
        d.serverEcdhePublic = ske.publicKey();
        d.ecdhe = ctx.config().crypto().ecdhe(group, ctx.config().random());
        return new ExpectCertificateRequestOrDone(d);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public String describe() {
        return "expecting ServerKeyExchange";
    }
}
