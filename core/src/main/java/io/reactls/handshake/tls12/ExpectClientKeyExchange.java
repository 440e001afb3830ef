package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.ClientKeyExchange;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.Suspended;

/** Steps ④ and ⑤ on the server: recover the pre-master secret and derive the keys. */
final class ExpectClientKeyExchange implements HandshakeState {

    private final ServerHandshakeData d;

    ExpectClientKeyExchange(ServerHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CLIENT_KEY_EXCHANGE) {
            return HandshakeState.super.handle(ctx, m);
        }
        ClientKeyExchange cke = ClientKeyExchange.decode(m.reader(), CipherSuites.keyExchange(d.suite));
        ctx.transcript().add(m.encoded());
        if (CipherSuites.keyExchange(d.suite).isEcdhe()) {
            byte[] preMaster = d.ecdhe.agree(cke.exchangeKeys());
            ctx.event(HandshakeStep.KEY_EXCHANGE, "ECDHE over " + d.group.rfcName() + ": received the client's ephemeral key");
            return deriveKeys(ctx, preMaster);
        }
        // RFC 5246 §7.4.7.1: never reveal whether decryption worked; a bad secret fails at Finished instead.
        return Suspended.decryptPreMaster(ctx.config().keyMaterial(), cke.exchangeKeys(), d.clientVersion, (c, preMaster) -> {
            c.event(HandshakeStep.KEY_EXCHANGE, "RSA: pre-master secret decrypted with our private key");
            return deriveKeys(c, preMaster);
        });
    }

    private HandshakeState deriveKeys(HandshakeContext ctx, byte[] preMaster) {
        byte[] sessionHash = d.extendedMasterSecret ? ctx.transcript().hash(CipherSuites.hash(d.suite)) : null;
        d.keys = Tls12KeySchedule.fromPreMaster(d.suite, preMaster, d.clientRandom, d.serverRandom, sessionHash);
        ctx.logSecret(KeyLog.CLIENT_RANDOM, d.clientRandom, d.keys.masterSecret());
        ctx.event(HandshakeStep.KEYS_DERIVED, (d.extendedMasterSecret ? "extended master secret" : "master secret (without the session hash: no EMS)")
                + " and " + CipherSuites.recordCipher(d.suite) + " keys derived with the " + CipherSuites.hash(d.suite) + " PRF");
        return d.clientChain.isEmpty() ? new ExpectClientChangeCipherSpec(d) : new ExpectCertificateVerify(d);
    }

    @Override
    public String describe() {
        return "expecting ClientKeyExchange";
    }
}
