package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.handshake.HandshakeState;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateMessage;
import io.reactls.handshake.CertificateStatus;
import io.reactls.handshake.CertificateAuthorities;
import io.reactls.handshake.CertificateRequest;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.EcdheServerKeyExchange;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeContext;
import io.reactls.HandshakeStep;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.PeerCertificates;
import io.reactls.PendingOperation;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.ServerHelloDone;
import io.reactls.handshake.SignatureSchemes;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.DowngradeSentinel;
import java.util.List;

/**
 * Steps ① and ② on a server that settled on TLS 1.2: choose from the ClientHello, and send the whole first flight.
 * The version-neutral {@code handshake.server.ExpectClientHello} decides the version and calls {@link #respond}.
 */
public final class ServerStart {

    private ServerStart() {
    }

    /**
     * Answers {@code ch} (already in the transcript) as a TLS 1.2 server.
     *
     * @param tls13Enabled whether we also speak TLS 1.3: our random then carries the downgrade sentinel (RFC 8446 §4.1.3)
     * @param cached       the session the session-ID store holds under the hello's session id, or null
     */
    public static HandshakeState respond(HandshakeContext ctx, ClientHello ch, boolean tls13Enabled, ResumableSession cached) {
        TlsConfig cfg = ctx.config();
        ServerHandshakeData d = new ServerHandshakeData();
        d.clientVersion = ch.legacyVersion();
        d.clientRandom = ch.random();
        if (!contains(ch.compressionMethods(), 0)) {
            throw TlsAlertException.illegalParameter("client does not offer the null compression method");
        }
        Extensions ext = ch.extensions();
        byte[] reneg = ext.get(ExtensionType.RENEGOTIATION_INFO);
        if (reneg != null) {
            HelloExtensions.expectInitialRenegotiationInfo(reneg);
        }
        boolean secureRenegotiation = reneg != null || ch.cipherSuites().contains(ClientHello.EMPTY_RENEGOTIATION_INFO_SCSV);
        if (ext.has(ExtensionType.EXTENDED_MASTER_SECRET) && ext.get(ExtensionType.EXTENDED_MASTER_SECRET).length != 0) {
            throw TlsAlertException.decodeError("extended_master_secret must be empty");
        }
        d.extendedMasterSecret = ext.has(ExtensionType.EXTENDED_MASTER_SECRET);
        if (!d.extendedMasterSecret && cfg.requireExtendedMasterSecret()) {
            throw TlsAlertException.handshakeFailure("client does not offer the extended master secret (RFC 7627), which is required");
        }
        d.serverName = ext.parse(ExtensionType.SERVER_NAME, "server_name", HelloExtensions::readServerName);
        List<Integer> clientGroups = ext.parse(ExtensionType.SUPPORTED_GROUPS, "supported_groups", r -> Extensions.readU16List(r, "supported_groups"));
        Boolean uncompressed = ext.parse(ExtensionType.EC_POINT_FORMATS, "ec_point_formats", HelloExtensions::readEcPointFormats);
        if (uncompressed != null && !uncompressed) {
            throw TlsAlertException.illegalParameter("client's ec_point_formats lacks uncompressed");
        }
        List<Integer> clientSchemes = ext.parse(ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms", r -> Extensions.readU16List(r, "signature_algorithms"));
        List<String> clientAlpn = ext.parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn);

        if (ext.has(ExtensionType.ENCRYPT_THEN_MAC) && ext.get(ExtensionType.ENCRYPT_THEN_MAC).length != 0) {
            throw TlsAlertException.decodeError("encrypt_then_mac must be empty");
        }

        KeyMaterial km = cfg.keyMaterial();
        SignatureScheme skeScheme = clientSchemes == null ? null
                : SignatureSchemes.choose(cfg.signatureSchemes(), clientSchemes, km.publicKey());
        // A ticket the client sends takes precedence over its session id, which then only marks acceptance (RFC 5077 §3.4).
        d.issueTicket = ServerTickets.willIssue(cfg, ch, d.extendedMasterSecret);
        ResumableSession resumable = ServerTickets.toResume(ctx, ch, d.extendedMasterSecret, d.serverName);
        d.resumedFromTicket = resumable != null;
        if (resumable == null) {
            resumable = ServerSessions.toResume(ctx, ch, d.extendedMasterSecret, d.serverName, cached);
        }
        if (resumable != null) {
            d.resumed = true;
            d.sessionId = resumable.id();
            d.suite = resumable.cipherSuite();
            d.group = resumable.group();
            d.clientChain = resumable.peerCertificates();
        } else {
            // ECDHE needs a group in common and a signature scheme the client accepts for our key.
            d.group = skeScheme == null ? null : ServerNegotiation.chooseGroup(cfg, clientGroups);
            d.suite = ServerNegotiation.chooseSuite(cfg, ch.cipherSuites(), km, d.group,
                    km.isLocal() || ctx.handsOut(PendingOperation.Kind.RSA_DECRYPT));
            if (!CipherSuites.keyExchange(d.suite).isEcdhe()) {
                d.group = null; // RSA key exchange: no group is used
            }
            d.sessionId = ServerSessions.newSessionId(ctx, d.extendedMasterSecret);
        }
        // RFC 7366 §3: answered only when the suite is a CBC one.
        d.encryptThenMac = d.suite.isCbc() && ext.has(ExtensionType.ENCRYPT_THEN_MAC);
        d.applicationProtocol = HelloExtensions.chooseAlpn(cfg, clientAlpn);
        ctx.event(HandshakeStep.CLIENT_HELLO, "client offered 0x" + Integer.toHexString(ch.legacyVersion()) + ", "
                + ch.cipherSuites().size() + " suites" + (d.serverName != null ? ", SNI " + d.serverName : "")
                + (clientAlpn != null ? ", ALPN " + clientAlpn : ""));

        d.serverRandom = new byte[32];
        cfg.random().nextBytes(d.serverRandom);
        if (tls13Enabled) {
            DowngradeSentinel.mark(d.serverRandom); // a TLS 1.3 client will refuse this if it offered TLS 1.3
        }
        Extensions answer = Extensions.empty();
        if (secureRenegotiation) {
            answer.with(ExtensionType.RENEGOTIATION_INFO, HelloExtensions.renegotiationInfo(new byte[0]));
        }
        if (d.extendedMasterSecret) {
            answer.with(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
        }
        if (CipherSuites.keyExchange(d.suite).isEcdhe() && uncompressed != null) {
            answer.with(ExtensionType.EC_POINT_FORMATS, HelloExtensions.ecPointFormats());
        }
        if (d.applicationProtocol != null) {
            answer.with(ExtensionType.ALPN, HelloExtensions.alpn(List.of(d.applicationProtocol)));
        }
        if (d.encryptThenMac) {
            answer.with(ExtensionType.ENCRYPT_THEN_MAC, new byte[0]);
        }
        if (d.issueTicket) {
            answer.with(ExtensionType.SESSION_TICKET, new byte[0]); // RFC 5077 §3.2: a NewSessionTicket will follow
        }
        // RFC 6066 §8: acknowledged only when a CertificateStatus follows; never on resumption (no Certificate).
        d.staple = resumable != null ? null : HelloExtensions.stapleFor(cfg, km,
                Boolean.TRUE.equals(ext.parse(ExtensionType.STATUS_REQUEST, "status_request", HelloExtensions::readStatusRequest)));
        if (d.staple != null) {
            answer.with(ExtensionType.STATUS_REQUEST, new byte[0]);
        }
        Integer clientLimit = ext.parse(ExtensionType.RECORD_SIZE_LIMIT, "record_size_limit", RecordSizeLimit::read);
        if (clientLimit != null && cfg.recordSizeLimit() != 0) {
            int ours = RecordSizeLimit.announced(cfg.recordSizeLimit(), TlsVersion.TLS_1_2);
            answer.with(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit.encode(ours));
            RecordSizeLimit.negotiated(ctx, clientLimit, ours, TlsVersion.TLS_1_2); // from our Finished on
        }
        ctx.negotiated(TlsVersion.TLS_1_2);
        ctx.send(new ServerHello(TlsVersion.TLS_1_2.code(), d.serverRandom, d.sessionId, d.suite.id(), 0, answer));
        if (d.resumed) {
            return resume(ctx, d, resumable);
        }
        ctx.send(new CertificateMessage(PeerCertificates.encode(km.chain())));
        if (d.staple != null) {
            ctx.send(new CertificateStatus(d.staple));
        }
        ctx.event(HandshakeStep.SERVER_HELLO, "chose TLSv1.2, " + d.suite.name()
                + (d.extendedMasterSecret ? ", extended master secret" : ", no extended master secret (the client did not offer it)")
                + (d.encryptThenMac ? ", encrypt-then-MAC" : "")
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : "")
                + "; sent certificate " + km.leaf().getSubjectX500Principal().getName()
                + (d.staple != null ? " with a stapled OCSP response (" + d.staple.length + " bytes)" : "")
                + (CipherSuites.keyExchange(d.suite).isEcdhe() ? ", ServerKeyExchange signed with " + skeScheme.rfcName() : ""));

        if (CipherSuites.keyExchange(d.suite).isEcdhe()) {
            d.ecdhe = cfg.crypto().ecdhe(d.group, cfg.random());
            byte[] params = EcdheServerKeyExchange.params(d.group.id(), d.ecdhe.publicKey());
            byte[] content = ExpectServerKeyExchange.concat(d.clientRandom, d.serverRandom, params);
            return Suspended.sign(km, skeScheme, content, (c, signature) -> serverKeyExchange(c, d, skeScheme, signature));
        }
        return serverHelloDone(ctx, d);
    }

