package io.reactls.handshake.tls13;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.util.List;
import java.util.Set;

/** The server's encrypted answers (ALPN, SNI acknowledgement); nothing that belongs in ServerHello. */
final class ExpectEncryptedExtensions implements HandshakeState {

    /** What may answer our ClientHello here; early_data only when our 0-RTT offer still stands. */
    private static final Set<Integer> ALLOWED = Set.of(ExtensionType.SERVER_NAME, ExtensionType.ALPN,
            ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.EARLY_DATA);

    private final ClientData13 d;

    ExpectEncryptedExtensions(ClientData13 d) {
        this.d = d;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.ENCRYPTED_EXTENSIONS) {
            return HandshakeState.super.handle(ctx, m);
        }
        EncryptedExtensions ee = EncryptedExtensions.decode(m.reader());
        ctx.transcript().add(m.encoded());
        TlsConfig cfg = ctx.config();
        for (int type : ee.extensions().types()) {
            boolean offered = switch (type) {
                case ExtensionType.ALPN -> !cfg.alpn().isEmpty();
                case ExtensionType.RECORD_SIZE_LIMIT -> cfg.recordSizeLimit() != 0;
                case ExtensionType.SERVER_NAME -> ctx.serverName() != null && HelloExtensions.isDnsName(ctx.serverName());
                case ExtensionType.EARLY_DATA -> d.earlyDataPending;
                default -> true;
            };
            if (!ALLOWED.contains(type) || !offered) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                        "EncryptedExtensions carries extension " + type + " that we did not offer or that is not allowed there");
            }
        }
        byte[] sniAck = ee.extensions().get(ExtensionType.SERVER_NAME);
        if (sniAck != null && sniAck.length != 0) {
            throw TlsAlertException.decodeError("the server's server_name acknowledgement must be empty (RFC 6066 §3)");
        }
        // RFC 8446 §4.2.7: the server's groups are a hint for later connections; checked for form, not acted on.
        ee.extensions().parse(ExtensionType.SUPPORTED_GROUPS, "supported_groups", r -> Extensions.readU16List(r, "supported_groups"));
        Integer serverLimit = ee.extensions().parse(ExtensionType.RECORD_SIZE_LIMIT, "record_size_limit", RecordSizeLimit::read);
        if (serverLimit != null) {
            if (serverLimit > RecordSizeLimit.TLS13_MAX) {
                throw TlsAlertException.illegalParameter("record_size_limit " + serverLimit + " exceeds TLS 1.3's " + RecordSizeLimit.TLS13_MAX);
            }
            // Our Finished (and everything after) is the first protected record it binds.
            RecordSizeLimit.negotiated(ctx, serverLimit, cfg.recordSizeLimit(), TlsVersion.TLS_1_3);
        }
        List<String> alpn = ee.extensions().parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn);
        if (alpn != null) {
            if (alpn.size() != 1 || !ctx.config().alpn().contains(alpn.get(0))) {
                throw TlsAlertException.illegalParameter("server selected ALPN " + alpn + " which we did not offer");
            }
            d.applicationProtocol = alpn.get(0);
        }
        byte[] early = ee.extensions().get(ExtensionType.EARLY_DATA);
        if (early != null && early.length != 0) {
            throw TlsAlertException.decodeError("the server's early_data acknowledgement must be empty");
        }
        d.earlyDataAccepted = early != null;
        if (d.earlyDataAccepted) {
            ctx.earlyDataAnswered(true);
        }
        if (d.earlyDataOffered) {
            ctx.event(io.reactls.HandshakeStep.SERVER_HELLO, d.earlyDataAccepted ? "server accepted our 0-RTT data"
                    : "server refused our 0-RTT data: it goes again after the handshake");
        }
        // Resumed: the PSK authenticates the server, so Finished follows directly (RFC 8446 §4.3.2, §4.4).
        return d.resumed ? new ExpectServerFinished13(d) : new ExpectServerCertificate13(d);
    }

    @Override
    public String describe() {
        return "expecting EncryptedExtensions";
    }
}
