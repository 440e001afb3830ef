package io.reactls.jsse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.KeyMaterial;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.engine.TlsEngine;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.HelloExtensions;
import io.reactls.PendingOperation;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.AlgorithmConstraints;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import reactor.core.publisher.Mono;

/**
 * reactls as a {@link SSLEngine}: the JSSE contract over the sans-IO {@link TlsEngine}, for everything on the JVM that
 * speaks TLS through {@code SSLEngine} (Netty's {@code SslHandler}, {@code java.net.http}, the blocking sockets of
 * {@link ReactlsProvider}).
 *
 * <p>{@code unwrap} reads exactly one TLS record per call; {@code wrap} writes whole records: pending handshake
 * messages and alerts first, otherwise one record of application data. The slow steps of a handshake are delegated
 * tasks ({@link HandshakeStatus#NEED_TASK}): a server choosing its key (the key manager), signing (CertificateVerify,
 * ServerKeyExchange), checking the peer's chain (the trust manager), and reactls's asynchronous hooks (a KMS signer or
 * RSA decrypter, an extra certificate policy; see {@link ReactlsProvider#sslContext(io.reactls.KeyMaterial,
 * io.reactls.TrustAnchors, io.reactls.PrivateKeySigner, io.reactls.RsaDecrypter, io.reactls.AsyncCertificateVerifier)}),
 * whose tasks wait for the hook's answer. A local RSA key-exchange decryption stays inline: it is one private-key
 * operation, and the engine's RFC 5246 §7.4.7.1 handling must not be split around it.
 *
 * <p>Renegotiation is refused: {@link #beginHandshake()} after a TLS 1.2 handshake throws, after a TLS 1.3 one it
 * updates the keys (KeyUpdate), as SunJSSE does. The engine's buffers are unpooled heap buffers (record-sized arrays
 * are reused, see {@link RecordArrays}), so an engine that is dropped without being closed, as JSSE allows, leaks
 * nothing. Thread-safe: every operation holds the engine's lock.
 */
public final class ReactlsSSLEngine extends SSLEngine {

    private static final int RECORD_HEADER = 5;
    private static final int MAX_RECORD_BODY = (1 << 14) + 2048;
    private static final int MAX_FRAGMENT = 1 << 14;
    /** Smallest AEAD expansion of a record body (ChaCha20-Poly1305's tag); plaintext is at most body minus this. */
    private static final int MIN_RECORD_EXPANSION = 16;
    /** Largest expansion of one record we write: TLS 1.2 CBC (IV, SHA-384 MAC, padding), header included. */
    private static final int TLS12_MAX_OVERHEAD = RECORD_HEADER + 16 + 48 + 16;
    /** TLS 1.3: header, content type, tag; reactls adds no padding. */
    private static final int TLS13_OVERHEAD = RECORD_HEADER + 1 + 16;
    private static final String[] SUPPORTED_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** Signalling values, not suites: accepted in a suite list (SunJSSE lists this one) and never sent as suites. */
    private static final String SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
    private static final byte[] EMPTY_ID = new byte[0];
    /** The real check is the delegated {@link PendingOperation.CertificateCheck}; the inline verifier passes it on. */
    private static final io.reactls.CertificateVerifier DEFER_TO_TASK = (chain, host, now, role) -> { };

    private enum Phase { NEW, AWAIT_HELLO, HANDSHAKING }

    private final EngineSettings settings;
    private final ByteBufAllocator alloc = new RecordArrays();

    // configuration (SSLParameters and the setters)
    private boolean clientMode;
    private boolean modeSet;
    private String[] enabledProtocols = SUPPORTED_PROTOCOLS.clone();
    private String[] enabledSuites = TlsConfig.DEFAULT_SUITES.stream().map(Enum::name).toArray(String[]::new);
    private boolean needClientAuth;
    private boolean wantClientAuth;
    private boolean sessionCreation = true;
    private String endpointIdentification;
    private List<SNIServerName> serverNames;
    private Collection<SNIMatcher> sniMatchers;
    private String[] applicationProtocols = new String[0];
    private int maximumPacketSize;
    private AlgorithmConstraints algorithmConstraints;
    private boolean useCipherSuitesOrder = true;
    private List<NamedGroup> namedGroups;
    private List<SignatureScheme> signatureSchemes;
    private BiFunction<SSLEngine, List<String>, String> alpnSelector;

