package io.reactls.handshake.tls13;

import io.reactls.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.NamedGroup;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ClientHelloPadding;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.SessionCache;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.CertificateCompression;
import java.util.ArrayList;
import java.util.List;

/**
 * Step ① when TLS 1.3 is enabled: one ClientHello that offers TLS 1.3 (and TLS 1.2 when enabled), with a key share
 * for our first group and a random legacy session id for middlebox compatibility (RFC 8446 §D.4).
 */
public final class ClientStart13 {

    private ClientStart13() {
    }

    /** Sends the ClientHello; {@code tls12} is the TLS 1.2 client it also offers (when TLS 1.2 is enabled) and falls back to. */
    public static HandshakeState start(HandshakeContext ctx, Tls12Client tls12) {
        ClientData13 d = new ClientData13();
        d.tls12 = tls12;
        TlsConfig cfg = ctx.config();
        d.clientRandom = new byte[32];
        cfg.random().nextBytes(d.clientRandom);
        takeTicket(ctx, d);
        // A cached TLS 1.2 session's id lets a TLS 1.2 server resume it (RFC 8446 §4.1.2 allows it here); with a
        // TLS 1.2 ticket, our random id is what the server echoes when it accepts the ticket (RFC 5077 §3.4).
        d.tls12Session = tls12.sessionToOffer(ctx, d.tls12Ticket);
        if (d.tls12Session != null) {
            d.sessionId = d.tls12Session.id();
        } else if (cfg.middleboxCompatibility()) {
            d.sessionId = new byte[32];
            cfg.random().nextBytes(d.sessionId);
        } else {
            d.sessionId = new byte[0];
        }
        d.share = KeyShare.generate(cfg.groups().get(0), cfg.random());
        d.grease = cfg.grease() ? Grease.draw(cfg.random()) : null;
        ctx.send(hello(ctx, d));
        if (d.earlyDataOffered) {
            sendEarlyData(ctx, d);
        }
        ctx.event(HandshakeStep.CLIENT_HELLO, "offered " + versions(cfg) + ", suites " + suites(cfg).stream()
                .map(id -> CipherSuite.fromId(id).name()).toList() + ", key share " + d.share.group().rfcName()
                + (ctx.serverName() != null ? ", SNI " + ctx.serverName() : "")
                + (cfg.alpn().isEmpty() ? "" : ", ALPN " + cfg.alpn())
                + (d.pskOffered ? ", a session ticket to resume" : d.tls12Ticket != null ? ", a TLS 1.2 session ticket to resume" : "")
                + (d.earlyDataOffered ? ", and " + ctx.earlyDataOffered() + " bytes of 0-RTT data" : ""));
        return new ExpectServerHello13(d);
    }

    /**
     * 0-RTT (RFC 8446 §2.3): right after the ClientHello (and the compatibility ChangeCipherSpec, which then goes
     * here, §D.4), the data under client_early_traffic_secret, with the ticket's suite.
     */
    private static void sendEarlyData(HandshakeContext ctx, ClientData13 d) {
        CipherSuite suite = d.ticket.suite();
        byte[] secret = Tls13KeySchedule.early(suite.hash(), d.ticket.secret()).clientEarlyTrafficSecret(ctx.transcript().hash(suite.hash()));
        ctx.logSecret(io.reactls.handshake.keylog.KeyLog.CLIENT_EARLY_TRAFFIC_SECRET, d.clientRandom, secret);
        if (ctx.config().middleboxCompatibility()) {
            ctx.sendCompatibilityChangeCipherSpec();
            d.compatibilityCcsSent = true;
        }
        ctx.changeWriteProtection(Tls13KeySchedule.protection(suite, ctx.config().aeadBackend(), secret));
        ctx.sendEarlyData();
        d.earlyDataPending = true;
    }