    /** ServerKeyExchange with its signature (made in place, or by the signer), then the rest of the flight. */
    private static HandshakeState serverKeyExchange(HandshakeContext ctx, ServerHandshakeData d, SignatureScheme scheme, byte[] signature) {
        ctx.send(new EcdheServerKeyExchange(d.group.id(), d.ecdhe.publicKey(), scheme.id(), signature));
        return serverHelloDone(ctx, d);
    }

    private static HandshakeState serverHelloDone(HandshakeContext ctx, ServerHandshakeData d) {
        TlsConfig cfg = ctx.config();
        if (cfg.clientAuth() != ClientAuthMode.NONE) {
            d.certificateRequested = true;
            ctx.send(new CertificateRequest(new byte[] {CertificateRequest.RSA_SIGN, (byte) CertificateRequest.ECDSA_SIGN},
                    SignatureSchemes.ids(cfg.signatureSchemes()), CertificateAuthorities.der(cfg.certificateAuthorities())));
        }
        ctx.send(new ServerHelloDone());
        return d.certificateRequested ? new ExpectClientCertificate(d) : new ExpectClientKeyExchange(d);
    }

    /** Abbreviated handshake (RFC 5246 §7.3): ChangeCipherSpec and Finished right after ServerHello. */
    private static HandshakeState resume(HandshakeContext ctx, ServerHandshakeData d, ResumableSession session) {
        d.keys = Tls12KeySchedule.fromMaster(d.suite, session.masterSecret(), d.clientRandom, d.serverRandom);
        ctx.logSecret(KeyLog.CLIENT_RANDOM, d.clientRandom, d.keys.masterSecret());
        ctx.event(HandshakeStep.SERVER_HELLO, "resumed TLSv1.2 session, " + d.suite.name()
                + (d.encryptThenMac ? ", encrypt-then-MAC" : "")
                + (d.applicationProtocol != null ? ", ALPN " + d.applicationProtocol : ""));
        if (d.issueTicket) {
            // Renewed under the current ticket key, the session keeping its original age (RFC 5077 §3.1, figure 2).
            ServerTickets.issue(ctx, d, d.resumedFromTicket ? session.created() : ctx.now());
        }
        ctx.sendChangeCipherSpec(d.keys.serverWrite(ctx.config(), d.encryptThenMac));
        ctx.send(new Finished(d.keys.verifyData(false, ctx.transcript().hash(CipherSuites.hash(d.suite)))));
        ctx.event(HandshakeStep.SERVER_FINISHED, "session resumed" + (d.resumedFromTicket ? " from a session ticket" : "")
                + (d.issueTicket ? ": NewSessionTicket sent," : ":") + " ChangeCipherSpec sent, Finished sent encrypted");
        return new ExpectClientChangeCipherSpec(d);
    }

    private static boolean contains(byte[] values, int v) {
        for (byte b : values) {
            if ((b & 0xFF) == v) {
                return true;
            }
        }
        return false;
    }

}
