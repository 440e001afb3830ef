package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.cert.CertificateSignatures;
import io.reactls.handshake.CertificateAuthorities;
import io.reactls.handshake.ClientCredential;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.crypto.AeadBackend;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Grease;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.handshake.HandshakeState;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.CertificateCompression;
import java.util.Arrays;
import java.util.List;

/**
 * Steps ① to ⑤ and ⑦ of a TLS 1.3 server: read the ClientHello, ask for another key share if needed
 * (HelloRetryRequest), then send ServerHello and the encrypted flight up to Finished.
 */
public final class ServerStart13 implements HandshakeState {

    private final ServerData13 d;
    private final ClientHello first;

    private ServerStart13(ServerData13 d, ClientHello first) {
        this.d = d;
        this.first = first;
    }

    /** Called with a ClientHello that offers TLS 1.3, already added to the transcript. */
    public static HandshakeState respond(HandshakeContext ctx, ClientHello ch) {
        return process(ctx, ch, new ServerData13(), null);
    }

    /** The second ClientHello after our HelloRetryRequest. */
    @Override
    public HandshakeState handle(HandshakeContext ctx, Message m) {
        if (m.type() != HandshakeType.CLIENT_HELLO) {
            return HandshakeState.super.handle(ctx, m);
        }
        ClientHello second = ClientHello.decode(m.reader());
        ctx.transcript().add(m.encoded());
        if (!Arrays.equals(second.random(), first.random()) || !Arrays.equals(second.sessionId(), first.sessionId())
                || !second.cipherSuites().equals(first.cipherSuites())) {
            throw TlsAlertException.illegalParameter("the second ClientHello changed its random, session id or suites");
        }
        byte[] cookie = second.extensions().parse(ExtensionType.COOKIE, "cookie", Tls13Extensions::readCookie);
        if (cookie == null || !Arrays.equals(cookie, d.cookie)) {
            throw TlsAlertException.illegalParameter("the second ClientHello does not echo our cookie");
        }
        return process(ctx, second, d, first);
    }

