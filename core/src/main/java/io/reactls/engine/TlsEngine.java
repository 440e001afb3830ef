package io.reactls.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeContext;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.HandshakeStep;
import io.reactls.handshake.KeyingMaterialExporter;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.handshake.Transcript;
import io.reactls.handshake.client.ClientEntry;
import io.reactls.handshake.server.ExpectClientHello;
import io.reactls.handshake.HandshakeState;
import io.reactls.PendingOperation;
import io.reactls.handshake.Suspended;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.PlaintextProtection;
import io.reactls.record.RecordDeframer;
import io.reactls.record.RecordFragmenter;
import io.reactls.record.RecordProtection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A TLS connection without I/O: ciphertext in, ciphertext out, plaintext in and out, handshake events out. No
 * threads, sockets or blocking; randomness and time come from the {@link TlsConfig}. Not thread-safe: one caller
 * at a time (an event loop or a serialized Reactor operator).
 *
 * <p>Buffers passed in are owned by the engine from then on; buffers taken out are owned by the caller. After a
 * fatal alert (ours or the peer's) the engine is failed: it queues nothing but our alert, and every later call
 * rethrows the failure.
 */
public final class TlsEngine {

    private static final int MAX_CONSECUTIVE_WARNINGS = 8;
    /**
     * Rejected 0-RTT ciphertext we skip before calling it an attack (RFC 8446 §4.2.10 bounds it by max_early_data_size):
     * at least this much, as a client may hold a ticket from a server of the fleet configured otherwise.
     */
    static final int MAX_SKIPPED_EARLY_DATA = 1 << 16;

    private final TlsConfig config;
    private final String serverName;
    private final int serverPort;
    private final ByteBufAllocator alloc;
    private final RecordDeframer deframer = new RecordDeframer();
    private final HandshakeReassembler handshake = new HandshakeReassembler();
    /** The handshake messages; null once the handshake is over (nothing after it needs them). */
    private Transcript transcript = new Transcript();
    private final ArrayDeque<ByteBuf> plaintextIn = new ArrayDeque<>(4);
    /** Application data queued before the handshake completed; null once it is over. */
    private ArrayDeque<ByteBuf> earlyWrites = new ArrayDeque<>(2);
    /** Events not yet taken; null when there are none, so an idle connection holds no list. */
    private List<HandshakeEvent> events;
    /** The kinds of pending operation the driver does; the engine does the others itself. */
    private final EnumSet<PendingOperation.Kind> handedOut = EnumSet.noneOf(PendingOperation.Kind.class);
    private boolean revocationByDriver;
    /** What the in-place staple check learned about a chain whose check was then handed out (JSSE), for its event. */
    private byte[] localRevocationNote;

    private RecordProtection readProtection = new PlaintextProtection();
    private RecordProtection writeProtection = new PlaintextProtection();
    private final Context ctx = new Context();
    /** Made once: a method reference per {@link #receive} was the engine's own per-record garbage. */
    private final Runnable processRecords = this::processRecords;
    private HandshakeState state;
    private ByteBuf outbound;
    private ByteBuf flight;
    private TlsSession session;
    private KeyingMaterialExporter exporter;
    private TlsAlertException failure;
    private TlsVersion version;
    private boolean started;
    private boolean inboundClosed;
    private boolean outboundClosed;
    private boolean released;
    /** Application data records are sealed into direct buffers where that costs no extra copy ({@link #directOutbound}). */
    private boolean directOutbound;
    private int consecutiveWarnings;
    private boolean skippingEarlyData;
    /** RFC 8446 §5: the one compatibility ChangeCipherSpec a TLS 1.3 peer may send has arrived. */
    private boolean compatibilityChangeCipherSpecSeen;
    private int skippedEarlyData;
    /** Server: 0-RTT plaintext received (counted against max_early_data_size). */
    private long earlyDataReceived;
    /** Client: what the application asked to send as 0-RTT data, until the server accepted it or it was resent. */
    private ByteBuf earlyData;
    private int earlyDataLength;
    /** RFC 8449: content bytes per protected record the peer accepts, and that we accept from it. */
    private int sendContentLimit = RecordProtection.MAX_PLAINTEXT;
    private int receiveContentLimit = RecordProtection.MAX_PLAINTEXT;

    private TlsEngine(TlsConfig config, String serverName, int serverPort, ByteBufAllocator alloc) {
        this.config = config;
        this.serverName = serverName;
        this.serverPort = serverPort;
        this.alloc = alloc;
    }

    /** A client that will verify the server's certificate against {@code serverName} (null: no SNI, no hostname check). */
    public static TlsEngine client(TlsConfig config, String serverName, ByteBufAllocator alloc) {
        return client(config, serverName, -1, alloc);
    }

    /**
     * A client for {@code serverName} at {@code serverPort}: name and port key the session caches (TLS 1.2 session
     * ids, TLS 1.2 and 1.3 tickets), when the config has them.
     */
    public static TlsEngine client(TlsConfig config, String serverName, int serverPort, ByteBufAllocator alloc) {
        if (!config.isClient()) {
            throw new IllegalArgumentException("a client engine needs a client config");
        }
        return new TlsEngine(config, serverName, serverPort, alloc);
    }

    public static TlsEngine server(TlsConfig config, ByteBufAllocator alloc) {
        if (config.isClient()) {
            throw new IllegalArgumentException("a server engine needs a server config");
        }
        return new TlsEngine(config, null, -1, alloc);
    }

    public boolean isClient() {
        return config.isClient();
    }

    /** Starts the handshake: the client queues its ClientHello, the server waits for one. Idempotent. */
    public void beginHandshake() {
        checkUsable();
        if (started) {
            return;
        }
        started = true;
        run(() -> enter(config.isClient() ? ClientEntry.start(ctx) : new ExpectClientHello()));
    }

    /** Feeds ciphertext from the peer; the engine owns {@code ciphertext} from now on. */
    public void receive(ByteBuf ciphertext) {
        if (failure != null || released) {
            ciphertext.release();
            checkUsable();
        }
        if (inboundClosed) {
            ciphertext.release(); // nothing after close_notify is read
            return;
        }
        beginHandshake();
        deframer.feed(ciphertext);
        run(processRecords);
    }

    /**
     * The operation the handshake waits for, or null. While one is pending the engine processes nothing more: what
     * the peer sends is buffered, unread, and the flight in progress is held back; complete the operation with
     * {@link #completeSignature}, {@link #completeDecryption}, {@link #completeCertificateCheck} or
     * {@link #failPendingOperation}, then collect output as after {@link #receive}.
     */
    public PendingOperation pendingOperation() {
        return state instanceof Suspended s && failure == null && !released ? s.operation() : null;
    }

    /**
     * Hands every operation of {@code kinds} out to the caller (see {@link #pendingOperation}) instead of doing it in
     * place; a driver that runs slow work elsewhere (a remote key, an SSLEngine's delegated tasks) says so before
     * the handshake starts. Kinds not listed are done by the engine, with the config's key and verifier.
     *
     * @throws IllegalStateException once the handshake has started
     */
    public TlsEngine handOut(Set<PendingOperation.Kind> kinds) {
        if (started) {
            throw new IllegalStateException("the operations handed out are chosen before the handshake starts");
        }
        handedOut.clear();
        handedOut.addAll(kinds);
        return this;
    }

    /**
     * Says that the driver checks revocation itself when it completes a handed-out certificate check (it has a
     * {@link io.reactls.RevocationChecker}); otherwise the engine checks the staple alone, in place, whenever the
     * config's revocation policy is not OFF.
     *
     * @throws IllegalStateException once the handshake has started
     */
    public TlsEngine revocationCheckedByDriver(boolean byDriver) {
        if (started) {
            throw new IllegalStateException("who checks revocation is chosen before the handshake starts");
        }
        revocationByDriver = byDriver;
        return this;
    }

    /** Whether the caller does operations of {@code kind} (a key without its private part can then still serve). */
    public boolean handsOut(PendingOperation.Kind kind) {
        return handedOut.contains(kind);
    }

    /**
     * Does the pending operation here, as if it had not been handed out: signs or decrypts with the config's private
     * key (an internal_error when it has none), accepts a chain (the config's verifier has passed it already). For a
     * driver that has no better way for this one.
     */
    public void completeLocally() {
        Suspended s = suspended(PendingOperation.class);
        run(() -> {
            enter(s.resume(ctx, LocalOperations.perform(config, s.operation())));
            continueHandshake();
        });
    }

    /**
     * Client, before the handshake starts: {@code data} is the first thing to send, as TLS 1.3 0-RTT data when the
     * session cache holds a ticket for this server that allows that much (RFC 8446 §2.3), otherwise — or when the
     * server refuses it — as ordinary application data right after the handshake, ahead of anything {@link #send}
     * queued. Either way it reaches the application at most once; but 0-RTT data can be replayed by an attacker to
     * the server (§8), so hand over only what is safe to act on twice (e.g. an idempotent request).
     * {@link TlsSession#earlyData()} says what happened. The engine owns {@code data}.
     *
     * @throws IllegalStateException on a server, after the handshake started, or when called twice
     */
    public void sendEarlyData(ByteBuf data) {
        if (!config.isClient() || started || earlyData != null) {
            data.release();
            throw new IllegalStateException(!config.isClient() ? "only a client sends early data"
                    : started ? "early data is handed over before the handshake starts" : "early data was already given");
        }
        checkUsable();
        earlyData = data;
        earlyDataLength = data.readableBytes();
    }

    /** Resumes a pending {@link PendingOperation.SessionLookup} with the encoded session, or null when the store has none. */
    public void completeSessionLookup(byte[] encodedSession) {
        resumePending(PendingOperation.SessionLookup.class, encodedSession);
    }

    /** Resumes a pending {@link PendingOperation.SessionSave}: the session is stored. */
    public void completeSessionSave() {
        resumePending(PendingOperation.SessionSave.class, Suspended.STORE_OK);
    }

    /** Resumes a pending {@link PendingOperation.ReplayCheck}: true when the key was new (0-RTT may be accepted). */
    public void completeReplayCheck(boolean firstUse) {
        resumePending(PendingOperation.ReplayCheck.class, firstUse ? Suspended.STORE_OK : null);
    }

    /** Resumes a pending {@link PendingOperation.SignRequest} with the signature. */
    public void completeSignature(byte[] signature) {
        resumePending(PendingOperation.SignRequest.class, java.util.Objects.requireNonNull(signature, "signature"));
    }

    /**
     * Resumes a pending {@link PendingOperation.RsaDecryptRequest} with the raw PKCS#1 v1.5 plaintext, whatever it is:
     * a wrong length or version is answered with a random pre-master secret (RFC 5246 §7.4.7.1).
     */
    public void completeDecryption(byte[] plaintext) {
        resumePending(PendingOperation.RsaDecryptRequest.class, plaintext);
    }

    /** Resumes a pending {@link PendingOperation.CertificateCheck}: the chain is accepted. */
    public void completeCertificateCheck() {
        completeCertificateCheck(null);
    }

    /**
     * Resumes a pending {@link PendingOperation.CertificateCheck}: the chain is accepted, and {@code revocationNote}
     * (what revocation checking learned, or null) becomes a step ③ event.
     */
    public void completeCertificateCheck(String revocationNote) {
        byte[] note = revocationNote != null ? revocationNote.getBytes(java.nio.charset.StandardCharsets.UTF_8) : localRevocationNote;
        localRevocationNote = null;
        resumePending(PendingOperation.CertificateCheck.class, note);
    }

    /**
     * The pending operation failed: a signature fails the handshake with internal_error, a certificate check with
     * the alert {@code cause} names (bad_certificate otherwise), and an RSA decryption continues with a random
     * pre-master secret, so the handshake fails at Finished exactly as for a bad ciphertext.
     */
    public void failPendingOperation(Throwable cause) {
        Suspended s = suspended(PendingOperation.class);
        run(() -> {
            enter(s.fail(ctx, java.util.Objects.requireNonNull(cause, "cause")));
            continueHandshake();
        });
    }

    private void resumePending(Class<? extends PendingOperation> kind, byte[] result) {
        Suspended s = suspended(kind);
        run(() -> {
            enter(s.resume(ctx, result));
            continueHandshake();
        });
    }

    private Suspended suspended(Class<? extends PendingOperation> kind) {
        checkUsable();
        if (!(state instanceof Suspended s) || !kind.isInstance(s.operation())) {
            throw new IllegalStateException("no pending " + kind.getSimpleName() + " (pending: " + pendingOperation() + ")");
        }
        return s;
    }

    /** After a pending operation: the messages already reassembled first, then the records still buffered. */
    private void continueHandshake() {
        drainHandshakeMessages();
        processRecords();
    }

    /**
     * Moves to {@code next}. A state that suspended on an operation the driver does not take over is completed here
     * at once (and so is any it leads to); a peer chain passes the config's verifier first in any case.
     */
    private void enter(HandshakeState next) {
        state = next;
        while (state instanceof Suspended s) {
            PendingOperation op = s.operation();
            boolean handed = handedOut.contains(op.kind());
            byte[] checked = null;
            if (op instanceof PendingOperation.CertificateCheck check) {
                checked = LocalOperations.verify(config, check, config.clock().instant(), !revocationByDriver);
            }
            if (handed) {
                localRevocationNote = checked;
                return;
            }
            state = s.resume(ctx, op instanceof PendingOperation.CertificateCheck ? checked : LocalOperations.perform(config, op));
        }
        if (transcript != null && session != null && state != null && state.isTraffic()) {
            dropHandshakeState();
        }
    }

    /**
     * The handshake is over: what only it needed goes, so an idle connection holds its keys, its session and little
     * else. The traffic state keeps what KeyUpdate needs (the traffic secrets), the exporter its own secret, a client
     * its tickets; nothing after the handshake reads the transcript (no renegotiation, no post-handshake
     * authentication), and application data no longer waits for it.
     */
    private void dropHandshakeState() {
        transcript = null;
        earlyWrites = null; // drained by complete(), which runs before the traffic state is entered
        handshake.trim();
    }

    /** Tests only (package-private): whether the engine still holds the handshake transcript. */
    boolean holdsTranscript() {
        return transcript != null;
    }

    private boolean isSuspended() {
        return state instanceof Suspended;
    }

    /** Queues application data; before the handshake completes it waits. The engine owns {@code plaintext}. */
    public void send(ByteBuf plaintext) {
        if (outboundClosed && inboundClosed && failure == null && !released) {
            plaintext.release(); // TLS 1.2: after the peer's close_notify, pending writes are discarded (RFC 5246 §7.2.1)
            return;
        }
        if (failure != null || released || outboundClosed) {
            plaintext.release();
            checkUsable();
            throw new IllegalStateException("TLS connection is closed for writing");
        }
        if (session == null) {
            earlyWrites.add(plaintext);
            return;
        }
        try {
            writeApplicationData(plaintext);
        } finally {
            plaintext.release();
        }
    }

    /**
     * TLS 1.3: sends KeyUpdate with update_requested, so both directions move to fresh keys (RFC 8446 §4.6.3).
     *
     * @throws IllegalStateException before the handshake completed, on a TLS 1.2 connection or after close_notify;
     *         the connection is unharmed (a caller's mistake is not the peer's, so no alert is sent)
     */
    public void requestKeyUpdate() {
        checkUsable();
        if (session == null) {
            throw new IllegalStateException("the handshake has not completed");
        }
        if (version != TlsVersion.TLS_1_3) {
            throw new IllegalStateException("KeyUpdate exists only in TLS 1.3; this connection negotiated " + version);
        }
        if (outboundClosed) {
            throw new IllegalStateException("TLS connection is closed for writing");
        }
        run(() -> state = state.requestKeyUpdate(ctx));
    }

    /** Queues close_notify; nothing may be sent after it. */
    public void closeOutbound() {
        if (outboundClosed || failure != null || released) {
            return;
        }
        outboundClosed = true;
        writeAlert(1, AlertDescription.CLOSE_NOTIFY);
    }

    /**
     * For a transport that writes from direct memory (a Netty socket channel copies every heap buffer written into a
     * direct one first): application data is then sealed into direct buffers, except where sealing into a heap
     * buffer saves a copy (TLS 1.2 AEAD from a heap buffer, straight from its array into the record's), so each
     * record is copied no more often and Netty's per-record direct buffer and copy are gone. Off by default.
     *
     * @param direct whether the transport writes from direct memory
     * @return this engine
     */
    public TlsEngine directOutbound(boolean direct) {
        this.directOutbound = direct;
        return this;
    }

    /** Ciphertext to send to the peer, or null when there is none. The caller owns it. */
    public ByteBuf takeOutbound() {
        ByteBuf out = outbound;
        outbound = null;
        return out;
    }

    /** The next verified plaintext, or null. The caller owns it. */
    public ByteBuf takePlaintext() {
        return plaintextIn.poll();
    }

    /**
     * The events since the last call, oldest first, and forgets them: the engine keeps no event history, so a driver
     * delivers them (or keeps them, when someone asked for that) itself.
     */
    public List<HandshakeEvent> takeEvents() {
        List<HandshakeEvent> out = events;
        if (out == null) {
            return List.of();
        }
        events = null;
        return java.util.Collections.unmodifiableList(out);
    }

    public boolean isHandshakeComplete() {
        return session != null;
    }

    /** The negotiated session, or null before the handshake completes. */
    public TlsSession session() {
        return session;
    }

    /**
     * Keying material bound to this connection (RFC 5705 / RFC 8446 §7.5), once the handshake is complete. TLS 1.2
     * exports only with the extended master secret.
     *
     * @param context null for no context (TLS 1.3 treats it as empty; TLS 1.2 distinguishes the two)
     * @throws IllegalStateException before the handshake completes, or for TLS 1.2 without extended master secret
     */
    public byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        checkUsable();
        if (session == null || exporter == null) {
            throw new IllegalStateException("keying material can be exported only after the handshake completed");
        }
        if (length < 1 || length > 0xFFFF) {
            throw new IllegalArgumentException("exporter length must be 1..65535, got " + length);
        }
        return exporter.export(java.util.Objects.requireNonNull(label, "label"), context, length);
    }

    /** The peer sent close_notify. */
    public boolean isInboundClosed() {
        return inboundClosed;
    }

    public boolean isOutboundClosed() {
        return outboundClosed;
    }

    /** The fatal alert that ended this connection, or null. */
    public TlsAlertException failure() {
        return failure;
    }

    /** Closed both ways, or failed. */
    public boolean isClosed() {
        return failure != null || released || (inboundClosed && outboundClosed);
    }

    /** Frees every buffer the engine still holds. Safe to call more than once. */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        deframer.release();
        releaseAll(plaintextIn);
        releaseAll(earlyWrites);
        releaseEarlyData();
        if (outbound != null) {
            outbound.release();
            outbound = null;
        }
        if (flight != null) {
            flight.release();
            flight = null;
        }
    }

    // ---------------------------------------------------------------- record processing

    private void processRecords() {
        OpaqueRecord record;
        while (!inboundClosed && failure == null && !isSuspended() && (record = deframer.poll()) != null) {
            if (version == TlsVersion.TLS_1_3 && record.type() == ContentType.CHANGE_CIPHER_SPEC) {
                try {
                    onCompatibilityChangeCipherSpec(record.fragment());
                } finally {
                    record.fragment().release();
                }
                continue;
            }
            readProtection.limitInnerPlaintext(receiveContentLimit + 1); // RFC 8449 §4: the type byte and padding count too
            PlainRecord plain;
            if (plaintextAlertAllowed(record)) {
                plain = new PlainRecord(ContentType.ALERT, record.fragment());
            } else if (skippingEarlyData && record.type() == ContentType.APPLICATION_DATA) {
                plain = openOrSkipEarlyData(record);
                if (plain == null) {
                    continue;
                }
            } else {
                plain = readProtection.open(record);
            }
            ByteBuf fragment = plain.fragment();
            if (fragment.readableBytes() > receiveContentLimit && readProtection.isProtected()) {
                fragment.release();
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW, "protected " + plain.type() + " record of "
                        + fragment.readableBytes() + " bytes exceeds our record_size_limit (" + receiveContentLimit + " bytes of content)");
            }
            try {
                if (plain.type() != ContentType.HANDSHAKE && version == TlsVersion.TLS_1_3 && handshake.hasPartial()
                        && !isFatalAlert(plain.type(), fragment)) {
                    throw TlsAlertException.unexpectedMessage(plain.type() + " record in the middle of a handshake message (RFC 8446 §5.1)");
                }
                switch (plain.type()) {
                    case HANDSHAKE -> onHandshake(fragment);
                    case CHANGE_CIPHER_SPEC -> onChangeCipherSpec(fragment);
                    case ALERT -> onAlert(fragment);
                    case APPLICATION_DATA -> {
                        onApplicationData(fragment);
                        fragment = null; // handed to plaintextIn or released there
                    }
                }
            } finally {
                if (fragment != null) {
                    fragment.release();
                }
            }
        }
    }

    /** A peer that gives up in the middle of a handshake message is heard: its fatal alert is what it has to say. */
    private static boolean isFatalAlert(ContentType type, ByteBuf fragment) {
        return type == ContentType.ALERT && fragment.readableBytes() == 2 && fragment.getByte(fragment.readerIndex()) == 2;
    }

    /**
     * A TLS 1.3 server reads with the client's handshake keys as soon as it has sent its flight, but a client that
     * rejects our ServerHello has no keys and can only alert in the clear. Until the first protected record from the
     * client arrives, take its plaintext alert (as OpenSSL does) rather than hide the client's reason behind our own
     * unexpected_message. Anyone on the path could end the connection anyway.
     */
    private boolean plaintextAlertAllowed(OpaqueRecord record) {
        return record.type() == ContentType.ALERT && !config.isClient() && version == TlsVersion.TLS_1_3 && session == null
                && readProtection.isProtected() && readProtection.hasOpenedNothing();
    }

    /**
     * RFC 8446 §4.2.10: a record we cannot open while the client may still be sending rejected 0-RTT data is that
     * data (under plaintext read keys: anything encrypted is); the first one that opens ends the skipping.
     */
    private PlainRecord openOrSkipEarlyData(OpaqueRecord record) {
        int size = record.fragment().readableBytes();
        PlainRecord plain = readProtection.tryOpen(record);
        if (plain != null) {
            skippingEarlyData = false;
            return plain;
        }
        skippedEarlyData += size;
        // Ciphertext of max_early_data_size plaintext: at most 256 bytes of overhead per 2^14-byte record.
        long bound = Math.max(MAX_SKIPPED_EARLY_DATA, config.maxEarlyData() + 256L * (config.maxEarlyData() / 16384 + 1));
        if (skippedEarlyData > bound) {
            throw TlsAlertException.unexpectedMessage("more than " + bound
                    + " bytes of undecryptable records after rejecting 0-RTT data");
        }
        return null;
    }

    private void onHandshake(ByteBuf fragment) {
        consecutiveWarnings = 0;
        if (!fragment.isReadable()) {
            throw TlsAlertException.decodeError("zero-length handshake record");
        }
        handshake.add(fragment);
        drainHandshakeMessages();
    }

    /** Runs complete messages through the states; stops at a suspension, leaving the rest of the flight reassembled. */
    private void drainHandshakeMessages() {
        HandshakeReassembler.Message m;
        while (!isSuspended() && (m = handshake.poll()) != null) {
            enter(state.handle(ctx, m));
        }
        if (transcript == null) {
            handshake.trim(); // a post-handshake message (KeyUpdate, ticket) is rare: hold no buffer between them
        }
    }

    private void onChangeCipherSpec(ByteBuf fragment) {
        consecutiveWarnings = 0;
        if (fragment.readableBytes() != 1 || fragment.getByte(fragment.readerIndex()) != 1) {
            // OpenSSL (and BoringSSL) send unexpected_message here, not decode_error: the record is not a ChangeCipherSpec.
            throw TlsAlertException.unexpectedMessage("ChangeCipherSpec must be the single byte 1");
        }
        if (handshake.hasPartial()) {
            throw TlsAlertException.unexpectedMessage("ChangeCipherSpec in the middle of a handshake message");
        }
        enter(state.handleChangeCipherSpec(ctx));
    }

    /**
     * RFC 8446 §5: one plaintext ChangeCipherSpec of 0x01 is dropped between the hellos and the peer's Finished; a
     * second one, one after the handshake or one splitting a handshake message (§5.1) is fatal.
     */
    private void onCompatibilityChangeCipherSpec(ByteBuf fragment) {
        if (session != null) {
            throw TlsAlertException.unexpectedMessage("ChangeCipherSpec after the TLS 1.3 handshake completed");
        }
        if (fragment.readableBytes() != 1 || fragment.getByte(fragment.readerIndex()) != 1) {
            throw TlsAlertException.unexpectedMessage("TLS 1.3 ChangeCipherSpec must be the single byte 1");
        }
        if (compatibilityChangeCipherSpecSeen) {
            throw TlsAlertException.unexpectedMessage("a second ChangeCipherSpec in a TLS 1.3 handshake");
        }
        if (handshake.hasPartial()) {
            throw TlsAlertException.unexpectedMessage("ChangeCipherSpec in the middle of a handshake message (RFC 8446 §5.1)");
        }
        compatibilityChangeCipherSpecSeen = true;
    }

    private void onAlert(ByteBuf fragment) {
        if (fragment.readableBytes() != 2) {
            throw TlsAlertException.decodeError("alert record of " + fragment.readableBytes() + " bytes (must be 2)");
        }
        int level = fragment.readUnsignedByte();
        int code = fragment.readUnsignedByte();
        AlertDescription description = AlertDescription.fromCode(code);
        if (description == AlertDescription.CLOSE_NOTIFY) {
            inboundClosed = true;
            if (version != TlsVersion.TLS_1_3) {
                closeOutbound(); // RFC 5246 §7.2.1: answer with our own close_notify; TLS 1.3 allows half-close
            }
            return;
        }
        boolean tls13Warning = version == TlsVersion.TLS_1_3 && description == AlertDescription.USER_CANCELED;
        if (!tls13Warning && (level == 2 || description == null || level != 1 || version == TlsVersion.TLS_1_3)) {
            // TLS 1.3 (RFC 8446 §6.2): every alert but close_notify and user_canceled ends the connection.
            TlsAlertException peer = description == null ? TlsAlertException.unknownFromPeer(code, level)
                    : new TlsAlertException(description, TlsAlertException.Origin.PEER, "the peer ended the connection", null);
            failure = peer;
            throw peer;
        }
        if (++consecutiveWarnings > MAX_CONSECUTIVE_WARNINGS) {
            throw TlsAlertException.unexpectedMessage("too many warning alerts in a row");
        }
    }

    private void onApplicationData(ByteBuf fragment) {
        if (state != null && state.acceptsEarlyData()) {
            earlyDataReceived += fragment.readableBytes();
            if (earlyDataReceived > config.maxEarlyData()) {
                throw TlsAlertException.unexpectedMessage("more than max_early_data_size (" + config.maxEarlyData()
                        + " bytes) of 0-RTT data (RFC 8446 §4.2.10)");
            }
        } else if (state == null || !state.isTraffic()) {
            // processRecords' finally releases the fragment: releasing it here too made this an internal_error.
            throw TlsAlertException.unexpectedMessage("application data before the handshake completed");
        }
        consecutiveWarnings = 0;
        if (fragment.isReadable()) {
            plaintextIn.add(fragment);
        } else {
            fragment.release();
        }
    }

    // ---------------------------------------------------------------- failure handling

    private void run(Runnable step) {
        try {
            step.run();
            if (!isSuspended()) {
                flushFlight(); // a suspended flight waits for its missing message, to leave as it would have at once
            }
        } catch (TlsAlertException e) {
            fail(e);
            throw e;
        } catch (RuntimeException e) {
            TlsAlertException internal = TlsAlertException.internalError("internal error: " + e, e);
            fail(internal);
            throw internal;
        }
    }

    private void fail(TlsAlertException e) {
        if (failure != null && failure != e) {
            return;
        }
        boolean first = failure == null;
        failure = e;
        if (flight != null) {
            flight.release();
            flight = null;
        }
        releaseAll(plaintextIn); // verified or not, nothing more is delivered after a fatal alert
        releaseAll(earlyWrites);
        releaseEarlyData();
        deframer.release(); // nothing more is read either: drop buffered ciphertext now, not at release()
        if (first && e.origin() == TlsAlertException.Origin.LOCAL) {
            writeAlert(2, e.alert());
        }
        outboundClosed = true;
    }

    private void checkUsable() {
        if (failure != null) {
            throw failure;
        }
        if (released) {
            throw new IllegalStateException("TLS engine was released");
        }
    }

    // ---------------------------------------------------------------- writing

    private void writeAlert(int level, AlertDescription description) {
        ByteBuf body = alloc.heapBuffer(2).writeByte(level).writeByte(description.code());
        try {
            flushFlight();
            writeRecords(ContentType.ALERT, body);
        } finally {
            body.release();
        }
    }

    private void writeRecords(ContentType type, ByteBuf data) {
        outbound(data.readableBytes() + 64);
        // RFC 8449 §4: the peer's limit binds protected records only.
        int limit = writeProtection.isProtected() ? sendContentLimit : RecordProtection.MAX_PLAINTEXT;
        RecordFragmenter.write(writeProtection, type, data, outbound, limit);
    }

    private void outbound(int sizeHint) {
        if (outbound == null) {
            outbound = alloc.heapBuffer(Math.min(sizeHint, 1 << 16));
        }
    }

    /**
     * Application data one record at a time, so that a TLS 1.3 write key reaching its limit is replaced (KeyUpdate,
     * update_not_requested) before the record that would exceed it, not after a whole large write. Sealed from
     * {@code data}'s own bytes, each record a full {@code sendContentLimit} but the last: a composite buffer of many
     * small writes goes out as full records.
     */
    private void writeApplicationData(ByteBuf data) {
        int total = data.readableBytes();
        if (total > 0) {
            if (outbound == null && directOutbound && (version == TlsVersion.TLS_1_3 || !data.hasArray())) {
                // TLS 1.3 copies the content next to its type byte anyway, and a direct source is copied out of
                // its memory anyway: the copy can as well end in the direct buffer the socket writes from.
                outbound = alloc.directBuffer(Math.min(total + 64, 1 << 16));
            }
            // One ensureWritable for the whole write, not a capacity doubling per record.
            outbound(total + 64);
            outbound.ensureWritable(total + (total + sendContentLimit - 1) / sendContentLimit * writeProtection.overhead());
        }
        while (data.isReadable()) {
            if (keyUpdateDue()) {
                run(() -> state = state.updateWriteKeysBeforeLimit(ctx));
            }
            int chunk = Math.min(data.readableBytes(), sendContentLimit);
            writeProtection.seal(ContentType.APPLICATION_DATA, data, data.readerIndex(), chunk, outbound);
            data.skipBytes(chunk);
        }
    }

    /**
     * Only in traffic: the writes queued during the handshake go out from {@link HandshakeContext#complete} before the state
     * becomes traffic, with a fresh key (sequence 0) that only a threshold below their record count could exhaust.
     */
    private boolean keyUpdateDue() {
        return state != null && state.isTraffic() && writeProtection.keyUpdateDue(config.keyUpdateAfterRecords());
    }

    /** Coalesces a flight of handshake messages into as few records as possible. */
    private void flushFlight() {
        if (flight != null && flight.isReadable()) {
            ByteBuf f = flight;
            flight = null;
            try {
                writeRecords(ContentType.HANDSHAKE, f);
            } finally {
                f.release();
            }
        }
    }

    private void releaseEarlyData() {
        if (earlyData != null) {
            earlyData.release();
            earlyData = null;
        }
    }

    private static void releaseAll(ArrayDeque<ByteBuf> queue) {
        if (queue == null) {
            return;
        }
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
    }

    /** Tests only (package-private): act as a peer that ignores the negotiated record_size_limit. */
    void recordSizeLimits(int sendContent, int receiveContent) {
        ctx.recordSizeLimits(sendContent, receiveContent);
    }

    /** The connection's configuration. */
    public TlsConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- what handshake states may do

    /**
     * The face the engine shows its handshake states, and only them: switching keys, queueing messages, completing
     * the handshake are not the engine's public API.
     */
    private final class Context implements HandshakeContext {

        @Override
        public TlsConfig config() {
            return config;
        }

        @Override
        public boolean handsOut(PendingOperation.Kind kind) {
            return handedOut.contains(kind);
        }

        @Override
        public String serverName() {
            return serverName;
        }

        @Override
        public int serverPort() {
            return serverPort;
        }

        @Override
        public void skipRejectedEarlyData() {
            skippingEarlyData = true;
        }

        @Override
        public Transcript transcript() {
            if (transcript == null) {
                throw new IllegalStateException("the transcript is dropped once the handshake is over");
            }
            return transcript;
        }

        @Override
        public Instant now() {
            return config.clock().instant();
        }

        @Override
        public void send(HandshakeMessage message) {
            byte[] encoded = HandshakeReassembler.encode(message);
            if (transcript != null) { // post-handshake messages (KeyUpdate, NewSessionTicket) are in no transcript
                transcript.add(encoded);
            }
            if (flight == null) {
                flight = alloc.heapBuffer(Math.max(encoded.length, 512));
            }
            flight.writeBytes(encoded);
        }

        @Override
        public void sendChangeCipherSpec(RecordProtection protection) {
            flushFlight();
            ByteBuf ccs = alloc.heapBuffer(1).writeByte(1);
            try {
                writeRecords(ContentType.CHANGE_CIPHER_SPEC, ccs);
            } finally {
                ccs.release();
            }
            writeProtection = protection;
        }

        @Override
        public void changeReadProtection(RecordProtection protection) {
            if (handshake.hasPartial()) {
                throw TlsAlertException.unexpectedMessage("a handshake message straddles a key change");
            }
            readProtection = protection;
        }

        @Override
        public void changeWriteProtection(RecordProtection protection) {
            flushFlight();
            writeProtection = protection;
        }

        @Override
        public void sendCompatibilityChangeCipherSpec() {
            flushFlight();
            ByteBuf ccs = alloc.heapBuffer(1).writeByte(1);
            try {
                writeRecords(ContentType.CHANGE_CIPHER_SPEC, ccs);
            } finally {
                ccs.release();
            }
        }

        @Override
        public void negotiated(TlsVersion negotiatedVersion) {
            version = negotiatedVersion;
        }

        @Override
        public void recordSizeLimits(int sendContent, int receiveContent) {
            sendContentLimit = sendContent;
            receiveContentLimit = receiveContent;
        }

        @Override
        public void sendWarning(AlertDescription description) {
            writeAlert(1, description);
        }

        @Override
        public void event(HandshakeStep step, String detail) {
            if (events == null) {
                events = new ArrayList<>();
            }
            events.add(new HandshakeEvent(step, detail, now()));
        }

        @Override
        public void exporter(KeyingMaterialExporter connectionExporter) {
            exporter = connectionExporter;
        }

        @Override
        public long earlyDataReceived() {
            return earlyDataReceived;
        }

        @Override
        public int earlyDataOffered() {
            return earlyDataLength;
        }

        @Override
        public void sendEarlyData() {
            flushFlight();
            writeRecords(ContentType.APPLICATION_DATA, earlyData.duplicate()); // kept whole until the server answers
        }

        @Override
        public void earlyDataAnswered(boolean accepted) {
            if (accepted) {
                releaseEarlyData();
            }
        }

        @Override
        public void complete(TlsSession negotiated) {
            flushFlight();
            session = negotiated;
            event(HandshakeStep.APPLICATION_DATA, "handshake complete: " + negotiated);
            if (earlyData != null) {
                ByteBuf resend = earlyData; // not sent, or refused: now as ordinary data, before anything else (§4.2.10)
                earlyData = null;
                try {
                    writeApplicationData(resend);
                } finally {
                    resend.release();
                }
            }
            ByteBuf early;
            while (earlyWrites != null && (early = earlyWrites.poll()) != null) {
                try {
                    writeApplicationData(early);
                } finally {
                    early.release();
                }
            }
        }
    }
}