    // connection state
    private Phase phase = Phase.NEW;
    private TlsEngine tls;
    private ByteBuf helloRecords;
    private ClientHelloInfo hello;
    private KeyMaterial localKey;
    private String handshakeAlpn;
    private List<X509Certificate> handshakePeerChain = List.of();
    private ByteBuf pendingOut;
    private ByteBuf scratch;
    private ByteBuf pendingPlain;
    private boolean taskOut;
    private SSLException deferred;
    private boolean failedBeforeEngine;
    private boolean outboundClosedEarly;
    private boolean inboundClosedByUs;
    private boolean finishedReported;
    private ReactlsSession session;

    ReactlsSSLEngine(EngineSettings settings, String peerHost, int peerPort) {
        super(peerHost, peerPort);
        this.settings = settings;
    }

    // ------------------------------------------------------------------------------------------ wrap

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        checkWrapArgs(srcs, offset, length, dst);
        throwDeferred();
        startIfNew();
        collectOutbound();
        if (pendingOut != null) {
            int produced = copyRecords(pendingOut, dst);
            if (produced == 0) {
                return result(Status.BUFFER_OVERFLOW, 0, 0);
            }
            releaseIfDrained();
            return result(isOutboundDone() ? Status.CLOSED : Status.OK, 0, produced);
        }
        if (isOutboundDone()) {
            return result(Status.CLOSED, 0, 0);
        }
        int available = remaining(srcs, offset, length);
        if (tls == null || !tls.isHandshakeComplete() || available == 0 || tls.isOutboundClosed()) {
            return result(Status.OK, 0, 0);
        }
        int overhead = tls.session().version() == TlsVersion.TLS_1_3 ? TLS13_OVERHEAD : TLS12_MAX_OVERHEAD;
        int fragment = MAX_FRAGMENT;
        if (maximumPacketSize > 0) {
            fragment = Math.max(1, Math.min(fragment, maximumPacketSize - overhead));
        }
        int n = Math.min(available, fragment);
        if (dst.remaining() < n + overhead) {
            return result(Status.BUFFER_OVERFLOW, 0, 0);
        }
        ByteBuf plain = scratch(n);
        for (int i = offset; i < offset + length && plain.isWritable(); i++) {
            ByteBuffer src = srcs[i];
            int take = Math.min(src.remaining(), plain.writableBytes());
            ByteBuffer slice = src.slice();
            slice.limit(take);
            plain.writeBytes(slice);
            src.position(src.position() + take);
        }
        try {
            tls.send(plain);
        } catch (TlsAlertException e) {
            throw failure(e);
        }
        collectOutbound();
        int produced = pendingOut == null ? 0 : copyRecords(pendingOut, dst);
        releaseIfDrained();
        return result(Status.OK, n, produced);
    }

    /**
     * A buffer to hand the engine (which releases it): a slice of one reused buffer when nothing still holds a piece
     * of it from last time, else a fresh one. Saves allocating and zeroing 16 KiB per record in steady state.
     */
    private ByteBuf scratch(int size) {
        if (scratch == null || scratch.refCnt() != 1 || scratch.capacity() < size) {
            if (scratch != null) {
                scratch.release();
            }
            scratch = alloc.heapBuffer(Math.max(size, MAX_FRAGMENT + RECORD_HEADER + 256));
        }
        scratch.clear();
        return scratch.retainedSlice(0, size).clear();
    }

    private static void checkWrapArgs(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) {
        Objects.requireNonNull(srcs, "srcs");
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(offset, length, srcs.length);
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i] == null) {
                throw new IllegalArgumentException("srcs[" + i + "] is null");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ unwrap

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        checkUnwrapArgs(src, dsts, offset, length);
        throwDeferred();
        startIfNew();
        if (pendingPlain != null) {
            int produced = drainPlaintext(dsts, offset, length);
            return result(isInboundDone() && pendingPlain == null ? Status.CLOSED : Status.OK, 0, produced);
        }
        if (isInboundDone()) {
            return result(Status.CLOSED, 0, 0);
        }
        if (taskPending()) {
            return result(Status.OK, 0, 0);
        }
        int at = src.position();
        if (src.remaining() < RECORD_HEADER) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        int type = src.get(at) & 0xFF;
        int major = src.get(at + 1) & 0xFF;
        int bodyLength = ((src.get(at + 3) & 0xFF) << 8) | (src.get(at + 4) & 0xFF);
        boolean malformed = type < 20 || type > 23 || major != 3 || bodyLength > MAX_RECORD_BODY;
        int recordLength = malformed ? RECORD_HEADER : RECORD_HEADER + bodyLength;
        if (src.remaining() < recordLength) {
            return result(Status.BUFFER_UNDERFLOW, 0, 0);
        }
        if (type == 23 && !malformed && tls != null) {
            int maxPlaintext = Math.min(MAX_FRAGMENT, bodyLength - MIN_RECORD_EXPANSION);
            if (remaining(dsts, offset, length) < maxPlaintext) {
                return result(Status.BUFFER_OVERFLOW, 0, 0);
            }
        }
        ByteBuf record = tls == null ? alloc.heapBuffer(recordLength) : scratch(recordLength);
        ByteBuffer slice = src.slice();
        slice.limit(recordLength);
        record.writeBytes(slice);
        src.position(at + recordLength);
        if (tls == null) {
            collectHello(record);
            return result(Status.OK, recordLength, 0);
        }
        try {
            tls.receive(record);
        } catch (TlsAlertException e) {
            throw failure(e);
        } catch (IllegalStateException e) {
            throw failure(TlsAlertException.internalError("internal error: " + e, e));
        }
        collectOutbound();
        int produced = drainPlaintext(dsts, offset, length);
        return result(isInboundDone() && pendingPlain == null ? Status.CLOSED : Status.OK, recordLength, produced);
    }

    private static void checkUnwrapArgs(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dsts, "dsts");
        Objects.checkFromIndexSize(offset, length, dsts.length);
        for (int i = offset; i < offset + length; i++) {
            if (dsts[i] == null) {
                throw new IllegalArgumentException("dsts[" + i + "] is null");
            }
            if (dsts[i].isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
        }
    }

    /** A server has no engine until it has chosen its key, which needs the whole ClientHello: gather its records. */
    private void collectHello(ByteBuf record) {
        if (helloRecords == null) {
            helloRecords = alloc.heapBuffer(record.readableBytes());
        }
        helloRecords.writeBytes(record);
        record.release();
        if (helloRecords.readableBytes() > (1 << 17)) {
            hello = ClientHelloInfo.UNKNOWN;
        } else {
            hello = ClientHelloInfo.parse(helloRecords);
        }
        if (hello != null) {
            handshakeSessionChanged();
        }
    }

    /** Copies verified plaintext into {@code dsts}; what does not fit waits for the next unwrap. */
    private int drainPlaintext(ByteBuffer[] dsts, int offset, int length) {
        int produced = 0;
        while (true) {
            ByteBuf plain = pendingPlain != null ? pendingPlain : tls.takePlaintext();
            pendingPlain = null;
            if (plain == null) {
                return produced;
            }
            for (int i = offset; i < offset + length && plain.isReadable(); i++) {
                int take = Math.min(dsts[i].remaining(), plain.readableBytes());
                if (take > 0) {
                    ByteBuffer target = dsts[i].duplicate();
                    target.limit(target.position() + take);
                    plain.readBytes(target);
                    dsts[i].position(dsts[i].position() + take);
                    produced += take;
                }
            }
            if (plain.isReadable()) {
                pendingPlain = plain;
                return produced;
            }
            plain.release();
        }
    }

    // ------------------------------------------------------------------------------------------ status

    private SSLEngineResult result(Status status, int consumed, int produced) {
        HandshakeStatus hs = handshakeStatus();
        if (!finishedReported && tls != null && tls.isHandshakeComplete() && tls.failure() == null && !hasOutbound()) {
            finishedReported = true;
            hs = HandshakeStatus.FINISHED;
        }
        return new SSLEngineResult(status, hs, consumed, produced);
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        return handshakeStatus();
    }

    private HandshakeStatus handshakeStatus() {
        if (phase == Phase.NEW) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (hasOutbound()) {
            return HandshakeStatus.NEED_WRAP;
        }
        if (isOutboundDone() || isInboundDone() || deferred != null) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (taskPending()) {
            return HandshakeStatus.NEED_TASK;
        }
        if (tls == null || !tls.isHandshakeComplete()) {
            return HandshakeStatus.NEED_UNWRAP;
        }
        if (!finishedReported) {
            // Complete, but FINISHED not yet reported: the handshake data is all out, so the next call reports it.
            return HandshakeStatus.NEED_WRAP;
        }
        return HandshakeStatus.NOT_HANDSHAKING;
    }

    private boolean hasOutbound() {
        collectOutbound();
        return pendingOut != null && pendingOut.isReadable();
    }

    private boolean taskPending() {
        if (taskOut) {
            return true;
        }
        if (tls == null) {
            return phase == Phase.AWAIT_HELLO && hello != null && !failedBeforeEngine;
        }
        return tls.pendingOperation() != null;
    }

    // ------------------------------------------------------------------------------------------ delegated tasks

    @Override
    public synchronized Runnable getDelegatedTask() {
        if (taskOut) {
            return null;
        }
        if (tls == null && phase == Phase.AWAIT_HELLO && hello != null && !failedBeforeEngine) {
            taskOut = true;
            ClientHelloInfo info = hello;
            return () -> chooseServerKey(info);
        }
        PendingOperation op = tls == null ? null : tls.pendingOperation();
        if (op == null) {
            return null;
        }
        taskOut = true;
        return () -> runOperation(op);
    }

    /** Server, delegated: SNI matchers, the key manager and the ALPN selector see the ClientHello; then the engine. */
    private void chooseServerKey(ClientHelloInfo info) {
        KeyMaterial key = null;
        String alpn = null;
        TlsAlertException refusal = null;
        try {
            if (!sniAccepted(info.serverName())) {
                refusal = new TlsAlertException(AlertDescription.UNRECOGNIZED_NAME,
                        "no SNI matcher accepts the server name " + info.serverName());
            } else {
                key = settings.keys.serverKey(this, info);
                if (key == null) {
                    refusal = new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE,
                            "no certificate of ours suits this client (key manager chose none)");
                } else if (alpnSelector != null && !info.alpn().isEmpty()) {
                    alpn = alpnSelector.apply(this, info.alpn());
                    if (alpn == null) {
                        refusal = new TlsAlertException(AlertDescription.NO_APPLICATION_PROTOCOL,
                                "the application protocol selector accepted none of " + info.alpn());
                    }
                }
            }
        } catch (RuntimeException e) {
            refusal = TlsAlertException.internalError("choosing the server's key failed: " + e, e);
        }
        synchronized (this) {
            taskOut = false;
            if (refusal != null) {
                failBeforeEngine(refusal);
                return;
            }
            localKey = key;
            handshakeAlpn = alpn;
            try {
                tls = TlsEngine.server(serverConfig(key, alpn), alloc).handOut(delegated());
                ByteBuf records = helloRecords;
                helloRecords = null;
                handshakeSessionChanged();
                tls.receive(records);
            } catch (TlsAlertException e) {
                deferred = failure(e);
            } catch (RuntimeException e) {
                deferred = failure(TlsAlertException.internalError("cannot start the server handshake: " + e, e));
            }
        }
    }

    private boolean sniAccepted(String serverName) {
        if (serverName == null || sniMatchers == null || sniMatchers.isEmpty()) {
            return true;
        }
        SNIHostName name = new SNIHostName(serverName);
        for (SNIMatcher m : sniMatchers) {
            if (m.getType() == name.getType()) {
                return m.matches(name);
            }
        }
        return true;
    }

    /** Before any engine exists, the alert goes out in the clear, as it would from the engine at that point. */
    private void failBeforeEngine(TlsAlertException refusal) {
        failedBeforeEngine = true;
        if (helloRecords != null) {
            helloRecords.release();
            helloRecords = null;
        }
        pendingOut = alloc.heapBuffer(7).writeByte(21).writeShort(0x0303).writeShort(2).writeByte(2)
                .writeByte(refusal.alert().code());
        deferred = new SSLHandshakeException(refusal.getMessage());
        deferred.initCause(refusal);
    }

    /** Delegated: sign with our key, or verify the peer's chain; then resume the engine under the lock. */
    private void runOperation(PendingOperation op) {
        byte[] answer = null;
        Throwable error = null;
        try {
            if (op instanceof PendingOperation.SignRequest sign) {
                answer = settings.signer != null ? await(settings.signer.sign(sign), "private key signer")
                        : sign.scheme().sign(sign.key().privateKey(), sign.content(), settings.random,
                        settings.crypto.signatureProvider(sign.scheme()));
            } else if (op instanceof PendingOperation.CertificateCheck check) {
                synchronized (this) {
                    handshakePeerChain = check.chain();
                    handshakeSessionChanged();
                }
                settings.trust.verify(check.chain(), check.role(), this);
                if (settings.certificateCheck != null) {
                    Mono<Void> verdict = settings.certificateCheck.verify(check);
                    if (verdict != null) {
                        verdict.block();
                    }
                }
                answer = EMPTY_ID;
            } else if (op instanceof PendingOperation.RsaDecryptRequest decrypt) {
                answer = await(settings.decrypter.decrypt(decrypt), "RSA decrypter");
            } else {
                throw new IllegalStateException("unexpected delegated operation " + op);
            }
        } catch (Exception e) {
            error = e;
        }
        synchronized (this) {
            taskOut = false;
            if (tls.failure() != null || tls.pendingOperation() != op) {
                return; // closed meanwhile
            }
            try {
                if (error != null) {
                    tls.failPendingOperation(error);
                } else if (op instanceof PendingOperation.SignRequest) {
                    tls.completeSignature(answer);
                } else if (op instanceof PendingOperation.RsaDecryptRequest) {
                    tls.completeDecryption(answer);
                } else {
                    tls.completeCertificateCheck();
                }
            } catch (TlsAlertException e) {
                deferred = failure(e);
            } catch (RuntimeException e) {
                deferred = failure(TlsAlertException.internalError("internal error: " + e, e));
            }
        }
    }

    /** Waits for a hook's answer: this runs in a delegated task, whose caller chose a thread that may wait. */
    private static byte[] await(Mono<byte[]> answer, String hook) {
        byte[] result = answer == null ? null : answer.block();
        if (result == null) {
            throw new IllegalStateException("the " + hook + " completed empty");
        }
        return result;
    }

    private void throwDeferred() throws SSLException {
        SSLException e = deferred;
        if (e != null) {
            deferred = null;
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------ handshake start

    @Override
    public synchronized void beginHandshake() throws SSLException {
        if (phase == Phase.NEW) {
            if (isOutboundDone() || isInboundDone()) {
                throw new SSLException("the engine is closed");
            }
            startIfNew();
            return;
        }
        if (tls == null || !tls.isHandshakeComplete()) {
            return; // already in progress
        }
        if (tls.failure() != null || tls.isOutboundClosed()) {
            throw new SSLException("the engine is closed");
        }
        if (tls.session().version() != TlsVersion.TLS_1_3) {
            throw new SSLException("renegotiation is not supported (reactls never renegotiates TLS 1.2)");
        }
        try {
            tls.requestKeyUpdate(); // TLS 1.3 has no renegotiation; a new handshake request means fresh keys
        } catch (TlsAlertException e) {
            throw failure(e);
        }
    }

    private void startIfNew() throws SSLException {
        if (phase != Phase.NEW) {
            return;
        }
        if (!modeSet) {
            throw new IllegalStateException("client or server mode has not been set (setUseClientMode)");
        }
        if (outboundClosedEarly || inboundClosedByUs) {
            return;
        }
        if (!sessionCreation) {
            throw new SSLHandshakeException("session creation is disabled (setEnableSessionCreation(false))");
        }
        if (!clientMode) {
            phase = Phase.AWAIT_HELLO;
            handshakeSessionChanged();
            return;
        }
        phase = Phase.HANDSHAKING;
        try {
            localKey = settings.keys.clientKey(this);
            tls = TlsEngine.client(clientConfig(localKey), sniHost(), getPeerPort(), alloc).handOut(delegated());
            handshakeSessionChanged();
            tls.beginHandshake();
        } catch (TlsAlertException e) {
            throw failure(e);
        } catch (IllegalArgumentException e) {
            SSLHandshakeException ex = new SSLHandshakeException("cannot start the handshake: " + e.getMessage());
            ex.initCause(e);
            failedBeforeEngine = true;
            throw ex;
        }
        collectOutbound();
    }

    /** The host name sent as SNI: the configured server name, else the peer host when it is a DNS name. */
    private String sniHost() {
        if (serverNames != null) {
            for (SNIServerName n : serverNames) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
            return null;
        }
        String host = getPeerHost();
        return host != null && HelloExtensions.isDnsName(host) ? host : null;
    }

    /** The name a certificate must carry when endpoint identification is on: the SNI name, else the peer host. */
    String identityToCheck() {
        String sni = clientMode ? sniHost() : null;
        return sni != null ? sni : getPeerHost();
    }

    boolean checksEndpointIdentity() {
        return endpointIdentification != null && !endpointIdentification.isEmpty();
    }

    /** The slow work we run as delegated tasks: signing and chain checks always, RSA decryption with a decrypter hook. */
    private java.util.Set<PendingOperation.Kind> delegated() {
        java.util.EnumSet<PendingOperation.Kind> kinds =
                java.util.EnumSet.of(PendingOperation.Kind.SIGN, PendingOperation.Kind.CERTIFICATE_CHECK);
        if (settings.decrypter != null) {
            kinds.add(PendingOperation.Kind.RSA_DECRYPT);
        }
        return kinds;
    }

    private TlsConfig clientConfig(KeyMaterial key) {
        TlsConfig.Builder b = common(TlsConfig.client());
        b.keyMaterial(key);
        b.verifier(DEFER_TO_TASK);
        b.alpn(List.of(applicationProtocols));
        return b.build();
    }

    private TlsConfig serverConfig(KeyMaterial key, String selectedAlpn) {
        TlsConfig.Builder b = common(TlsConfig.server(key));
        b.ticketSealer(settings.ticketSealer);
        ClientAuthMode auth = needClientAuth ? ClientAuthMode.REQUIRE : wantClientAuth ? ClientAuthMode.OPTIONAL : ClientAuthMode.NONE;
        b.clientAuth(auth);
        if (auth != ClientAuthMode.NONE) {
            b.verifier(DEFER_TO_TASK);
        }
        if (selectedAlpn != null) {
            b.alpn(selectedAlpn.isEmpty() ? List.of() : List.of(selectedAlpn));
        } else {
            b.alpn(List.of(applicationProtocols));
        }
        return b.build();
    }

    private TlsConfig.Builder common(TlsConfig.Builder b) {
        List<TlsVersion> versions = new ArrayList<>();
        for (String p : enabledProtocols) {
            versions.add(TlsVersion.parse(p));
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (String s : enabledSuites) {
            if (!s.equals(SCSV)) {
                suites.add(CipherSuite.fromName(s));
            }
        }
        // Only versions with an enabled suite: SunJSSE likewise drops a protocol it has no suite for.
        versions.removeIf(v -> suites.stream().noneMatch(s -> s.isTls13() == (v == TlsVersion.TLS_1_3)));
        if (versions.isEmpty() || suites.isEmpty()) {
            throw new IllegalArgumentException("no enabled protocol has an enabled cipher suite (protocols "
                    + Arrays.toString(enabledProtocols) + ", suites " + Arrays.toString(enabledSuites) + ")");
        }
        b.versions(versions).cipherSuites(suites).random(settings.random);
        if (namedGroups != null && !namedGroups.isEmpty()) {
            b.groups(namedGroups);
        }
        if (signatureSchemes != null && !signatureSchemes.isEmpty()) {
            b.signatureSchemes(signatureSchemes);
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------ output

    /** Moves what the engine wrote into {@link #pendingOut}. */
    private void collectOutbound() {
        if (tls == null) {
            return;
        }
        ByteBuf out = tls.takeOutbound();
        if (out == null) {
            return;
        }
        if (pendingOut == null || !pendingOut.isReadable()) {
            if (pendingOut != null) {
                pendingOut.release();
            }
            pendingOut = out;
            return;
        }
        ByteBuf joined = alloc.heapBuffer(pendingOut.readableBytes() + out.readableBytes());
        joined.writeBytes(pendingOut).writeBytes(out);
        pendingOut.release();
        out.release();
        pendingOut = joined;
    }

    /** Copies as many whole records as fit; returns the bytes copied (0: not even the next record fits). */
    private static int copyRecords(ByteBuf from, ByteBuffer dst) {
        int copied = 0;
        while (from.readableBytes() >= RECORD_HEADER) {
            int size = RECORD_HEADER + from.getUnsignedShort(from.readerIndex() + 3);
            if (size > dst.remaining()) {
                break;
            }
            ByteBuffer target = dst.duplicate();
            target.limit(target.position() + size);
            from.readBytes(target);
            dst.position(dst.position() + size);
            copied += size;
        }
        return copied;
    }

    private void releaseIfDrained() {
        if (pendingOut != null && !pendingOut.isReadable()) {
            pendingOut.release();
            pendingOut = null;
        }
    }

    /** After the engine failed: keep its alert for the next wrap, free the rest, and name the failure. */
    private SSLException failure(TlsAlertException e) {
        collectOutbound();
        if (pendingPlain != null) {
            pendingPlain.release();
            pendingPlain = null;
        }
        boolean handshaking = tls == null || !tls.isHandshakeComplete();
        String message = (e.origin() == TlsAlertException.Origin.PEER ? "the peer sent alert " : "alert ")
                + e.alert() + ": " + e.getMessage();
        SSLException ex = handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        ex.initCause(e);
        return ex;
    }

    // ------------------------------------------------------------------------------------------ closure

    @Override
    public synchronized void closeInbound() throws SSLException {
        if (isInboundDone()) {
            return;
        }
        boolean started = phase != Phase.NEW;
        inboundClosedByUs = true;
        if (pendingPlain != null) {
            pendingPlain.release();
            pendingPlain = null;
        }
        if (started) {
            closeOutbound();
            throw new SSLException("inbound closed before the peer's close_notify: the data may be truncated");
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        if (inboundClosedByUs || failedBeforeEngine) {
            return true;
        }
        return tls != null && (tls.isInboundClosed() || tls.failure() != null);
    }

    @Override
    public synchronized void closeOutbound() {
        if (tls == null) {
            outboundClosedEarly = true; // nothing was sent yet, so there is nothing to close politely
            if (helloRecords != null && !taskOut) {
                helloRecords.release();
                helloRecords = null;
            }
            return;
        }
        tls.closeOutbound();
        collectOutbound();
    }

    @Override
    public synchronized boolean isOutboundDone() {
        if (pendingOut != null && pendingOut.isReadable()) {
            return false;
        }
        if (tls == null) {
            return outboundClosedEarly || failedBeforeEngine;
        }
        return tls.isOutboundClosed() || tls.failure() != null;
    }

    // ------------------------------------------------------------------------------------------ sessions

    @Override
    public synchronized SSLSession getSession() {
        if (session == null && tls != null && tls.isHandshakeComplete()) {
            session = negotiatedSession(tls.session());
        }
        if (session != null) {
            session.accessed();
            return session;
        }
        return new ReactlsSession(EMPTY_ID, sessionContext(), getPeerHost(), getPeerPort(), "NONE",
                "SSL_NULL_WITH_NULL_NULL", List.of(), List.of(), List.of(), List.of());
    }

    private ReactlsSession handshakeSession;

    @Override
    public synchronized SSLSession getHandshakeSession() {
        if (phase == Phase.NEW || (tls != null && tls.isHandshakeComplete()) || isOutboundDone()) {
            return null;
        }
        if (handshakeSession == null) {
            handshakeSession = new ReactlsSession(EMPTY_ID, sessionContext(), getPeerHost(), getPeerPort(), "NONE",
                    "SSL_NULL_WITH_NULL_NULL", handshakePeerChain,
                    localKey == null ? List.of() : localKey.chain(), requestedServerNames(null),
                    signatureSchemes != null ? signatureSchemes : TlsConfig.DEFAULT_SIGNATURE_SCHEMES);
        }
        return handshakeSession;
    }

    private void handshakeSessionChanged() {
        handshakeSession = null;
    }

    private ReactlsSession negotiatedSession(TlsSession s) {
        byte[] id = new byte[32];
        settings.random.nextBytes(id);
        return new ReactlsSession(id, sessionContext(), getPeerHost(), getPeerPort(), s.protocol(), s.cipherSuite().name(),
                s.peerCertificates(), localKey == null ? List.of() : localKey.chain(), requestedServerNames(s),
                signatureSchemes != null ? signatureSchemes : TlsConfig.DEFAULT_SIGNATURE_SCHEMES);
    }

    /** Client: the name it sent. Server: the name the client asked for. */
    private List<SNIServerName> requestedServerNames(TlsSession s) {
        String name;
        if (clientMode) {
            name = sniHost();
        } else {
            name = s != null && s.serverName() != null ? s.serverName() : hello != null ? hello.serverName() : null;
        }
        if (name == null) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(name));
        } catch (IllegalArgumentException notAHostName) {
            return List.of();
        }
    }

    private ReactlsSessionContext sessionContext() {
        return clientMode ? settings.clientSessions : settings.serverSessions;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        if (tls == null || !tls.isHandshakeComplete()) {
            return null;
        }
        String p = tls.session().applicationProtocol();
        return p == null ? "" : p;
    }

    @Override
    public synchronized String getHandshakeApplicationProtocol() {
        if (tls != null && tls.isHandshakeComplete()) {
            return null; // not handshaking
        }
        return clientMode ? null : handshakeAlpn;
    }

    @Override
    public synchronized void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        this.alpnSelector = selector;
    }

    @Override
    public synchronized BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return alpnSelector;
    }

    // ------------------------------------------------------------------------------------------ configuration

    @Override
    public String[] getSupportedCipherSuites() {
        List<String> names = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            names.add(s.name());
        }
        names.add(SCSV);
        return names.toArray(String[]::new);
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return enabledSuites.clone();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        Objects.requireNonNull(suites, "suites");
        List<String> supported = List.of(getSupportedCipherSuites());
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String s : suites) {
            if (s == null || !supported.contains(s)) {
                throw new IllegalArgumentException("unsupported cipher suite: " + s);
            }
            names.add(s);
        }
        enabledSuites = names.toArray(String[]::new);
    }

    @Override
    public String[] getSupportedProtocols() {
        return SUPPORTED_PROTOCOLS.clone();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return enabledProtocols.clone();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        Objects.requireNonNull(protocols, "protocols");
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String p : protocols) {
            if (!List.of(SUPPORTED_PROTOCOLS).contains(p)) {
                throw new IllegalArgumentException("unsupported protocol: " + p + " (reactls speaks TLSv1.3 and TLSv1.2)");
            }
            names.add(p);
        }
        enabledProtocols = names.toArray(String[]::new);
    }

    @Override
    public synchronized void setUseClientMode(boolean mode) {
        if (phase != Phase.NEW) {
            throw new IllegalArgumentException("the mode cannot change once the handshake has begun");
        }
        clientMode = mode;
        modeSet = true;
    }

    @Override
    public synchronized boolean getUseClientMode() {
        return clientMode;
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        needClientAuth = need;
        wantClientAuth = false;
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return needClientAuth;
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        wantClientAuth = want;
        needClientAuth = false;
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return wantClientAuth;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }

    @Override
    public synchronized SSLParameters getSSLParameters() {
        SSLParameters p = new SSLParameters(enabledSuites.clone(), enabledProtocols.clone());
        if (needClientAuth) {
            p.setNeedClientAuth(true);
        } else if (wantClientAuth) {
            p.setWantClientAuth(true);
        }
        p.setEndpointIdentificationAlgorithm(endpointIdentification);
        if (serverNames != null) {
            p.setServerNames(serverNames);
        } else if (clientMode && sniHost() != null) {
            p.setServerNames(List.of(new SNIHostName(sniHost())));
        }
        if (sniMatchers != null) {
            p.setSNIMatchers(sniMatchers);
        }
        p.setApplicationProtocols(applicationProtocols.clone());
        p.setMaximumPacketSize(maximumPacketSize);
        p.setAlgorithmConstraints(algorithmConstraints);
        p.setUseCipherSuitesOrder(useCipherSuitesOrder);
        NewerSslParameters.setNamedGroups(p, namedGroups != null ? namedGroups : TlsConfig.DEFAULT_GROUPS);
        NewerSslParameters.setSignatureSchemes(p, signatureSchemes != null ? signatureSchemes : TlsConfig.DEFAULT_SIGNATURE_SCHEMES);
        return p;
    }

    /** As the {@link SSLEngine#setSSLParameters} javadoc says: null suites and protocols keep the current ones. */
    @Override
    public synchronized void setSSLParameters(SSLParameters p) {
        if (p.getCipherSuites() != null) {
            setEnabledCipherSuites(p.getCipherSuites());
        }
        if (p.getProtocols() != null) {
            setEnabledProtocols(p.getProtocols());
        }
        if (p.getNeedClientAuth()) {
            setNeedClientAuth(true);
        } else {
            setWantClientAuth(p.getWantClientAuth());
        }
        endpointIdentification = p.getEndpointIdentificationAlgorithm();
        if (p.getServerNames() != null) {
            serverNames = List.copyOf(p.getServerNames());
        }
        if (p.getSNIMatchers() != null) {
            sniMatchers = List.copyOf(p.getSNIMatchers());
        }
        String[] alpn = p.getApplicationProtocols();
        applicationProtocols = alpn == null ? new String[0] : alpn.clone();
        maximumPacketSize = p.getMaximumPacketSize();
        algorithmConstraints = p.getAlgorithmConstraints();
        useCipherSuitesOrder = p.getUseCipherSuitesOrder();
        List<NamedGroup> groups = NewerSslParameters.namedGroups(p);
        if (groups != null) {
            namedGroups = groups;
        }
        List<SignatureScheme> schemes = NewerSslParameters.signatureSchemes(p);
        if (schemes != null) {
            signatureSchemes = schemes;
        }
    }

    /**
     * reactls's own way to set the key-exchange groups on any JDK ({@code SSLParameters.setNamedGroups} exists from JDK
     * 20 on and is honoured too): names as in {@code --groups}, e.g. {@code x25519}, {@code secp256r1},
     * {@code X25519MLKEM768}.
     *
     * @param groups the groups, preferred first
     */
    public synchronized void setNamedGroups(String... groups) {
        List<NamedGroup> list = new ArrayList<>();
        for (String g : groups) {
            list.add(NamedGroup.fromName(g));
        }
        namedGroups = List.copyOf(list);
    }

    @Override
    public String toString() {
        return "ReactlsSSLEngine[" + (clientMode ? "client" : "server") + " " + getPeerHost() + ":" + getPeerPort() + "]";
    }

    private static int remaining(ByteBuffer[] buffers, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += buffers[i].remaining();
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }
}
