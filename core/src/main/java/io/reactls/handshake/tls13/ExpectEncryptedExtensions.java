package io.reactls.handshake.tls13;

import io.reactls.alert.AlertDescription;
import io.reactls.alert.TlsAlertException;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.HelloExtensions;
import java.util.List;
import java.util.Set;

/** The server's encrypted answers (ALPN, SNI acknowledgement); nothing that belongs in ServerHello. */
final class ExpectEncryptedExtensions implements HandshakeState {

    private static final Set<Integer> ALLOWED = Set.of(ExtensionType.SERVER_NAME, ExtensionType.ALPN,
            ExtensionType.SUPPORTED_GROUPS, 1 /* max_fragment_length */, 28 /* record_size_limit */, ExtensionType.EARLY_DATA);

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
        for (int type : ee.extensions().types()) {
            boolean offered = type != ExtensionType.ALPN || !ctx.config().alpn().isEmpty();
            if (!ALLOWED.contains(type) || !offered || type == ExtensionType.EARLY_DATA) {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_EXTENSION,
                        "EncryptedExtensions carries extension " + type + " that we did not offer or that is not allowed there");
            }
        }
        List<String> alpn = ee.extensions().parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn);
        if (alpn != null) {
            if (alpn.size() != 1 || !ctx.config().alpn().contains(alpn.get(0))) {
                throw TlsAlertException.illegalParameter("server selected ALPN " + alpn + " which we did not offer");
            }
            d.applicationProtocol = alpn.get(0);
        }
        return new ExpectServerCertificate13(d);
    }

    @Override
    public String describe() {
        return "expecting EncryptedExtensions";
    }
}
