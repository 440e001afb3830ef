package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.alert.AlertDescription;
import io.reactls.alert.TlsAlertException;
import io.reactls.crypto.CipherSuite;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.TlsVersion;
import java.util.List;
import java.util.Set;

/** Step ②, first half: the server's choices, checked against what we offered. */
final class ExpectServerHello implements HandshakeState {

    private static final Set<Integer> MAY_ANSWER = Set.of(ExtensionType.SERVER_NAME, ExtensionType.EC_POINT_FORMATS,
            ExtensionType.ALPN, ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO);

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
            if (!MAY_ANSWER.contains(type) || (type == ExtensionType.ALPN && ctx.config().alpn().isEmpty())) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION, "server answered extension " + type + " that we did not offer");
            }
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
        d.serverRandom = sh.random();
        d.suite = suite;
        ctx.negotiated(TlsVersion.TLS_1_2);
        ctx.event(HandshakeStep.SERVER_HELLO, "server chose TLSv1.2, " + suite.name()
                + (d.extendedMasterSecret ? ", extended master secret" : "")
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : ""));
        return new ExpectServerCertificate(d);
    }

    @Override
    public String describe() {
        return "expecting ServerHello";
    }
}
