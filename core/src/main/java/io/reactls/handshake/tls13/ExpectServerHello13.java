package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.handshake.DowngradeSentinel;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.ServerHello;
import io.reactls.TlsVersion;
import java.util.Arrays;
import java.util.Set;

/**
 * Step ② in TLS 1.3 (or the fork to TLS 1.2): a ServerHello choosing TLS 1.3 and answering our key share, a
 * HelloRetryRequest asking for another group, or a TLS 1.2 ServerHello — checked for the downgrade sentinel.
 */
final class ExpectServerHello13 implements HandshakeState {

    private static final Set<Integer> SERVER_HELLO_EXTENSIONS = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.PRE_SHARED_KEY);
    private static final Set<Integer> RETRY_EXTENSIONS = Set.of(ExtensionType.SUPPORTED_VERSIONS,
            ExtensionType.KEY_SHARE, ExtensionType.COOKIE);

    private final ClientData13 d;

    ExpectServerHello13(ClientData13 d) {
        this.d = d;
    }

    ClientData13 data() {
        return d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.SERVER_HELLO) {
            return HandshakeState.super.handle(ctx, m);
        }
        ServerHello sh = ServerHello.decode(m.reader());
        Integer selected = sh.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "supported_versions",
                Tls13Extensions::readSelectedVersion);
        if (selected == null) {
            return fallBackToTls12(ctx, m, sh);
        }
        // RFC 8446 §4.2.1: with supported_versions present, legacy_version is ignored (as OpenSSL does); only the
        // extension says which version the server chose, and TLS 1.3 is the one it may choose there.
        if (selected != TlsVersion.TLS_1_3.code()) {
            throw new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, "server selected version 0x"
                    + Integer.toHexString(selected) + " in supported_versions; only TLS 1.3 is selected there");
        }
        if (!Arrays.equals(sh.sessionId(), d.sessionId)) {
            throw TlsAlertException.illegalParameter("ServerHello does not echo our legacy_session_id");
        }
        CipherSuite suite = CipherSuite.fromId(sh.cipherSuite());
        if (suite == null || !suite.isTls13() || !ctx.config().cipherSuites().contains(suite)
                || (d.suite != null && d.suite != suite)) {
            throw TlsAlertException.illegalParameter("server chose cipher suite 0x" + Integer.toHexString(sh.cipherSuite()) + " which we did not offer");
        }
        if (sh.compressionMethod() != 0) {
            throw TlsAlertException.illegalParameter("server chose compression method " + sh.compressionMethod());
        }
        d.suite = suite;
        if (Arrays.equals(sh.random(), RetryRequest.RANDOM)) {
            return retry(ctx, m, sh);
        }
        for (int type : sh.extensions().types()) {
            if (!SERVER_HELLO_EXTENSIONS.contains(type)) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello carries extension " + type);
            }
        }
        Tls13Extensions.KeyShare share = sh.extensions().parse(ExtensionType.KEY_SHARE, "key_share", Tls13Extensions::readServerKeyShare);
        if (share == null) {
            throw new TlsAlertException(AlertDescription.MISSING_EXTENSION, "TLS 1.3 ServerHello without key_share (PSK-only is not offered)");
        }
        if (share.group() != d.share.group().id()) {
            throw TlsAlertException.illegalParameter("server key share is for group " + share.group() + ", not the one we sent");
        }
        Integer selectedPsk = sh.extensions().parse(ExtensionType.PRE_SHARED_KEY, "pre_shared_key", r -> r.u16());
        if (selectedPsk != null) {
            acceptResumption(selectedPsk, suite);
        }
        ctx.transcript().add(m.encoded());
        ctx.negotiated(TlsVersion.TLS_1_3);
        d.group = d.share.group();
        byte[] shared = d.share.agree(share.keyExchange());
        ctx.event(HandshakeStep.SERVER_HELLO, "server chose TLSv1.3, " + suite.name() + ", key share " + d.group.rfcName()
                + (d.retried ? " (after HelloRetryRequest)" : "")
                + (d.resumed ? ", resuming with our session ticket" : d.pskOffered ? ", a full handshake (our ticket was declined)" : ""));
        ctx.event(HandshakeStep.KEY_EXCHANGE, (d.group.kind() + " over ")
                + d.group.rfcName() + " completed with the key shares in the hellos");

        byte[] th = ctx.transcript().hash(CipherSuites.hash(suite));
        d.handshakeSecret = Tls13KeySchedule.early(CipherSuites.hash(suite), d.resumed ? d.ticket.secret() : null).handshake(shared);
        d.clientHandshakeSecret = d.handshakeSecret.clientTrafficSecret(th);
        d.serverHandshakeSecret = d.handshakeSecret.serverTrafficSecret(th);
        ctx.logSecret(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET, d.clientRandom, d.clientHandshakeSecret);
        ctx.logSecret(KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET, d.clientRandom, d.serverHandshakeSecret);
        ctx.changeReadProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), d.serverHandshakeSecret));
        // Middlebox compatibility: one ChangeCipherSpec before our first encrypted record (RFC 8446 §D.4).
        if (!d.compatibilityCcsSent && ctx.config().middleboxCompatibility()) {
            ctx.sendCompatibilityChangeCipherSpec();
            d.compatibilityCcsSent = true;
        }
        d.earlyDataPending = d.earlyDataPending && d.resumed; // a declined ticket means declined early data
        if (!d.earlyDataPending) {
            // With 0-RTT still possible we stay on the early keys: EndOfEarlyData goes under them (RFC 8446 §4.5).
            ctx.changeWriteProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), d.clientHandshakeSecret));
        }
        ctx.event(HandshakeStep.KEYS_DERIVED, "handshake traffic keys derived (HKDF-" + CipherSuites.hash(suite) + "); the rest of the handshake is encrypted");
        return new ExpectEncryptedExtensions(d);
    }

    /** RFC 8446 §4.2.11: the server may pick only what we offered, with a suite of the PSK's hash. */
    private void acceptResumption(int selected, CipherSuite suite) {
        if (!d.pskOffered) {
            throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, "ServerHello selects a pre_shared_key we did not offer");
        }
        if (selected != 0) {
            throw TlsAlertException.illegalParameter("server selected PSK identity " + selected + " of the one we offered");
        }
        if (CipherSuites.hash(suite) != CipherSuites.hash(d.ticket.suite())) {
            throw TlsAlertException.illegalParameter("server resumes with " + suite.name() + ", whose hash is not the ticket's "
                    + CipherSuites.hash(d.ticket.suite()));
        }
        d.resumed = true;
        d.serverChain = d.ticket.serverCertificates();
    }

    /** HelloRetryRequest (RFC 8446 §4.1.4): one retry with the group the server asks for. */
    private HandshakeState retry(HandshakeContext ctx, Message m, ServerHello hrr) {
        if (d.retried) {
            throw TlsAlertException.unexpectedMessage("a second HelloRetryRequest");
        }
        for (int type : hrr.extensions().types()) {
            if (!RETRY_EXTENSIONS.contains(type)) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, "HelloRetryRequest carries extension " + type);
            }
        }
        Integer groupId = hrr.extensions().parse(ExtensionType.KEY_SHARE, "key_share", r -> r.u16());
        NamedGroup group = groupId == null ? null : NamedGroup.fromId(groupId);
        if (group == null || !ctx.config().groups().contains(group) || group == d.share.group()) {
            throw TlsAlertException.illegalParameter("HelloRetryRequest asks for group " + groupId
                    + ", which we did not offer or already sent a share for");
        }
        ctx.negotiated(TlsVersion.TLS_1_3); // a HelloRetryRequest already settles TLS 1.3
        leaveEarlyKeys(ctx); // 0-RTT is over (RFC 8446 §4.2.10): the second ClientHello goes in the clear
        byte[] cookie = hrr.extensions().parse(ExtensionType.COOKIE, "cookie", Tls13Extensions::readCookie);
        d.retried = true;
        ctx.transcript().replaceWithMessageHash(CipherSuites.hash(d.suite));
        ctx.transcript().add(m.encoded());
        ctx.event(HandshakeStep.SERVER_HELLO, "HelloRetryRequest: server wants a key share for " + group.rfcName());
        if (!d.compatibilityCcsSent && ctx.config().middleboxCompatibility()) { // with 0-RTT it went after the first hello
            ctx.sendCompatibilityChangeCipherSpec();
            d.compatibilityCcsSent = true;
        }
        ctx.send(d.offer.retry(ctx, group, cookie, d.suite));
        d.share = d.offer.share();
        d.pskOffered = d.offer.pskOffered();
        ctx.event(HandshakeStep.CLIENT_HELLO, "second ClientHello with a " + group.rfcName() + " key share");
        return this;
    }

    /** The server cannot take our 0-RTT data after all: write in the clear again (the engine resends the data later). */
    private void leaveEarlyKeys(HandshakeContext ctx) {
        if (d.earlyDataPending) {
            d.earlyDataPending = false;
            ctx.changeWriteProtection(new io.reactls.record.PlaintextProtection());
        }
    }

    private HandshakeState fallBackToTls12(HandshakeContext ctx, Message m, ServerHello sh) {
        leaveEarlyKeys(ctx);
        if (!ctx.config().versions().contains(TlsVersion.TLS_1_2)) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "server does not speak TLS 1.3, and TLS 1.2 is disabled");
        }
        if (DowngradeSentinel.isPresent(sh.random())) {
            throw TlsAlertException.illegalParameter("server random carries the TLS 1.3 downgrade sentinel: "
                    + "a TLS 1.3 server answered with TLS 1.2 (RFC 8446 §4.1.3), possible downgrade attack");
        }
        return d.offer.tls12().handle(ctx, m);
    }

    @Override
    public String describe() {
        return d.retried ? "expecting ServerHello after HelloRetryRequest" : "expecting ServerHello";
    }
}