    /**
     * The newest usable ticket for this server (RFC 8446 §C.4: each is offered once), if we keep any: a TLS 1.3 one
     * becomes our PSK offer, a TLS 1.2 one (RFC 5077) goes in session_ticket for a TLS 1.2 server.
     */
    private static void takeTicket(HandshakeContext ctx, ClientData13 d) {
        SessionCache cache = ctx.config().sessionCache();
        String sni = ctx.serverName();
        d.tls12TicketOffered = d.tls12.offersTicket(ctx);
        if (cache == null || sni == null) {
            return;
        }
        ClientTicket t = cache.take(SessionCache.key(sni, ctx.serverPort()), ctx.now());
        if (t != null && t.version() == TlsVersion.TLS_1_2) {
            d.tls12Ticket = d.tls12TicketOffered ? d.tls12.usableTicket(ctx, t) : null;
            return;
        }
        if (!HelloExtensions.isDnsName(sni)) {
            return;
        }
        d.cacheKey = SessionCache.key(sni, ctx.serverPort());
        // The PSK is bound to its suite's hash: offer it only if we offer a suite with that hash.
        if (t != null && t.version() == TlsVersion.TLS_1_3 && ctx.config().cipherSuites().stream()
                .anyMatch(s -> s.isTls13() && s.hash() == t.suite().hash())) {
            d.ticket = t;
            d.obfuscatedAge = t.obfuscatedAge(ctx.now());
            // 0-RTT only on a ticket that allows this much (RFC 8446 §4.2.10); otherwise the data waits for the handshake.
            int early = ctx.earlyDataOffered();
            d.earlyDataOffered = early > 0 && early <= t.maxEarlyData();
        }
    }

    /**
     * Adds pre_shared_key as the last extension (RFC 8446 §4.2.11), its binder an HMAC over the transcript so far and
     * this ClientHello up to the binders: encoded once with a placeholder binder of the right length, then for real.
     */
    private static void offerTicket(HandshakeContext ctx, ClientData13 d, Extensions ext, ClientHello withoutPsk) {
        HashAlgorithm h = d.ticket.suite().hash();
        List<OfferedPsks.Identity> ids = List.of(new OfferedPsks.Identity(d.ticket.ticket(), d.obfuscatedAge));
        OfferedPsks placeholder = placeholder(d);
        ext.with(ExtensionType.PRE_SHARED_KEY, placeholder.encode());
        byte[] encoded = HandshakeReassembler.encode(withoutPsk);
        byte[] partialHash = ctx.transcript().hashWith(h, encoded, encoded.length - placeholder.bindersLength());
        byte[] binder = Tls13KeySchedule.finishedVerifyData(h, Tls13KeySchedule.early(h, d.ticket.secret()).binderKey(true), partialHash);
        ext.with(ExtensionType.PRE_SHARED_KEY, new OfferedPsks(ids, List.of(binder)).encode());
    }

    /** Our PSK offer with an all-zero binder of the right length: its size is the real one's. */
    private static OfferedPsks placeholder(ClientData13 d) {
        return new OfferedPsks(List.of(new OfferedPsks.Identity(d.ticket.ticket(), d.obfuscatedAge)),
                List.of(new byte[d.ticket.suite().hash().length()]));
    }