    private static HandshakeState process(HandshakeContext ctx, ClientHello ch, ServerData13 d, ClientHello firstHello) {
        TlsConfig cfg = ctx.config();
        Extensions ext = ch.extensions();
        if (ch.compressionMethods().length != 1 || ch.compressionMethods()[0] != 0) {
            throw TlsAlertException.illegalParameter("TLS 1.3 ClientHello must offer only the null compression method");
        }
        d.suite = chooseSuite(cfg, ch.cipherSuites());
        checkPskExtensions(ext);
        List<Integer> pskModes = ext.parse(ExtensionType.PSK_KEY_EXCHANGE_MODES, "psk_key_exchange_modes", Tls13Extensions::readPskModes);
        d.offersPskDheKe = pskModes != null && pskModes.contains(Tls13Extensions.PSK_DHE_KE);
        if (ext.has(ExtensionType.EARLY_DATA)) {
            if (firstHello != null) {
                throw TlsAlertException.illegalParameter("early_data in the ClientHello after a HelloRetryRequest (RFC 8446 §4.2.10)");
            }
            if (ext.get(ExtensionType.EARLY_DATA).length != 0) {
                throw TlsAlertException.decodeError("the ClientHello's early_data extension must be empty");
            }
            d.earlyDataOffered = true;
        }
        List<Integer> schemes = ext.parse(ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms", r -> Extensions.readU16List(r, "signature_algorithms"));
        List<Integer> groups = ext.parse(ExtensionType.SUPPORTED_GROUPS, "supported_groups", r -> Extensions.readU16List(r, "supported_groups"));
        List<Tls13Extensions.KeyShare> shares = ext.parse(ExtensionType.KEY_SHARE, "key_share", Tls13Extensions::readClientKeyShares);
        if (schemes == null || groups == null || shares == null) {
            throw new TlsAlertException(AlertDescription.MISSING_EXTENSION, "a TLS 1.3 ClientHello needs signature_algorithms,"
                    + " supported_groups and key_share (PSK-only handshakes are not supported)");
        }
        KeyMaterial km = cfg.keyMaterial();
        SignatureScheme scheme = CertificateVerifier13.choose(ctx, schemes, km.publicKey());
        if (scheme == null) {
            throw TlsAlertException.handshakeFailure("client accepts no TLS 1.3 signature scheme our " + km.publicKey().getAlgorithm() + " key can make");
        }
        d.serverName = ext.parse(ExtensionType.SERVER_NAME, "server_name", HelloExtensions::readServerName);
        // RFC 8446 §4.4.2.2: a chain the client's signature_algorithms_cert (else signature_algorithms) does not cover
        // is still sent, the client deciding; with one chain there is nothing to choose, so the event says it.
        List<Integer> certSchemes = ClientCredential.certificateSchemes(ext.parse(ExtensionType.SIGNATURE_ALGORITHMS_CERT,
                "signature_algorithms_cert", r -> Extensions.readU16List(r, "signature_algorithms_cert")), schemes);
        d.chainOutsideClientSchemes = CertificateSignatures.signedOutside(km.chain(), certSchemes.stream()
                .map(SignatureScheme::fromId).filter(java.util.Objects::nonNull).toList()).isPresent();
        d.clientCompression = ext.parse(ExtensionType.COMPRESS_CERTIFICATE, "compress_certificate", Tls13Extensions::readCompressCertificate);
        d.clientRecordSizeLimit = ext.parse(ExtensionType.RECORD_SIZE_LIMIT, "record_size_limit", RecordSizeLimit::read);
        d.statusRequested = Boolean.TRUE.equals(ext.parse(ExtensionType.STATUS_REQUEST, "status_request", HelloExtensions::readStatusRequest));
        d.applicationProtocol = HelloExtensions.chooseAlpn(cfg, ext.parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn));

        NamedGroup requested = firstHello != null ? d.group : null;
        Tls13Extensions.KeyShare clientShare = null;
        for (NamedGroup g : cfg.groups()) {
            for (Tls13Extensions.KeyShare s : shares) {
                if (s.group() == g.id() && clientShare == null) {
                    clientShare = s;
                    d.group = g;
                }
            }
        }
        if (firstHello == null) {
            ctx.event(HandshakeStep.CLIENT_HELLO, "client offered TLSv1.3, " + ch.cipherSuites().size() + " suites, key shares "
                    + shares.stream().map(s -> groupName(s.group())).toList()
                    + (d.serverName != null ? ", SNI " + d.serverName : ""));
        }
        if (clientShare == null) {
            NamedGroup wanted = cfg.groups().stream().filter(g -> groups.contains(g.id())).findFirst().orElse(null);
            if (wanted == null) {
                throw TlsAlertException.handshakeFailure("no key-exchange group in common (client supports " + groups + ")");
            }
            if (firstHello != null) {
                throw TlsAlertException.illegalParameter("the second ClientHello still lacks a key share for " + wanted.rfcName());
            }
            return retry(ctx, ch, d, wanted);
        }
        if (firstHello == null && cfg.retryForPreferredGroup()) {
            // A group we list before the share's, which the client supports: worth a HelloRetryRequest.
            for (NamedGroup g : cfg.groups()) {
                if (g == d.group) {
                    break;
                }
                if (groups.contains(g.id())) {
                    return retry(ctx, ch, d, g);
                }
            }
        }
        if (requested != null && d.group != requested) {
            throw TlsAlertException.illegalParameter("the second ClientHello's key share is not for the group we asked for");
        }
        return serverFlight(ctx, ch, d, clientShare, scheme);
    }

    /** RFC 8446 §4.2.11: pre_shared_key comes last; §4.2.9: it needs psk_key_exchange_modes. */
    private static void checkPskExtensions(Extensions ext) {
        if (!ext.has(ExtensionType.PRE_SHARED_KEY)) {
            return;
        }
        int last = -1;
        for (int type : ext.types()) {
            last = type;
        }
        if (last != ExtensionType.PRE_SHARED_KEY) {
            throw TlsAlertException.illegalParameter("pre_shared_key is not the last extension of the ClientHello");
        }
        if (!ext.has(ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            throw new TlsAlertException(AlertDescription.MISSING_EXTENSION, "pre_shared_key offered without psk_key_exchange_modes");
        }
    }

    private static HandshakeState retry(HandshakeContext ctx, ClientHello ch, ServerData13 d, NamedGroup group) {
        if (d.earlyDataOffered) {
            refuseEarlyData(ctx, d, "we ask for another key share (HelloRetryRequest)");
        }
        d.cookie = new byte[32];
        ctx.config().random().nextBytes(d.cookie);
        d.group = group;
        // key_share, cookie, supported_versions: the RFC 8448 §5 order, like our ServerHello's (key_share first).
        Extensions ext = Extensions.empty()
                .with(ExtensionType.KEY_SHARE, Tls13Extensions.selectedGroup(group.id()))
                .with(ExtensionType.COOKIE, Tls13Extensions.cookie(d.cookie))
                .with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.selectedVersion(TlsVersion.TLS_1_3.code()));
        ctx.negotiated(TlsVersion.TLS_1_3);
        ctx.transcript().replaceWithMessageHash(CipherSuites.hash(d.suite));
        ctx.send(new ServerHello(TlsVersion.TLS_1_2.code(), RetryRequest.RANDOM, ch.sessionId(), d.suite.id(), 0, ext));
        if (ch.sessionId().length > 0) {
            ctx.sendCompatibilityChangeCipherSpec();
        }
        ctx.event(HandshakeStep.SERVER_HELLO, "HelloRetryRequest: asked for a " + group.rfcName() + " key share");
        return new ServerStart13(d, ch);
    }

