package io.reactls.handshake.client;

import io.reactls.crypto.CipherSuites;
import io.reactls.CertificateCompression;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ClientHelloPadding;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.tls13.PskOffer;
import io.reactls.handshake.tls13.Tls13Extensions;
import java.util.ArrayList;
import java.util.List;

/**
 * Step ①, the one ClientHello builder for every offer: TLS 1.3 only, TLS 1.2 only or both, first or retried after a
 * HelloRetryRequest. Extensions go in the order the hellos have always had (captured traces depend on it): a hello
 * offering TLS 1.3 carries TLS 1.2's extensions right after the groups, a TLS 1.2-only hello after ALPN; GREASE first
 * and last (RFC 8701), then padding (RFC 7685), then pre_shared_key, which must be last (RFC 8446 §4.2.11).
 */
final class ClientHelloBuilder {

    private ClientHelloBuilder() {
    }

    /** The hello for {@code o} as it stands (first, or retried with the share and cookie the retry set). */
    static ClientHello build(HandshakeContext ctx, ClientOffer o) {
        TlsConfig cfg = ctx.config();
        Grease g = o.grease;
        Extensions ext = Extensions.empty();
        if (g != null) {
            ext.with(g.extension1(), new byte[0]);
        }
        String sni = ctx.serverName();
        if (sni != null && HelloExtensions.isDnsName(sni)) {
            ext.with(ExtensionType.SERVER_NAME, HelloExtensions.serverName(sni));
        }
        // TLS 1.2 negotiates only elliptic curves here; TLS 1.3 any group, finite fields included (RFC 8446 §4.2.7).
        boolean ecdhe = cfg.cipherSuites().stream().anyMatch(s -> CipherSuites.keyExchange(s).isEcdhe());
        if (o.tls13 || ecdhe) {
            List<Integer> groups = cfg.groups().stream().filter(gr -> o.tls13 || gr.isEcdheCurve()).map(NamedGroup::id).toList();
            ext.with(ExtensionType.SUPPORTED_GROUPS, Extensions.u16List(g != null ? Grease.first(g.group(), groups) : groups));
            if (o.tls12) {
                ext.with(ExtensionType.EC_POINT_FORMATS, HelloExtensions.ecPointFormats());
            }
        }
        if (o.tls13 && o.tls12) {
            tls12Extensions(cfg, o, ext);
        }
        List<Integer> schemes = SignatureSchemes.ids(cfg.signatureSchemes());
        ext.with(ExtensionType.SIGNATURE_ALGORITHMS, Extensions.u16List(g != null ? Grease.first(g.signatureScheme(), schemes) : schemes));
        if (cfg.certificateSignatureSchemes() != null) {
            // RFC 8446 §4.2.3, also read by TLS 1.2 servers; sent only when restricted, as OpenSSL, Go and BoringSSL do.
            ext.with(ExtensionType.SIGNATURE_ALGORITHMS_CERT, Extensions.u16List(SignatureSchemes.ids(cfg.certificateSignatureSchemes())));
        }
        if (!cfg.alpn().isEmpty()) {
            ext.with(ExtensionType.ALPN, HelloExtensions.alpn(cfg.alpn()));
        }
        if (!o.tls13) {
            tls12Extensions(cfg, o, ext);
        } else {
            tls13Extensions(cfg, o, ext);
        }
        if (cfg.recordSizeLimit() != 0) {
            // RFC 8449 §4: a TLS 1.2-only hello counts plaintext only.
            ext.with(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit.encode(o.tls13 ? cfg.recordSizeLimit()
                    : RecordSizeLimit.announced(cfg.recordSizeLimit(), TlsVersion.TLS_1_2)));
        }
        if (HelloExtensions.requestsStatus(cfg)) {
            ext.with(ExtensionType.STATUS_REQUEST, HelloExtensions.statusRequest()); // RFC 6066 §8, both versions
        }
        o.compression = o.tls13 ? cfg.certificateCompression() : List.of();
        if (!o.compression.isEmpty()) {
            ext.with(ExtensionType.COMPRESS_CERTIFICATE, Tls13Extensions.compressCertificate(
                    o.compression.stream().map(CertificateCompression::id).toList()));
        }
        if (o.earlyData && !o.retried) {
            ext.with(ExtensionType.EARLY_DATA, new byte[0]); // never after a HelloRetryRequest (RFC 8446 §4.2.10)
        }
        if (g != null) {
            ext.with(g.extension2(), new byte[] {0}); // the last extension but padding and pre_shared_key, as BoringSSL
        }
        List<Integer> suites = suites(cfg, o);
        ClientHello hello = new ClientHello(TlsVersion.TLS_1_2.code(), o.clientRandom, o.sessionId,
                g != null ? Grease.first(g.cipherSuite(), suites) : suites, new byte[] {0}, ext);
        // After a HelloRetryRequest the ticket is offered again only if its hash fits the suite the server chose.
        o.pskOffered = o.ticket != null && (o.retrySuite == null || CipherSuites.hash(o.retrySuite) == CipherSuites.hash(o.ticket.suite()));
        if (cfg.padding()) {
            // Before pre_shared_key, counting it: the binder then covers the padding too. The record shares ext.
            ClientHelloPadding.pad(hello, ext, o.pskOffered ? PskOffer.extensionLength(o.ticket, o.obfuscatedAge) : 0);
        }
        if (o.pskOffered) {
            PskOffer.add(ctx, o.ticket, o.obfuscatedAge, ext, hello); // the record shares ext: hello carries the binder
        }
        return hello;
    }

