package io.reactls.handshake.client;

import io.reactls.crypto.CipherSuites;
import io.reactls.CertificateCompression;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SessionCache;
import io.reactls.TlsVersion;
import io.reactls.crypto.KeyShare;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.handshake.tls12.ClientSessions;
import io.reactls.handshake.tls12.ClientStart;
import io.reactls.handshake.tls12.ClientTickets;
import io.reactls.handshake.tls13.ClientHelloOffer;
import io.reactls.handshake.tls13.ClientStart13;
import java.util.List;

/**
 * What one client connection offers in its ClientHello, drawn once: the versions, random, legacy session id, GREASE
 * values, the session or tickets to resume and the key share. A hello retried after HelloRetryRequest repeats all of
 * it but the share, the cookie and possibly the PSK (RFC 8446 §4.1.2), so the offer is also what rebuilds it.
 */
final class ClientOffer implements ClientHelloOffer {

    final boolean tls13;
    final boolean tls12;
    final byte[] clientRandom = new byte[32];
    byte[] sessionId;
    /** The GREASE values of both our hellos, or null when GREASE is off. */
    Grease grease;
    /** The cached TLS 1.2 session whose id is our session id (or that our TLS 1.2 ticket stands for), or null. */
    ResumableSession tls12Session;
    /** Whether the hello carries session_ticket for a TLS 1.2 server, and the TLS 1.2 ticket in it (null: empty). */
    boolean tls12TicketOffered;
    ClientTicket tls12Ticket;
    /** The TLS 1.3 ticket we offer as a PSK (null: none), its obfuscated age and where new tickets are kept. */
    ClientTicket ticket;
    long obfuscatedAge;
    String ticketCacheKey;
    /** The TLS 1.3 key share of the latest hello, the server's cookie and chosen suite after a HelloRetryRequest. */
    KeyShare share;
    byte[] cookie;
    CipherSuite retrySuite;
    boolean retried;
    boolean pskOffered;
    /** 0-RTT: the application's early data fits the ticket's max_early_data_size (RFC 8446 §4.2.10). */
    boolean earlyData;
    List<CertificateCompression> compression = List.of();

    private ClientOffer(TlsConfig cfg) {
        this.tls13 = cfg.versions().contains(TlsVersion.TLS_1_3);
        this.tls12 = cfg.versions().contains(TlsVersion.TLS_1_2);
    }

    /** Draws this connection's offer from the config, the session cache and the config's random source. */
    static ClientOffer draw(HandshakeContext ctx) {
        TlsConfig cfg = ctx.config();
        ClientOffer o = new ClientOffer(cfg);
        cfg.random().nextBytes(o.clientRandom);
        o.takeTicket(ctx);
        // A cached TLS 1.2 session's id lets a TLS 1.2 server resume it (RFC 8446 §4.1.2 allows it in a TLS 1.3
        // hello too); with a TLS 1.2 ticket, our random id is what the server echoes when it accepts the ticket
        // (RFC 5077 §3.4).
        o.tls12Session = o.tls12Ticket != null ? ClientTickets.asSession(ctx, o.tls12Ticket) : ClientSessions.toOffer(ctx);
        if (o.tls12Session != null) {
            o.sessionId = o.tls12Session.id();
        } else if (o.tls13 && cfg.middleboxCompatibility()) {
            o.sessionId = new byte[32]; // RFC 8446 §D.4
            cfg.random().nextBytes(o.sessionId);
        } else {
            o.sessionId = new byte[0];
        }
        if (o.tls13) {
            o.share = KeyShare.generate(cfg.groups().get(0), cfg.random(), cfg.crypto());
        }
        o.grease = cfg.grease() ? Grease.draw(cfg.random()) : null;
        return o;
    }

    /**
     * The newest usable ticket for this server (RFC 8446 §C.4: each is offered once), if we keep any: a TLS 1.2 one
     * (RFC 5077) goes in session_ticket, a TLS 1.3 one becomes our PSK offer when we offer a suite with its hash.
     */
    private void takeTicket(HandshakeContext ctx) {
        SessionCache cache = ctx.config().sessionCache();
        String sni = ctx.serverName();
        tls12TicketOffered = ClientTickets.offered(ctx);
        if (cache == null || sni == null || !(tls13 || tls12TicketOffered)) {
            return;
        }
        ClientTicket t = ClientTicket.from(cache.take(SessionCache.key(sni, ctx.serverPort()), ctx.now()));
        if (t != null && t.version() == TlsVersion.TLS_1_2) {
            tls12Ticket = tls12TicketOffered ? ClientTickets.usable(ctx, t) : null;
            return;
        }
        if (!tls13 || !HelloExtensions.isDnsName(sni)) {
            return;
        }
        ticketCacheKey = SessionCache.key(sni, ctx.serverPort());
        // The PSK is bound to its suite's hash.
        if (t != null && t.version() == TlsVersion.TLS_1_3 && ctx.config().cipherSuites().stream()
                .anyMatch(s -> s.isTls13() && CipherSuites.hash(s) == CipherSuites.hash(t.suite()))) {
            ticket = t;
            obfuscatedAge = t.obfuscatedAge(ctx.now());
            int early = ctx.earlyDataOffered();
            earlyData = early > 0 && early <= t.maxEarlyData();
        }
    }

    /** The state that waits for the server's answer to the first hello. */
    HandshakeState expectServerHello() {
        return tls13 ? ClientStart13.expectServerHello(this) : tls12();
    }

    @Override
    public byte[] clientRandom() {
        return clientRandom;
    }

    @Override
    public byte[] sessionId() {
        return sessionId;
    }

    @Override
    public KeyShare share() {
        return share;
    }

    @Override
    public ClientTicket ticket() {
        return ticket;
    }

    @Override
    public boolean earlyDataOffered() {
        return earlyData;
    }

    @Override
    public boolean pskOffered() {
        return pskOffered;
    }

    @Override
    public String ticketCacheKey() {
        return ticketCacheKey;
    }

    @Override
    public List<CertificateCompression> compression() {
        return compression;
    }

    @Override
    public ClientHello retry(HandshakeContext ctx, NamedGroup group, byte[] cookie, CipherSuite suite) {
        this.share = KeyShare.generate(group, ctx.config().random(), ctx.config().crypto());
        this.cookie = cookie;
        this.retrySuite = suite;
        this.retried = true;
        return ClientHelloBuilder.build(ctx, this);
    }

    @Override
    public HandshakeState tls12() {
        return ClientStart.expectServerHello(clientRandom, sessionId, tls12Session, tls12TicketOffered, tls12Ticket);
    }
}
