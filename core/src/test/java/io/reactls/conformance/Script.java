package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.handshake.Transcript;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.InnerPlaintextSealer;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordFragmenter;
import io.reactls.record.Tls13AeadProtection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One side of a TLS connection played from hand-built bytes against a {@link Peer}. The script writes exactly what
 * it is told (any record, any split, several records in one write) and reads back records, opening TLS 1.3
 * protected ones with the keys it derived itself, so a test can assert exactly which alert the peer sent.
 *
 * <p>{@link ScriptedClient} and {@link ScriptedServer} add the hellos and the TLS 1.3 key schedule of each side.
 */
public abstract class Script implements AutoCloseable {

    /** How long a socket peer may take to answer; an in-memory peer answers at once. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    protected final Peer peer;
    protected final Transcript transcript = new Transcript();
    protected Tls13AeadProtection readKeys;
    protected Tls13AeadProtection writeKeys;
    protected CipherSuite suite;
    private byte[] inbound = new byte[0];
    private byte[] handshakeBuffer = new byte[0];
    private final List<Wire.Received> received = new ArrayList<>();
    private Wire.Received pushedBack;

    protected Script(Peer peer) {
        this.peer = peer;
    }

    public Peer peer() {
        return peer;
    }

    // ------------------------------------------------------------------------------------------ sending

    /** Writes {@code records} (any bytes) coalesced into one transport write. */
    public Script send(byte[]... records) {
        peer.write(Bytes.concat(records));
        return this;
    }

    /** Writes each of {@code records} in its own transport write. */
    public Script sendEach(byte[]... records) {
        for (byte[] r : records) {
            peer.write(r);
        }
        return this;
    }

    /** Adds a handshake message we send to the transcript (for the keys and Finished that depend on it). */
    public Script recordSent(byte[] message) {
        transcript.add(message);
        return this;
    }

    /** {@code content} as one TLS 1.3 protected record of inner type {@code type} under our current write keys. */
    public byte[] protect(int type, byte[] content) {
        requireKeys(writeKeys);
        ByteBuf out = Unpooled.buffer();
        RecordFragmenter.write(writeKeys, ContentType.fromCode(type), Unpooled.wrappedBuffer(content), out);
        return ByteBufUtil.getBytes(out);
    }

    /** One TLS 1.3 protected record whose TLSInnerPlaintext is {@code content}, {@code type}, then {@code padding} zeros. */
    public byte[] protectPadded(int type, byte[] content, int padding) {
        return protectInner(Bytes.create().raw(content).u8(type).raw(new byte[padding]).toArray());
    }

    /** One TLS 1.3 protected record around exactly {@code innerPlaintext}, however long or malformed. */
    public byte[] protectInner(byte[] innerPlaintext) {
        requireKeys(writeKeys);
        ByteBuf out = Unpooled.buffer();
        InnerPlaintextSealer.seal(writeKeys, innerPlaintext, out);
        return ByteBufUtil.getBytes(out);
    }

    private static void requireKeys(Tls13AeadProtection keys) {
        if (keys == null) {
            throw new IllegalStateException("no TLS 1.3 keys yet: the script has not reached the ServerHello");
        }
    }

    // ------------------------------------------------------------------------------------------ receiving

