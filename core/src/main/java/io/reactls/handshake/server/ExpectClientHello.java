package io.reactls.handshake.server;

import io.reactls.alert.AlertDescription;
import io.reactls.alert.TlsAlertException;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.TlsVersion;
import io.reactls.handshake.tls12.ServerStart;
import io.reactls.handshake.tls13.ServerStart13;
import io.reactls.handshake.tls13.Tls13Extensions;
import java.util.List;

/**
 * Step ① on the server, for both versions: read the ClientHello, settle the protocol version (supported_versions,
 * else legacy_version), and hand the hello to that version's server, which answers it.
 */
public final class ExpectClientHello implements HandshakeState {

    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CLIENT_HELLO) {
            return HandshakeState.super.handle(ctx, m);
        }
        ClientHello ch = ClientHello.decode(m.reader());
        ctx.transcript().add(m.encoded());
        TlsConfig cfg = ctx.config();
        List<Integer> versions = ch.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "supported_versions",
                Tls13Extensions::readClientSupportedVersions);
        boolean tls13 = cfg.versions().contains(TlsVersion.TLS_1_3);
        boolean tls12 = cfg.versions().contains(TlsVersion.TLS_1_2);
        if (versions != null && tls13 && versions.contains(TlsVersion.TLS_1_3.code())) {
            return ServerStart13.respond(ctx, ch);
        }
        if (!tls12 || (versions != null && !versions.contains(TlsVersion.TLS_1_2.code()))) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "no protocol version in common: client offers "
                    + (versions == null ? "0x" + Integer.toHexString(ch.legacyVersion()) : versions) + ", we speak " + cfg.versions());
        }
        if (versions == null && (ch.legacyVersion() < TlsVersion.TLS_1_2.code() || (ch.legacyVersion() >>> 8) != 3)) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION,
                    "client offers version 0x" + Integer.toHexString(ch.legacyVersion()) + "; TLS 1.2 is the minimum");
        }
        return ServerStart.respond(ctx, ch, tls13);
    }

    @Override
    public String describe() {
        return "expecting ClientHello";
    }
}
