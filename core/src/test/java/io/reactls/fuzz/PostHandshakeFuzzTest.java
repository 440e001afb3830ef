package io.reactls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.record.ContentType;
import io.reactls.record.InnerPlaintextSealer;
import io.reactls.record.RecordProtection;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * An established connection (client and server engines back to back) where the fuzzer speaks for one side: its
 * bytes are sealed with that side's real record protection as any content type (TLS 1.3: any inner type byte and
 * padding), so they reach alert parsing, KeyUpdate, NewSessionTicket, post-handshake handshake messages and
 * renegotiation attempts; or they arrive raw and unsealed. Legitimate traffic (application data, KeyUpdate,
 * close_notify) from either side is interleaved.
 *
 * <p>Input: [receiver: bit 0 client, bits 1-2 suite][ops...], each op one byte then its operands:
 * 0 sealed record [type][padding][length][content], 1 raw bytes [length][bytes], 2 the other side sends
 * application data [length][bytes], 3 the receiver sends application data [length][bytes], 4 / 6 the other side /
 * receiver requests KeyUpdate, 5 / 7 the other side / receiver sends close_notify.
 *
 * <p>Checked besides {@link FuzzedEngine}'s contract: the receiver delivers exactly a prefix of the application
 * data the other side really sent (nothing that failed its integrity check, nothing invented), and when the
 * receiver fails with an alert of its own, that alert reaches the other side as the same alert.
 */
class PostHandshakeFuzzTest {

