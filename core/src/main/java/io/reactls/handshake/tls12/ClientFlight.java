package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.handshake.HandshakeState;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.crypto.RsaKeyExchange;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateAuthorities;
import io.reactls.handshake.CertificateMessage;
import io.reactls.handshake.ClientCredential;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.ClientKeyExchange;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HandshakeContext;
import io.reactls.HandshakeStep;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.SignatureSchemes;
import java.security.GeneralSecurityException;
import java.util.List;

/** Steps ④ to ⑥ on the client: [Certificate], ClientKeyExchange, [CertificateVerify], ChangeCipherSpec, Finished. */
final class ClientFlight {

    private ClientFlight() {
    }

    static HandshakeState send(HandshakeContext ctx, ClientHandshakeData d) {
        KeyMaterial ours = null;
        SignatureScheme verifyScheme = null;
        if (d.certificateRequest != null) {
            List<Integer> requested = d.certificateRequest.signatureSchemes();
            ClientCredential chosen = ClientCredential.choose(ctx,
                    key -> SignatureSchemes.choose(ctx.config().signatureSchemes(), requested, key), requested,
                    CertificateAuthorities.names(d.certificateRequest.authorities()));
            // Without a usable certificate we answer with an empty one; the server's policy decides (RFC 5246 §7.4.6).
            if (chosen != null) {
                ours = chosen.keyMaterial();
                verifyScheme = chosen.scheme();
                ctx.event(HandshakeStep.CLIENT_FINISHED, "client certificate " + ours.leaf().getSubjectX500Principal().getName()
                        + " chosen: " + chosen.why());
            }
            ctx.send(new CertificateMessage(ours == null ? List.of() : PeerCertificates.encode(ours.chain())));
        }

        byte[] preMaster;
        if (CipherSuites.keyExchange(d.suite).isEcdhe()) {
            preMaster = d.ecdhe.agree(d.serverEcdhePublic);
            ctx.send(new ClientKeyExchange(CipherSuites.keyExchange(d.suite), d.ecdhe.publicKey()));
            ctx.event(HandshakeStep.KEY_EXCHANGE, "ECDHE over " + d.group.rfcName() + " (server key signed with "
                    + d.serverSignatureScheme.rfcName() + "): sent our ephemeral public key");
        } else {
            preMaster = RsaKeyExchange.newPreMasterSecret(d.offeredVersion, ctx.config().random());
            byte[] encrypted;
            try {
                encrypted = RsaKeyExchange.encrypt(d.serverChain.get(0).getPublicKey(), preMaster, ctx.config().random());
            } catch (GeneralSecurityException e) {
                throw TlsAlertException.internalError("cannot encrypt the pre-master secret: " + e.getMessage(), e);
            }
            ctx.send(new ClientKeyExchange(CipherSuites.keyExchange(d.suite), encrypted));
            ctx.event(HandshakeStep.KEY_EXCHANGE, "RSA: 48-byte pre-master secret encrypted with the server's public key ("
                    + encrypted.length + " bytes)");
        }
        byte[] sessionHash = d.extendedMasterSecret ? ctx.transcript().hash(CipherSuites.hash(d.suite)) : null;
        d.keys = Tls12KeySchedule.fromPreMaster(d.suite, preMaster, d.clientRandom, d.serverRandom, sessionHash);
        ctx.logSecret(KeyLog.CLIENT_RANDOM, d.clientRandom, d.keys.masterSecret());
        ctx.event(HandshakeStep.KEYS_DERIVED, (d.extendedMasterSecret ? "extended master secret" : "master secret (without the session hash: no EMS)")
                + " and " + CipherSuites.recordCipher(d.suite) + " keys derived with the " + CipherSuites.hash(d.suite) + " PRF");

        if (ours == null) {
            return finish(ctx, d, null);
        }
        SignatureScheme scheme = verifyScheme;
        return Suspended.sign(ours, scheme, ctx.transcript().bytes(), (c, signature) -> {
            c.send(new CertificateVerify(scheme.id(), signature));
            return finish(c, d, scheme);
        });
    }

    /** ChangeCipherSpec and Finished, after our CertificateVerify (signed with {@code sentWith}) if we sent a certificate. */
    private static HandshakeState finish(HandshakeContext ctx, ClientHandshakeData d, SignatureScheme sentWith) {
        ctx.sendChangeCipherSpec(d.keys.clientWrite(ctx.config(), d.encryptThenMac));
        ctx.send(new Finished(d.keys.verifyData(true, ctx.transcript().hash(CipherSuites.hash(d.suite)))));
        ctx.event(HandshakeStep.CLIENT_FINISHED, "ChangeCipherSpec sent, Finished sent encrypted"
                + (sentWith != null ? " (after our client certificate and CertificateVerify, " + sentWith.rfcName() + ")" : ""));
        return d.ticketExpected ? new ExpectNewSessionTicket(d) : new ExpectServerChangeCipherSpec(d);
    }
}
