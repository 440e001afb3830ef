package io.reactls.handshake.tls12;

import io.reactls.handshake.HandshakeState;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ClientHelloPadding;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HandshakeContext;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.ClientTicket;
import java.util.ArrayList;
import java.util.List;

/** Step ①: the client's hello. */
public final class ClientStart {

    private ClientStart() {
    }

    /** Sends a ClientHello offering TLS 1.2 only (the version-neutral client entry calls it when TLS 1.3 is off). */
    public static HandshakeState start(HandshakeContext ctx) {
        TlsConfig cfg = ctx.config();
        ClientHandshakeData d = new ClientHandshakeData();
        d.offeredVersion = TlsVersion.TLS_1_2.code();
        d.clientRandom = new byte[32];
        cfg.random().nextBytes(d.clientRandom);
        d.ticketOffered = ClientTickets.offered(ctx);
        d.ticket = d.ticketOffered
                ? ClientTickets.usable(ctx, ctx.config().sessionCache().take(ClientTickets.cacheKey(ctx), ctx.now())) : null;
        d.offered = d.ticket != null ? ClientTickets.asSession(ctx, d.ticket) : ClientSessions.toOffer(ctx);
        d.sessionId = d.offered != null ? d.offered.id() : new byte[0];

        List<Integer> suites = new ArrayList<>();
        cfg.cipherSuites().stream().filter(s -> !s.isTls13()).forEach(s -> suites.add(s.id()));
        boolean ecdhe = cfg.cipherSuites().stream().anyMatch(s -> s.keyExchange().isEcdhe());
        Grease g = cfg.grease() ? Grease.draw(cfg.random()) : null;

        Extensions ext = Extensions.empty();
        if (g != null) {
            ext.with(g.extension1(), new byte[0]);
        }
        String sni = ctx.serverName();
        if (sni != null && HelloExtensions.isDnsName(sni)) {
            ext.with(ExtensionType.SERVER_NAME, HelloExtensions.serverName(sni));
        }
        if (ecdhe) {
            List<Integer> groups = cfg.groups().stream().filter(NamedGroup::isEcdheCurve).map(NamedGroup::id).toList();
            ext.with(ExtensionType.SUPPORTED_GROUPS, Extensions.u16List(g != null ? Grease.first(g.group(), groups) : groups));
            ext.with(ExtensionType.EC_POINT_FORMATS, HelloExtensions.ecPointFormats());
        }
        List<Integer> schemes = SignatureSchemes.ids(cfg.signatureSchemes());
        ext.with(ExtensionType.SIGNATURE_ALGORITHMS, Extensions.u16List(g != null ? Grease.first(g.signatureScheme(), schemes) : schemes));
        if (!cfg.alpn().isEmpty()) {
            ext.with(ExtensionType.ALPN, HelloExtensions.alpn(cfg.alpn()));
        }
        if (HelloExtensions.offersEncryptThenMac(cfg)) {
            ext.with(ExtensionType.ENCRYPT_THEN_MAC, new byte[0]);
        }
        ext.with(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
        if (d.ticketOffered) {
            ext.with(ExtensionType.SESSION_TICKET, d.ticket != null ? d.ticket.ticket() : new byte[0]);
        }
        ext.with(ExtensionType.RENEGOTIATION_INFO, HelloExtensions.renegotiationInfo(new byte[0]));
        if (HelloExtensions.requestsStatus(cfg)) {
            ext.with(ExtensionType.STATUS_REQUEST, HelloExtensions.statusRequest());
        }
        if (cfg.recordSizeLimit() != 0) {
            ext.with(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit.encode(RecordSizeLimit.announced(cfg.recordSizeLimit(), TlsVersion.TLS_1_2)));
        }

        if (g != null) {
            ext.with(g.extension2(), new byte[] {0});
        }
        ClientHello hello = new ClientHello(d.offeredVersion, d.clientRandom, d.sessionId,
                g != null ? Grease.first(g.cipherSuite(), suites) : suites, new byte[] {0}, ext);
        if (cfg.padding()) {
            ClientHelloPadding.pad(hello, ext, 0); // the record shares ext
        }
        ctx.send(hello);
        ctx.event(HandshakeStep.CLIENT_HELLO, "offered TLSv1.2, " + suites.size() + " suites "
                + cfg.cipherSuites().stream().filter(s -> !s.isTls13()).map(CipherSuite::name).toList()
                + (sni != null ? ", SNI " + sni : "") + (cfg.alpn().isEmpty() ? "" : ", ALPN " + cfg.alpn())
                + (d.ticket != null ? ", a session ticket to resume" : d.offered != null ? ", offering to resume a session" : ""));
        return new ExpectServerHello(d);
    }

    /**
     * A TLS 1.3-capable ClientHello was answered with TLS 1.2: continue as a TLS 1.2 client from ServerHello on.
     * The caller has already checked the downgrade sentinel.
     */
    public static HandshakeState continueAfterTls13Hello(byte[] clientRandom) {
        return continueAfterTls13Hello(clientRandom, new byte[0], null);
    }

    /**
     * As {@link #continueAfterTls13Hello(byte[])}, knowing the legacy_session_id we sent and the cached TLS 1.2
     * session it names (null when it was a random one), so the server may resume that session.
     */
    public static HandshakeState continueAfterTls13Hello(byte[] clientRandom, byte[] sessionId, ResumableSession offered) {
        return continueAfterTls13Hello(clientRandom, sessionId, offered, false, null);
    }

    /**
     * As above, also knowing whether that ClientHello carried session_ticket and which TLS 1.2 ticket (null: an
     * empty one); {@code offered} is then the session the ticket stands for, named by {@code sessionId}.
     */
    public static HandshakeState continueAfterTls13Hello(byte[] clientRandom, byte[] sessionId, ResumableSession offered,
                                                         boolean ticketOffered, ClientTicket ticket) {
        ClientHandshakeData d = new ClientHandshakeData();
        d.offeredVersion = TlsVersion.TLS_1_2.code();
        d.clientRandom = clientRandom;
        d.sessionId = sessionId.clone();
        d.offered = offered;
        d.ticketOffered = ticketOffered;
        d.ticket = ticket;
        return new ExpectServerHello(d);
    }


}