    private static final List<CipherSuite> TLS12_SUITES = List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
    private static final List<CipherSuite> TLS13_SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256);
    /** Inner content types for TLS 1.3: the four real ones, none at all (only padding), and unknown ones. */
    private static final int[] INNER_TYPES = {21, 22, 23, 20, 0, 24, 255, 22};
    private static final ContentType[] OUTER_TYPES = {ContentType.ALERT, ContentType.HANDSHAKE,
            ContentType.APPLICATION_DATA, ContentType.CHANGE_CIPHER_SPEC};

    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void tls13(byte[] data) {
        if (data.length >= 1) {
            run(data, 0, TlsVersion.TLS_1_3, TLS13_SUITES.get((data[0] >> 1) & 3));
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.ENGINE)
    void tls12(byte[] data) {
        if (data.length >= 1) {
            run(data, 1, TlsVersion.TLS_1_2, TLS12_SUITES.get((data[0] >> 1) & 3));
        }
    }

    private static void run(byte[] data, int variant, TlsVersion version, CipherSuite suite) {
        TlsConfig clientConfig = FuzzConfigs.client(variant).toBuilder()
                .versions(List.of(version)).cipherSuites(List.of(suite)).build();
        try (FuzzedEngine client = FuzzedEngine.client(clientConfig).allowPlaintext();
             FuzzedEngine server = FuzzedEngine.server(FuzzConfigs.server(variant)).allowPlaintext()) {
            client.begin();
            server.begin();
            pump(client, server);
            if (!client.engine.isHandshakeComplete() || !server.engine.isHandshakeComplete()) {
                throw new AssertionError("the fuzz pair did not complete its handshake: " + client.failure() + " / " + server.failure());
            }
            boolean clientReceives = (data[0] & 1) != 0;
            FuzzedEngine receiver = clientReceives ? client : server;
            FuzzedEngine other = clientReceives ? server : client;
            ByteArrayOutputStream sentByOther = new ByteArrayOutputStream();
            Operands in = new Operands(data, 1);
            while (in.more() && !receiver.failed()) {
                int op = in.u8() & 7;
                switch (op) {
                    case 0 -> sealed(in, receiver, other, sentByOther);
                    case 1 -> receiver.receive(in.bytes(in.u8()));
                    case 2 -> {
                        byte[] b = in.bytes(in.u8());
                        if (other.send(b)) {
                            sentByOther.writeBytes(b);
                        }
                    }
                    case 3 -> receiver.send(in.bytes(in.u8()));
                    case 4 -> other.requestKeyUpdate();
                    case 5 -> other.closeOutbound();
                    case 6 -> receiver.requestKeyUpdate();
                    default -> receiver.closeOutbound();
                }
                pump(receiver, other);
            }
            byte[] delivered = receiver.delivered();
            byte[] sent = sentByOther.toByteArray();
            if (delivered.length > sent.length || !Arrays.equals(delivered, Arrays.copyOf(sent, delivered.length))) {
                throw new AssertionError("delivered " + delivered.length + " bytes that are not a prefix of the "
                        + sent.length + " bytes the peer sent");
            }
        }
    }

    /** The fuzzer's content sealed as the other side's next record, then delivered to the receiver. */
    private static void sealed(Operands in, FuzzedEngine receiver, FuzzedEngine other, ByteArrayOutputStream sentByOther) {
        int type = in.u8();
        int padding = in.u8() & 0x3F;
        byte[] content = in.bytes(in.u8() * (1 + (type >>> 7) * 64)); // high type bit: up to 16 KiB of content
        if (other.failed() || other.engine.isOutboundClosed()) {
            return;
        }
        RecordProtection protection = other.writeProtection();
        ByteBuf out = other.alloc.heapBuffer(content.length + padding + 64);
        try {
            int innerType = INNER_TYPES[type & 7];
            byte[] inner = Arrays.copyOf(content, content.length + 1 + padding);
            inner[content.length] = (byte) innerType;
            boolean sealedAs13 = InnerPlaintextSealer.seal(protection, inner, out);
            if (!sealedAs13) {
                ContentType outer = OUTER_TYPES[type & 3];
                ByteBuf plain = other.alloc.heapBuffer(content.length + 1).writeBytes(content);
                try {
                    protection.seal(outer, plain, out);
                } catch (IllegalArgumentException tooLong) {
                    return; // the sealer refuses more than 2^14 bytes; not a record a peer can send
                } finally {
                    plain.release();
                }
                innerType = outer.code();
            }
            // The receiver takes the last non-zero byte as the type (RFC 8446 §5.4): with no type byte (0), that is
            // the content's own last non-zero byte, so account for the record as the receiver will read it.
            int typeAt = sealedAs13 ? lastNonZero(inner) : content.length;
            if (typeAt >= 0 && (sealedAs13 ? inner[typeAt] & 0xFF : innerType) == 23) {
                sentByOther.write(inner, 0, typeAt);
            }
            byte[] record = new byte[out.readableBytes()];
            out.readBytes(record);
            receiver.receive(record);
        } finally {
            out.release();
        }
    }

    private static int lastNonZero(byte[] b) {
        int i = b.length - 1;
        while (i >= 0 && b[i] == 0) {
            i--;
        }
        return i;
    }

    /**
     * Moves ciphertext both ways until neither side has any. When one side fails with an alert of its own, the
     * other, if still reading, must fail with that same alert from the peer.
     */
    static void pump(FuzzedEngine a, FuzzedEngine b) {
        boolean moved = true;
        while (moved) {
            moved = deliver(a, b) | deliver(b, a);
        }
    }

    private static boolean deliver(FuzzedEngine from, FuzzedEngine to) {
        byte[] bytes = from.takeSent();
        if (bytes == null) {
            return false;
        }
        boolean listening = !to.failed() && !to.engine.isInboundClosed();
        to.receive(bytes);
        TlsAlertException ours = from.failure();
        if (listening && ours != null && ours.origin() == TlsAlertException.Origin.LOCAL && from.takeSentIsEmpty()) {
            TlsAlertException theirs = to.failure();
            if (theirs == null || theirs.origin() != TlsAlertException.Origin.PEER || theirs.alert() != ours.alert()) {
                throw new AssertionError("we sent " + ours.alert() + " but the peer saw " + theirs, ours);
            }
        }
        return true;
    }

    /** Reads operands from the input; past the end every value is 0 and every byte string empty. */
    private static final class Operands {
        private final byte[] data;
        private int at;

        Operands(byte[] data, int at) {
            this.data = data;
            this.at = at;
        }

        boolean more() {
            return at < data.length;
        }

        int u8() {
            return at < data.length ? data[at++] & 0xFF : 0;
        }

        byte[] bytes(int n) {
            int end = Math.min(data.length, at + n);
            byte[] b = Arrays.copyOfRange(data, at, end);
            at = end;
            return b;
        }
    }
}
