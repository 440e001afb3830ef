package io.reactls.handshake.tls12;

import io.reactls.handshake.keylog.KeyLog;
import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.ServerHello;
import io.reactls.TlsVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Step ②, first half: the server's choices, checked against what we offered. */
final class ExpectServerHello implements HandshakeState {

    private static final Set<Integer> MAY_ANSWER = Set.of(ExtensionType.SERVER_NAME, ExtensionType.EC_POINT_FORMATS,
            ExtensionType.ALPN, ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO,
            ExtensionType.ENCRYPT_THEN_MAC, ExtensionType.SESSION_TICKET, ExtensionType.RECORD_SIZE_LIMIT,
            ExtensionType.STATUS_REQUEST);

    private final ClientHandshakeData d;

    ExpectServerHello(ClientHandshakeData d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.SERVER_HELLO) {
            return HandshakeState.super.handle(ctx, m);
        }
        ServerHello sh = ServerHello.decode(m.reader());
        ctx.transcript().add(m.encoded());
        if (sh.legacyVersion() != TlsVersion.TLS_1_2.code()) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION,
                    "server chose version 0x" + Integer.toHexString(sh.legacyVersion()) + "; only TLS 1.2 was offered");
        }
        CipherSuite suite = CipherSuite.fromId(sh.cipherSuite());
        if (suite == null || suite.isTls13() || !ctx.config().cipherSuites().contains(suite)) {
            throw TlsAlertException.illegalParameter("server chose cipher suite 0x" + Integer.toHexString(sh.cipherSuite()) + " which we did not offer");
        }
        if (sh.compressionMethod() != 0) {
            throw TlsAlertException.illegalParameter("server chose compression method " + sh.compressionMethod());
        }
        for (int type : sh.extensions().types()) {
            if (!MAY_ANSWER.contains(type) || (type == ExtensionType.ALPN && ctx.config().alpn().isEmpty())
                    || (type == ExtensionType.SESSION_TICKET && !d.ticketOffered)
                    || (type == ExtensionType.RECORD_SIZE_LIMIT && ctx.config().recordSizeLimit() == 0)
                    || (type == ExtensionType.STATUS_REQUEST && !HelloExtensions.requestsStatus(ctx.config()))) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, "server answered extension " + type + " that we did not offer");
            }
        }
        Integer serverLimit = sh.extensions().parse(ExtensionType.RECORD_SIZE_LIMIT, "record_size_limit", RecordSizeLimit::read);
        if (serverLimit != null) {
            // RFC 8449 §4: TLS 1.2 counts plaintext only; a value above 2^14 just means full-size records.
            RecordSizeLimit.negotiated(ctx, serverLimit, RecordSizeLimit.announced(ctx.config().recordSizeLimit(), TlsVersion.TLS_1_2),
                    TlsVersion.TLS_1_2);
        }
        byte[] reneg = sh.extensions().get(ExtensionType.RENEGOTIATION_INFO);
        if (reneg != null) {
            HelloExtensions.expectInitialRenegotiationInfo(reneg);
        }
        d.extendedMasterSecret = sh.extensions().has(ExtensionType.EXTENDED_MASTER_SECRET);
        if (d.extendedMasterSecret && sh.extensions().get(ExtensionType.EXTENDED_MASTER_SECRET).length != 0) {
            throw TlsAlertException.decodeError("extended_master_secret must be empty");
        }
        if (!d.extendedMasterSecret && ctx.config().requireExtendedMasterSecret()) {
            throw TlsAlertException.handshakeFailure("server does not support the extended master secret (RFC 7627), which is required");
        }
        List<String> alpn = sh.extensions().parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn);
        if (alpn != null) {
            if (alpn.size() != 1 || !ctx.config().alpn().contains(alpn.get(0))) {
                throw TlsAlertException.illegalParameter("server selected ALPN " + alpn + " which we did not offer");
            }
            d.applicationProtocol = alpn.get(0);
        }
        d.encryptThenMac = sh.extensions().has(ExtensionType.ENCRYPT_THEN_MAC);
        if (d.encryptThenMac && (sh.extensions().get(ExtensionType.ENCRYPT_THEN_MAC).length != 0 || !suite.isCbc())) {
            // RFC 7366 §2: empty, and only with a CBC suite
            throw TlsAlertException.illegalParameter("encrypt_then_mac answered with " + suite.name());
        }
        d.ticketExpected = sh.extensions().has(ExtensionType.SESSION_TICKET);
        if (d.ticketExpected && sh.extensions().get(ExtensionType.SESSION_TICKET).length != 0) {
            throw TlsAlertException.decodeError("the server's session_ticket extension must be empty (RFC 5077 §3.2)");
        }
        d.statusExpected = sh.extensions().has(ExtensionType.STATUS_REQUEST);
        if (d.statusExpected && sh.extensions().get(ExtensionType.STATUS_REQUEST).length != 0) {
            throw TlsAlertException.decodeError("the server's status_request extension must be empty (RFC 6066 §8)");
        }
        d.serverRandom = sh.random();
        d.suite = suite;
        ctx.negotiated(TlsVersion.TLS_1_2);
        if (sh.sessionId().length > 0 && Arrays.equals(sh.sessionId(), d.sessionId)) {
            return resume(ctx, suite);
        }
        d.sessionId = sh.sessionId();
        ctx.event(HandshakeStep.SERVER_HELLO, "server chose TLSv1.2, " + suite.name()
                + (d.extendedMasterSecret ? ", extended master secret" : ", no extended master secret (the server did not echo it)")
                + (d.encryptThenMac ? ", encrypt-then-MAC" : "")
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : ""));
        return new ExpectServerCertificate(d);
    }

    /** The server echoed the session id we offered: abbreviated handshake, its ChangeCipherSpec comes next. */
    private HandshakeState resume(HandshakeContext ctx, CipherSuite suite) {
        if (d.offered == null) {
            throw TlsAlertException.illegalParameter("server resumes a session we did not offer");
        }
        if (suite != d.offered.cipherSuite()) {
            throw TlsAlertException.illegalParameter("server resumes our session with " + suite.name()
                    + " instead of its " + d.offered.cipherSuite().name());
        }
        if (!d.extendedMasterSecret) {
            // RFC 7627 §5.3: the session used the extended master secret, so the resumption must too.
            throw TlsAlertException.handshakeFailure("server resumes an extended-master-secret session without the extension");
        }
        d.resumed = true;
        d.group = d.offered.group();
        d.serverChain = d.offered.peerCertificates();
        d.keys = Tls12KeySchedule.fromMaster(suite, d.offered.masterSecret(), d.clientRandom, d.serverRandom);
        ctx.logSecret(KeyLog.CLIENT_RANDOM, d.clientRandom, d.keys.masterSecret());
        ctx.event(HandshakeStep.SERVER_HELLO, "server resumed our TLSv1.2 session" + (d.ticket != null ? " from our ticket, " : ", ")
                + suite.name() + (d.encryptThenMac ? ", encrypt-then-MAC" : "")
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : ""));
        return d.ticketExpected ? new ExpectNewSessionTicket(d) : new ExpectServerChangeCipherSpec(d);
    }

    @Override
    public String describe() {
        return "expecting ServerHello";
    }
}