    /**
     * The (first or retried) ClientHello: same random, session id and GREASE values, the current key share and cookie.
     * A retried hello carries only the share the server asked for (RFC 8446 §4.1.2), so no GREASE share then.
     */
    static ClientHello hello(HandshakeContext ctx, ClientData13 d) {
        TlsConfig cfg = ctx.config();
        boolean tls12 = cfg.versions().contains(TlsVersion.TLS_1_2);
        Grease g = d.grease;
        Extensions ext = Extensions.empty();
        if (g != null) {
            ext.with(g.extension1(), new byte[0]);
        }
        String sni = ctx.serverName();
        if (sni != null && HelloExtensions.isDnsName(sni)) {
            ext.with(ExtensionType.SERVER_NAME, HelloExtensions.serverName(sni));
        }
        List<Integer> groups = cfg.groups().stream().map(NamedGroup::id).toList();
        ext.with(ExtensionType.SUPPORTED_GROUPS, Extensions.u16List(g != null ? Grease.first(g.group(), groups) : groups));
        if (tls12) {
            ext.with(ExtensionType.EC_POINT_FORMATS, HelloExtensions.ecPointFormats());
            if (HelloExtensions.offersEncryptThenMac(cfg)) {
                ext.with(ExtensionType.ENCRYPT_THEN_MAC, new byte[0]);
            }
            ext.with(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
            if (d.tls12TicketOffered) {
                ext.with(ExtensionType.SESSION_TICKET, d.tls12Ticket != null ? d.tls12Ticket.ticket() : new byte[0]);
            }
            ext.with(ExtensionType.RENEGOTIATION_INFO, HelloExtensions.renegotiationInfo(new byte[0]));
        }
        List<Integer> schemes = SignatureSchemes.ids(cfg.signatureSchemes());
        ext.with(ExtensionType.SIGNATURE_ALGORITHMS, Extensions.u16List(g != null ? Grease.first(g.signatureScheme(), schemes) : schemes));
        if (!cfg.alpn().isEmpty()) {
            ext.with(ExtensionType.ALPN, HelloExtensions.alpn(cfg.alpn()));
        }
        List<Integer> versions = tls12 ? List.of(TlsVersion.TLS_1_3.code(), TlsVersion.TLS_1_2.code()) : List.of(TlsVersion.TLS_1_3.code());
        ext.with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.clientSupportedVersions(g != null ? Grease.first(g.version(), versions) : versions));
        ext.with(ExtensionType.PSK_KEY_EXCHANGE_MODES, Tls13Extensions.pskDheKeOnly());
        if (d.cookie != null) {
            ext.with(ExtensionType.COOKIE, Tls13Extensions.cookie(d.cookie));
        }
        List<Tls13Extensions.KeyShare> shares = new ArrayList<>();
        if (g != null && !d.retried) {
            shares.add(new Tls13Extensions.KeyShare(g.group(), new byte[] {0}));
        }
        shares.add(new Tls13Extensions.KeyShare(d.share.group().id(), d.share.publicKey()));
        ext.with(ExtensionType.KEY_SHARE, Tls13Extensions.clientKeyShares(shares));
        if (cfg.recordSizeLimit() != 0) {
            ext.with(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit.encode(cfg.recordSizeLimit()));
        }
        d.offeredCompression = cfg.certificateCompression();
        if (!d.offeredCompression.isEmpty()) {
            ext.with(ExtensionType.COMPRESS_CERTIFICATE, Tls13Extensions.compressCertificate(
                    d.offeredCompression.stream().map(CertificateCompression::id).toList()));
        }
        if (d.earlyDataOffered && !d.retried) {
            ext.with(ExtensionType.EARLY_DATA, new byte[0]); // never after a HelloRetryRequest (RFC 8446 §4.2.10)
        }
        if (g != null) {
            ext.with(g.extension2(), new byte[] {0}); // the last extension but padding and pre_shared_key, as BoringSSL
        }
        ClientHello hello = new ClientHello(TlsVersion.TLS_1_2.code(), d.clientRandom, d.sessionId,
                g != null ? Grease.first(g.cipherSuite(), suites(cfg)) : suites(cfg), new byte[] {0}, ext);
        // After a HelloRetryRequest the ticket is offered again only if its hash fits the suite the server chose.
        d.pskOffered = d.ticket != null && (d.suite == null || d.suite.hash() == d.ticket.suite().hash());
        if (cfg.padding()) {
            // Before pre_shared_key, counting it: the binder then covers the padding too.
            ClientHelloPadding.pad(hello, ext, d.pskOffered ? 4 + placeholder(d).encode().length : 0);
        }
        if (d.pskOffered) {
            offerTicket(ctx, d, ext, hello); // the record shares ext, so hello now carries the real binder
        }
        return hello;
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