    private static HandshakeState serverFlight(HandshakeContext ctx, ClientHello ch, ServerData13 d,
                                               Tls13Extensions.KeyShare clientShare, SignatureScheme scheme) {
        TlsConfig cfg = ctx.config();
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        AeadBackend backend = cfg.aeadBackend();
        KeyShare.ServerShare ours = KeyShare.respond(d.group, clientShare.keyExchange(), cfg.random(), cfg.crypto());
        byte[] shared = ours.sharedSecret();
        byte[] random = new byte[32];
        cfg.random().nextBytes(random);
        AcceptedTicket resumed = AcceptedTicket.select(ctx, ch, d);
        d.resumedFrom = resumed;
        // 0-RTT keys hash the ClientHello alone (RFC 8446 §7.1): take it before our ServerHello joins the transcript.
        byte[] clientHelloHash = d.earlyDataOffered && resumed != null ? ctx.transcript().hash(hash) : null;
        // pre_shared_key, key_share, supported_versions: the order of RFC 8448's traces, so replays match byte for byte.
        Extensions ext = Extensions.empty();
        if (resumed != null) {
            ext.with(ExtensionType.PRE_SHARED_KEY, OfferedPsks.selectedIdentity(resumed.index()));
            d.clientChain = PeerCertificates.parse(resumed.state().peerCertificates());
        }
        ext.with(ExtensionType.KEY_SHARE, Tls13Extensions.serverKeyShare(new Tls13Extensions.KeyShare(d.group.id(), ours.keyExchange())))
                .with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.selectedVersion(TlsVersion.TLS_1_3.code()));
        ctx.negotiated(TlsVersion.TLS_1_3);
        ctx.send(new ServerHello(TlsVersion.TLS_1_2.code(), random, ch.sessionId(), d.suite.id(), 0, ext));
        ctx.event(HandshakeStep.SERVER_HELLO, "chose TLSv1.3, " + d.suite.name() + ", key share " + d.group.rfcName()
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : "")
                + (resumed != null ? ", resuming the session of ticket " + resumed.index() + " (psk_dhe_ke)" : ""));
        ctx.event(HandshakeStep.KEY_EXCHANGE, (d.group.kind() + " over ")
                + d.group.rfcName() + " completed with the key shares in the hellos");

        byte[] th = ctx.transcript().hash(hash);
        d.handshakeSecret = Tls13KeySchedule.early(hash, resumed == null ? null : resumed.state().secret()).handshake(shared);
        d.clientHandshakeSecret = d.handshakeSecret.clientTrafficSecret(th);
        byte[] serverHandshakeSecret = d.handshakeSecret.serverTrafficSecret(th);
        d.clientRandom = ch.random();
        ctx.logSecret(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET, d.clientRandom, d.clientHandshakeSecret);
        ctx.logSecret(KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET, d.clientRandom, serverHandshakeSecret);
        if (ch.sessionId().length > 0 && d.cookie == null) {
            ctx.sendCompatibilityChangeCipherSpec(); // RFC 8446 §D.4 (after an HRR it was already sent)
        }
        ctx.changeWriteProtection(Tls13KeySchedule.protection(d.suite, backend, serverHandshakeSecret));
        ctx.event(HandshakeStep.KEYS_DERIVED, "handshake traffic keys derived (HKDF-" + hash + "); the rest of the handshake is encrypted");
        return EarlyDataDecision.decide(ctx, d, resumed, clientHelloHash,
                c -> afterServerHello(c, d, scheme, serverHandshakeSecret));
    }

    /** EncryptedExtensions (answering early_data once that is decided) and the rest of our flight. */
    private static HandshakeState afterServerHello(HandshakeContext ctx, ServerData13 d, SignatureScheme scheme,
                                                   byte[] serverHandshakeSecret) {
        TlsConfig cfg = ctx.config();
        AcceptedTicket resumed = d.resumedFrom;
        ctx.send(new EncryptedExtensions(encryptedExtensions(ctx, d)));
        if (resumed != null) {
            return resumedFlight(ctx, d, serverHandshakeSecret);
        }
        if (cfg.clientAuth() != ClientAuthMode.NONE) {
            d.certificateRequested = true;
            d.requestedCompression = cfg.certificateCompression();
            ctx.send(new CertificateRequest13(new byte[0], certificateRequestExtensions(cfg, d.requestedCompression)));
        }
        KeyMaterial km = cfg.keyMaterial();
        byte[] staple = HelloExtensions.stapleFor(cfg, km, d.statusRequested);
        Certificates13.send(ctx, new Certificate13(new byte[0], PeerCertificates.encode(km.chain()), staple), d.clientCompression,
                HandshakeStep.SERVER_HELLO);
        if (staple != null) {
            ctx.event(HandshakeStep.SERVER_HELLO, "stapled an OCSP response (" + staple.length + " bytes) to the certificate");
        }
        byte[] content = CertificateVerifyContent.of(true, ctx.transcript().hash(CipherSuites.hash(d.suite)));
        return Suspended.sign(km, scheme, content,
                (c, signature) -> afterCertificateVerify(c, d, km, scheme, serverHandshakeSecret, signature));
    }

    /** The flight's end, once the CertificateVerify signature is known (at once for a local key). */
    private static HandshakeState afterCertificateVerify(HandshakeContext ctx, ServerData13 d, KeyMaterial km, SignatureScheme scheme,
                                                         byte[] serverHandshakeSecret, byte[] signature) {
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        ctx.send(new CertificateVerify(scheme.id(), signature));
        ctx.send(new Finished(Tls13KeySchedule.finishedVerifyData(hash, serverHandshakeSecret, ctx.transcript().hash(hash))));
        ctx.event(HandshakeStep.SERVER_FINISHED, "EncryptedExtensions, " + (d.certificateRequested ? "CertificateRequest, " : "")
                + "Certificate " + km.leaf().getSubjectX500Principal().getName() + ", CertificateVerify (" + scheme.rfcName()
                + ") and Finished sent encrypted" + (d.chainOutsideClientSchemes
                ? " (the chain's signatures are outside the client's signature_algorithms_cert; sent anyway, RFC 8446 §4.4.2.2)" : ""));

        applicationKeys(ctx, d);
        return d.certificateRequested ? new ExpectClientCertificate13(d) : new ExpectClientFinished13(d);
    }

    /**
     * signature_algorithms, signature_algorithms_cert and certificate_authorities when configured (RFC 8446 §4.2.3,
     * §4.2.4), then compress_certificate when we take compressed client certificates (RFC 8879 §3); with
     * GREASE on (RFC 8701 §4.1) an empty GREASE extension first and a GREASE scheme first in the list, from one draw.
     */
    private static Extensions certificateRequestExtensions(TlsConfig cfg, List<CertificateCompression> compression) {
        List<Integer> schemes = SignatureSchemes.ids(CertificateVerifier13.allowedOf(cfg.signatureSchemes()));
        Extensions cr = Extensions.empty();
        if (cfg.grease()) {
            byte[] seed = new byte[2];
            cfg.random().nextBytes(seed);
            cr.with(Grease.value(seed[0]), new byte[0]);
            schemes = Grease.first(Grease.value(seed[1]), schemes);
        }
        cr.with(ExtensionType.SIGNATURE_ALGORITHMS, Extensions.u16List(schemes));
        if (cfg.certificateSignatureSchemes() != null) {
            cr.with(ExtensionType.SIGNATURE_ALGORITHMS_CERT, Extensions.u16List(SignatureSchemes.ids(cfg.certificateSignatureSchemes())));
        }
        if (!cfg.certificateAuthorities().isEmpty()) {
            cr.with(ExtensionType.CERTIFICATE_AUTHORITIES, CertificateAuthorities.encode(cfg.certificateAuthorities()));
        }
        if (!compression.isEmpty()) {
            cr.with(ExtensionType.COMPRESS_CERTIFICATE, Tls13Extensions.compressCertificate(
                    compression.stream().map(CertificateCompression::id).toList()));
        }
        return cr;
    }

    /**
     * Our answers that need no key exchange, in NSS's order (the RFC 8448 traces): supported_groups, record_size_limit,
     * server_name, then ALPN. Extension order carries no meaning; a fixed one keeps replays byte-exact.
     */
    private static Extensions encryptedExtensions(HandshakeContext ctx, ServerData13 d) {
        TlsConfig cfg = ctx.config();
        Extensions ee = Extensions.empty();
        boolean listGroups = switch (cfg.groupsInEncryptedExtensions()) {
            case NEVER -> false;
            case WHEN_NOT_PREFERRED -> d.group != cfg.groups().get(0);
            case ALWAYS -> true;
        };
        if (listGroups) {
            ee.with(ExtensionType.SUPPORTED_GROUPS, Extensions.u16List(cfg.groups().stream().map(NamedGroup::id).toList()));
        }
        if (d.clientRecordSizeLimit != null && cfg.recordSizeLimit() != 0) {
            ee.with(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit.encode(cfg.recordSizeLimit()));
            // Applies to this flight already: EncryptedExtensions is the first record under handshake keys.
            RecordSizeLimit.negotiated(ctx, d.clientRecordSizeLimit, cfg.recordSizeLimit(), TlsVersion.TLS_1_3);
        }
        if (d.serverName != null && cfg.acknowledgeServerName()) {
            ee.with(ExtensionType.SERVER_NAME, new byte[0]);
        }
        if (d.applicationProtocol != null) {
            ee.with(ExtensionType.ALPN, HelloExtensions.alpn(List.of(d.applicationProtocol)));
        }
        if (d.earlyDataAccepted) {
            ee.with(ExtensionType.EARLY_DATA, new byte[0]); // RFC 8446 §4.2.10: we read the client's 0-RTT data
        }
        return ee;
    }

    /** A resumed handshake: the PSK authenticates us, so no Certificate, CertificateVerify or CertificateRequest (§4.3.2). */
    private static HandshakeState resumedFlight(HandshakeContext ctx, ServerData13 d, byte[] serverHandshakeSecret) {
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        ctx.send(new Finished(Tls13KeySchedule.finishedVerifyData(hash, serverHandshakeSecret, ctx.transcript().hash(hash))));
        ctx.event(HandshakeStep.SERVER_FINISHED, "EncryptedExtensions and Finished sent encrypted (resumed: the ticket's PSK"
                + " authenticates both sides)");
        applicationKeys(ctx, d);
        return d.earlyDataAccepted ? new ExpectEndOfEarlyData13(d) : new ExpectClientFinished13(d);
    }

    /** After our Finished: application and exporter secrets; we write with application keys, read the client's flight. */
    private static void applicationKeys(HandshakeContext ctx, ServerData13 d) {
        HashAlgorithm hash = CipherSuites.hash(d.suite);
        AeadBackend backend = ctx.config().aeadBackend();
        byte[] thServerFinished = ctx.transcript().hash(hash);
        MasterSecret master = d.handshakeSecret.master();
        d.master = master;
        d.clientApplicationSecret = master.clientApplicationTrafficSecret(thServerFinished);
        d.serverApplicationSecret = master.serverApplicationTrafficSecret(thServerFinished);
        byte[] exporterSecret = master.exporterMasterSecret(thServerFinished);
        ctx.logSecret(KeyLog.CLIENT_TRAFFIC_SECRET_0, d.clientRandom, d.clientApplicationSecret);
        ctx.logSecret(KeyLog.SERVER_TRAFFIC_SECRET_0, d.clientRandom, d.serverApplicationSecret);
        ctx.logSecret(KeyLog.EXPORTER_SECRET, d.clientRandom, exporterSecret);
        ctx.exporter(Tls13KeySchedule.exporterOf(hash, exporterSecret));
        ctx.changeWriteProtection(Tls13KeySchedule.protection(d.suite, backend, d.serverApplicationSecret));
        if (!d.earlyDataAccepted) {
            // With 0-RTT accepted we go on reading early data; EndOfEarlyData switches to these keys.
            ctx.changeReadProtection(Tls13KeySchedule.protection(d.suite, backend, d.clientHandshakeSecret));
        }
    }

    /** The client's 0-RTT data is refused: skip its records (RFC 8446 §4.2.10), and say why. */
    static void refuseEarlyData(HandshakeContext ctx, ServerData13 d, String why) {
        d.earlyDataRefused = true;
        ctx.skipRejectedEarlyData();
        ctx.event(HandshakeStep.CLIENT_HELLO, "0-RTT data refused (the handshake goes on in 1-RTT): " + why);
    }

    private static CipherSuite chooseSuite(TlsConfig cfg, List<Integer> offered) {
        for (CipherSuite s : cfg.cipherSuites()) {
            if (s.isTls13() && offered.contains(s.id())) {
                return s;
            }
        }
        throw TlsAlertException.handshakeFailure("no TLS 1.3 cipher suite in common");
    }

    private static String groupName(int id) {
        NamedGroup g = NamedGroup.fromId(id);
        return g == null ? "0x" + Integer.toHexString(id) : g.rfcName();
    }

    @Override
    public String describe() {
        return "expecting the second ClientHello";
    }
}
