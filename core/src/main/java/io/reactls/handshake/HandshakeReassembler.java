package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.alert.TlsAlertException;
import io.reactls.wire.TlsReader;
import java.io.ByteArrayOutputStream;

/**
 * Turns handshake-record fragments into whole messages: a message may span records and a record may hold
 * several messages (RFC 5246 §6.2.1). Bounded, so a peer cannot make us buffer without limit.
 */
public final class HandshakeReassembler {

    /** Largest handshake message accepted; certificate chains are the big ones. */
    public static final int MAX_MESSAGE = 1 << 18;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** A complete message: its type, body and the full encoding (header included) for the transcript. */
    public record Message(HandshakeType type, byte[] body, byte[] encoded) {
        public TlsReader reader() {
            return TlsReader.of(Unpooled.wrappedBuffer(body), type.name());
        }
    }

    /** Appends a decrypted handshake fragment (not released here). */
    public void add(ByteBuf fragment) {
        byte[] b = new byte[fragment.readableBytes()];
        fragment.readBytes(b);
        pending.write(b, 0, b.length);
    }

    /** Whether a partial message is buffered (a ChangeCipherSpec or key change must not interleave it). */
    public boolean hasPartial() {
        return pending.size() > 0;
    }

    /** The next complete message or null. */
    public Message poll() {
        int size = pending.size();
        if (size < 4) {
            return null;
        }
        byte[] all = pending.toByteArray();
        int typeCode = all[0] & 0xFF;
        int length = ((all[1] & 0xFF) << 16) | ((all[2] & 0xFF) << 8) | (all[3] & 0xFF);
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
        byte[] encoded = java.util.Arrays.copyOfRange(all, 0, 4 + length);
        byte[] body = java.util.Arrays.copyOfRange(all, 4, 4 + length);
        pending.reset();
        pending.write(all, 4 + length, size - 4 - length);
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