    /** The next record from the peer (TLS 1.3 protected ones opened), or null when it sent nothing more. */
    public Wire.Received nextRecord() {
        if (pushedBack != null) {
            Wire.Received r = pushedBack;
            pushedBack = null;
            return r;
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean inMemory = !(peer instanceof SocketPeer);
        while (inbound.length < 5 || inbound.length < 5 + Bytes.u16At(inbound, 3)) {
            byte[] more = peer.read(inMemory ? Duration.ZERO : Duration.ofMillis(200));
            if (more.length == 0) {
                if (inMemory || peer.isClosed() || System.nanoTime() > deadline) {
                    return null;
                }
                continue;
            }
            inbound = Bytes.concat(inbound, more);
        }
        int length = Bytes.u16At(inbound, 3);
        int type = inbound[0] & 0xFF;
        int version = Bytes.u16At(inbound, 1);
        byte[] body = Arrays.copyOfRange(inbound, 5, 5 + length);
        inbound = Arrays.copyOfRange(inbound, 5 + length, inbound.length);
        Wire.Received r = type == Wire.APPLICATION_DATA && readKeys != null ? open(version, body)
                : new Wire.Received(type, version, body, false);
        received.add(r);
        return r;
    }

    private Wire.Received open(int version, byte[] body) {
        PlainRecord plain = readKeys.open(new OpaqueRecord(ContentType.APPLICATION_DATA, version, Unpooled.copiedBuffer(body)));
        try {
            return new Wire.Received(plain.type().code(), version, ByteBufUtil.getBytes(plain.fragment()), true);
        } finally {
            plain.fragment().release();
        }
    }

    /** Makes {@code r} the next record {@link #nextRecord} returns again. */
    protected void pushBack(Wire.Received r) {
        pushedBack = r;
    }

    /**
     * The next handshake message from the peer, reassembled across records (compatibility ChangeCipherSpecs
     * skipped) and added to the transcript; fails on anything else.
     */
    public byte[] nextHandshakeMessage() {
        while (handshakeBuffer.length < 4 || handshakeBuffer.length < 4 + Bytes.u24At(handshakeBuffer, 1)) {
            Wire.Received r = nextRecord();
            if (r == null) {
                throw new AssertionError("the peer sent no further handshake message; received " + received);
            }
            if (r.type() == Wire.CHANGE_CIPHER_SPEC) {
                continue;
            }
            if (r.type() != Wire.HANDSHAKE) {
                pushBack(r); // still there for expectAlert
                throw new AssertionError("expected a handshake message, got " + r + "; received " + received);
            }
            handshakeBuffer = Bytes.concat(handshakeBuffer, r.content());
        }
        int length = 4 + Bytes.u24At(handshakeBuffer, 1);
        byte[] message = Arrays.copyOfRange(handshakeBuffer, 0, length);
        handshakeBuffer = Arrays.copyOfRange(handshakeBuffer, length, handshakeBuffer.length);
        transcript.add(message);
        return message;
    }

    /** Reads handshake messages and checks their types, in order; returns them. */
    public List<byte[]> expectHandshake(int... types) {
        List<byte[]> messages = new ArrayList<>();
        for (int type : types) {
            byte[] m = nextHandshakeMessage();
            assertThat(m[0] & 0xFF).as("handshake message type").isEqualTo(type);
            messages.add(m);
        }
        return messages;
    }

    /**
     * The peer ends the connection with exactly this fatal alert (records before it are skipped), and in memory the
     * engine reports the same alert, raised by itself, to its user.
     */
    public TlsAlertException expectAlert(AlertDescription description) {
        Wire.Received r;
        while ((r = nextRecord()) != null && !r.isAlert()) {
            // the peer's handshake records before the alert
        }
        assertThat(r).as("an alert from the peer; received " + received).isNotNull();
        assertThat(Wire.Received.describe(r.content()[1] & 0xFF)).as("alert description; received " + received)
                .isEqualTo(description.rfcName());
        assertThat((int) r.content()[0]).as("alert level").isEqualTo(Wire.FATAL);
        TlsAlertException local = peer.localFailure();
        if (!(peer instanceof SocketPeer)) {
            assertThat(local).as("the engine's failure").isNotNull();
            assertThat(local.alert()).isEqualTo(description);
            assertThat(local.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
        }
        return local;
    }

    /** The peer sent no alert and did not fail: everything it sent so far was read without an alert among it. */
    public Script expectNoAlert() {
        Wire.Received r;
        while ((r = nextRecord()) != null) {
            assertThat(r.isAlert()).as("no alert from the peer; received " + received).isFalse();
        }
        assertThat(peer.localFailure()).as("the engine's failure").isNull();
        return this;
    }

    /** Sends {@code data} as protected application data and expects the peer to echo it back. */
    public Script expectEcho(byte[] data) {
        send(protect(Wire.APPLICATION_DATA, data));
        Wire.Received r;
        byte[] got = new byte[0];
        while (got.length < data.length && (r = nextRecord()) != null) {
            if (r.type() == Wire.APPLICATION_DATA) {
                got = Bytes.concat(got, r.content());
            } else if (r.type() != Wire.HANDSHAKE) { // a NewSessionTicket may come first
                throw new AssertionError("expected the echo, got " + r + "; received " + received);
            }
        }
        assertThat(got).as("echoed application data; received " + received).isEqualTo(data);
        return this;
    }

    /** Everything received so far, for messages. */
    public List<Wire.Received> received() {
        return List.copyOf(received);
    }

    // ------------------------------------------------------------------------------------------ keys

    protected Tls13AeadProtection keys(byte[] trafficSecret) {
        return Tls13KeySchedule.protection(suite, AeadBackends.jce(), trafficSecret);
    }

    @Override
    public void close() {
        peer.close();
    }
}
