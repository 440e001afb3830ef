package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.crypto.NamedGroup;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HandshakeStep;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.TlsVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Step ① when TLS 1.3 is enabled: one ClientHello that offers TLS 1.3 (and TLS 1.2 when enabled), with a key share
 * for our first group and a random legacy session id for middlebox compatibility (RFC 8446 §D.4).
 */
public final class ClientStart13 {

    private ClientStart13() {
    }

    public static HandshakeState start(HandshakeContext ctx) {
        ClientData13 d = new ClientData13();
        TlsConfig cfg = ctx.config();
        d.clientRandom = new byte[32];
        cfg.random().nextBytes(d.clientRandom);
        d.sessionId = new byte[32];
        cfg.random().nextBytes(d.sessionId);
        d.share = KeyShare.generate(cfg.groups().get(0), cfg.random());
        ctx.send(hello(ctx, d));
        ctx.event(HandshakeStep.CLIENT_HELLO, "offered " + versions(cfg) + ", suites " + suites(cfg).stream()
                .map(id -> CipherSuite.fromId(id).name()).toList() + ", key share " + d.share.group().rfcName()
                + (ctx.serverName() != null ? ", SNI " + ctx.serverName() : "")
                + (cfg.alpn().isEmpty() ? "" : ", ALPN " + cfg.alpn()));
        return new ExpectServerHello13(d);
    }

    /** The (first or retried) ClientHello: same random and session id, the current key share and cookie. */
    static ClientHello hello(HandshakeContext ctx, ClientData13 d) {
        TlsConfig cfg = ctx.config();
        boolean tls12 = cfg.versions().contains(TlsVersion.TLS_1_2);
        Extensions ext = Extensions.empty();
        String sni = ctx.serverName();
        if (sni != null && HelloExtensions.isDnsName(sni)) {
            ext.with(ExtensionType.SERVER_NAME, HelloExtensions.serverName(sni));
        }
        ext.with(ExtensionType.SUPPORTED_GROUPS, Extensions.u16List(cfg.groups().stream().map(NamedGroup::id).toList()));
        if (tls12) {
            ext.with(ExtensionType.EC_POINT_FORMATS, HelloExtensions.ecPointFormats());
            ext.with(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
            ext.with(ExtensionType.RENEGOTIATION_INFO, HelloExtensions.renegotiationInfo(new byte[0]));
        }
        ext.with(ExtensionType.SIGNATURE_ALGORITHMS, Extensions.u16List(SignatureSchemes.ids(cfg.signatureSchemes())));
        if (!cfg.alpn().isEmpty()) {
            ext.with(ExtensionType.ALPN, HelloExtensions.alpn(cfg.alpn()));
        }
        ext.with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.clientSupportedVersions(
                tls12 ? List.of(TlsVersion.TLS_1_3.code(), TlsVersion.TLS_1_2.code()) : List.of(TlsVersion.TLS_1_3.code())));
        ext.with(ExtensionType.PSK_KEY_EXCHANGE_MODES, Tls13Extensions.pskDheKeOnly());
        if (d.cookie != null) {
            ext.with(ExtensionType.COOKIE, Tls13Extensions.cookie(d.cookie));
        }
        ext.with(ExtensionType.KEY_SHARE, Tls13Extensions.clientKeyShares(
                List.of(new Tls13Extensions.KeyShare(d.share.group().id(), d.share.publicKey()))));
        return new ClientHello(TlsVersion.TLS_1_2.code(), d.clientRandom, d.sessionId, suites(cfg), new byte[] {0}, ext);
    }

    /** TLS 1.3 suites first, then TLS 1.2 suites when TLS 1.2 is enabled. */
    private static List<Integer> suites(TlsConfig cfg) {
        List<Integer> ids = new ArrayList<>();
        cfg.cipherSuites().stream().filter(CipherSuite::isTls13).forEach(s -> ids.add(s.id()));
        if (cfg.versions().contains(TlsVersion.TLS_1_2)) {
            cfg.cipherSuites().stream().filter(s -> !s.isTls13()).forEach(s -> ids.add(s.id()));
        }
        return ids;
    }

    private static String versions(TlsConfig cfg) {
        return cfg.versions().contains(TlsVersion.TLS_1_2) ? "TLSv1.3 and TLSv1.2" : "TLSv1.3";
    }
}
