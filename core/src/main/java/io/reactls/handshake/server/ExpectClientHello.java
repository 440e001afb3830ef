package io.reactls.handshake.server;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls12.ServerStart;
import io.reactls.handshake.tls13.ServerStart13;
import io.reactls.handshake.tls13.Tls13Extensions;
import java.util.List;

/**
 * Step ① on the server, for both versions: read the ClientHello, settle the protocol version (supported_versions,
 * else legacy_version), and hand the hello to that version's server, which answers it.
 */
public final class ExpectClientHello implements HandshakeState {

    private static final int SSL3 = 0x0300;

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
        if (ch.legacyVersion() <= SSL3) {
            // RFC 8446 D.5: an SSL 3.0 (or older) legacy_version is refused even next to supported_versions.
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "ClientHello legacy_version 0x"
                    + Integer.toHexString(ch.legacyVersion()) + " is SSL 3.0 or older");
        }
        if (versions != null && tls13 && versions.contains(TlsVersion.TLS_1_3.code())) {
            return ServerStart13.respond(ctx, ch);
        }
        if (!tls12 || (versions != null && !versions.contains(TlsVersion.TLS_1_2.code()))) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "no protocol version in common: client offers "
                    + (versions == null ? "0x" + Integer.toHexString(ch.legacyVersion()) : versions) + ", we speak " + cfg.versions());
        }
        // Without supported_versions a legacy_version above 0x0303, whatever it is, means "TLS 1.2 or later": TLS 1.2
        // (RFC 8446 D.2, RFC 5246 E.1; refusing it is version intolerance).
        if (versions == null && ch.legacyVersion() < TlsVersion.TLS_1_2.code()) {
            throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION,
                    "client offers version 0x" + Integer.toHexString(ch.legacyVersion()) + "; TLS 1.2 is the minimum");
        }
        int clientHighest = versions == null ? ch.legacyVersion() : versions.stream().filter(v -> !Grease.isGrease(v))
                .max(Integer::compare).orElse(0);
        if (tls13 && ch.cipherSuites().contains(ClientHello.FALLBACK_SCSV) && clientHighest < TlsVersion.TLS_1_3.code()) {
            // RFC 7507 §3: a client retrying with a lower version than we support was downgraded.
            throw new TlsAlertException(AlertDescription.INAPPROPRIATE_FALLBACK, "client signals a fallback (TLS_FALLBACK_SCSV) to 0x"
                    + Integer.toHexString(clientHighest) + ", but we support TLS 1.3");
        }
        if (cfg.sessionIdCache() != null && ch.sessionId().length > 0) {
            // The session it asks for may be in a store shared by a fleet: ask before answering.
            return Suspended.lookupSession(ch.sessionId(), (c, session) ->
                    ServerStart.respond(c, ch, tls13, ResumableSession.decode(ch.sessionId(), session)));
        }
        return ServerStart.respond(ctx, ch, tls13, null);
    }

    @Override
    public String describe() {
        return "expecting ClientHello";
    }
}