    /** What only a TLS 1.2 server reads: encrypt-then-MAC, EMS, session ticket, secure renegotiation. */
    private static void tls12Extensions(TlsConfig cfg, ClientOffer o, Extensions ext) {
        if (HelloExtensions.offersEncryptThenMac(cfg)) {
            ext.with(ExtensionType.ENCRYPT_THEN_MAC, new byte[0]);
        }
        ext.with(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
        if (o.tls12TicketOffered) {
            ext.with(ExtensionType.SESSION_TICKET, o.tls12Ticket != null ? o.tls12Ticket.ticket() : new byte[0]);
        }
        ext.with(ExtensionType.RENEGOTIATION_INFO, HelloExtensions.renegotiationInfo(new byte[0]));
    }

    /**
     * What only a TLS 1.3 server reads: versions, PSK modes, the cookie and key share. A retried hello carries only
     * the share the server asked for (RFC 8446 §4.1.2), so no GREASE share then.
     */
    private static void tls13Extensions(TlsConfig cfg, ClientOffer o, Extensions ext) {
        Grease g = o.grease;
        List<Integer> versions = o.tls12 ? List.of(TlsVersion.TLS_1_3.code(), TlsVersion.TLS_1_2.code())
                : List.of(TlsVersion.TLS_1_3.code());
        ext.with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.clientSupportedVersions(g != null ? Grease.first(g.version(), versions) : versions));
        ext.with(ExtensionType.PSK_KEY_EXCHANGE_MODES, Tls13Extensions.pskDheKeOnly());
        if (o.cookie != null) {
            ext.with(ExtensionType.COOKIE, Tls13Extensions.cookie(o.cookie));
        }
        List<Tls13Extensions.KeyShare> shares = new ArrayList<>();
        if (g != null && !o.retried) {
            shares.add(new Tls13Extensions.KeyShare(g.group(), new byte[] {0}));
        }
        shares.add(new Tls13Extensions.KeyShare(o.share.group().id(), o.share.publicKey()));
        ext.with(ExtensionType.KEY_SHARE, Tls13Extensions.clientKeyShares(shares));
    }

    /** TLS 1.3 suites first when offered, then TLS 1.2 suites when TLS 1.2 is enabled. */
    static List<Integer> suites(TlsConfig cfg, ClientOffer o) {
        List<Integer> ids = new ArrayList<>();
        if (o.tls13) {
            cfg.cipherSuites().stream().filter(CipherSuite::isTls13).forEach(s -> ids.add(s.id()));
        }
        if (o.tls12) {
            cfg.cipherSuites().stream().filter(s -> !s.isTls13()).forEach(s -> ids.add(s.id()));
        }
        return ids;
    }
}
