package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import java.util.Arrays;

/**
 * Turns handshake-record fragments into whole messages: a message may span records and a record may hold
 * several messages (RFC 5246 §6.2.1). Bounded, so a peer cannot make us buffer without limit.
 */
public final class HandshakeReassembler {

    /** Largest handshake message accepted; certificate chains are the big ones. */
    public static final int MAX_MESSAGE = 1 << 18;

    private static final byte[] EMPTY = new byte[0];

    // Buffered bytes are pending[start, end). Appends are amortised O(1) and a poll looks only at the header until
    // the message is complete, so a message split into many tiny records costs linear work (re-copying everything
    // buffered on every record was quadratic: a 256 KiB message in 1-byte records cost ~34 GB of copying).
    private byte[] pending = EMPTY;
    private int start;
    private int end;

    /** A complete message: its type, body and the full encoding (header included) for the transcript. */
    public record Message(HandshakeType type, byte[] body, byte[] encoded) {
        public TlsReader reader() {
            return TlsReader.of(Unpooled.wrappedBuffer(body), type.name());
        }
    }

    /** Appends a decrypted handshake fragment (not released here). */
    public void add(ByteBuf fragment) {
        int n = fragment.readableBytes();
        ensureWritable(n);
        fragment.readBytes(pending, end, n);
        end += n;
    }

    private void ensureWritable(int n) {
        if (pending.length - end >= n) {
            return;
        }
        int live = end - start;
        byte[] target = pending;
        if (live + n > pending.length || start < live) {
            // Grow (at least doubling) unless compacting would free at least half the array.
            target = new byte[Math.max(live + n, Math.max(2 * pending.length, 256))];
        }
        System.arraycopy(pending, start, target, 0, live);
        pending = target;
        start = 0;
        end = live;
    }

    /** Lets the buffer go when nothing is buffered: after the handshake, messages are rare (KeyUpdate, tickets). */
    public void trim() {
        if (start == end) {
            pending = EMPTY;
            start = 0;
            end = 0;
        }
    }

    /** Whether a partial message is buffered (a ChangeCipherSpec or key change must not interleave it). */
    public boolean hasPartial() {
        return end > start;
    }

    /** The next complete message or null. */
    public Message poll() {
        int size = end - start;
        if (size < 4) {
            return null;
        }
        int typeCode = pending[start] & 0xFF;
        int length = ((pending[start + 1] & 0xFF) << 16) | ((pending[start + 2] & 0xFF) << 8) | (pending[start + 3] & 0xFF);
        HandshakeType type = HandshakeType.fromCode(typeCode);
        if (type == null) {
            throw TlsAlertException.unexpectedMessage("unknown handshake message type " + typeCode);
        }
        if (length > MAX_MESSAGE) {
            throw TlsAlertException.decodeError(type + " of " + length + " bytes exceeds the " + MAX_MESSAGE + " byte limit");
        }
        if (size < 4 + length) {
            return null;
        }
        byte[] encoded = Arrays.copyOfRange(pending, start, start + 4 + length);
        byte[] body = Arrays.copyOfRange(pending, start + 4, start + 4 + length);
        start += 4 + length;
        if (start == end) {
            // Let a big buffer (a certificate chain) go once it is drained.
            start = 0;
            end = 0;
            if (pending.length > 1 << 16) {
                pending = EMPTY;
            }
        }
        return new Message(type, body, encoded);
    }

    /** Frames a message with its 4-byte header. */
    public static byte[] encode(HandshakeMessage m) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(m.type().code());
        int at = io.reactls.wire.TlsWriter.begin24(b);
        m.encodeBody(b);
        io.reactls.wire.TlsWriter.end24(b, at);
        return Extensions.toBytes(b);
    }
}
