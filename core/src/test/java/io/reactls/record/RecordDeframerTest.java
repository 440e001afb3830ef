package io.reactls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordDeframerTest {

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final List<ByteBuf> allocated = new ArrayList<>();
    private final RecordDeframer deframer = new RecordDeframer();

    @AfterEach
    void nothingLeaks() {
        deframer.release();
        for (ByteBuf b : allocated) {
            assertThat(b.refCnt()).as("refCnt of %s", b).isZero();
        }
    }

    private ByteBuf buf(byte... bytes) {
        ByteBuf b = alloc.buffer(bytes.length).writeBytes(bytes);
        allocated.add(b);
        return b;
    }

    private static byte[] record(int type, int version, byte[] fragment) {
        byte[] r = new byte[5 + fragment.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >>> 8);
        r[2] = (byte) version;
        r[3] = (byte) (fragment.length >>> 8);
        r[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 5, fragment.length);
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static void assertRecord(OpaqueRecord rec, ContentType type, int version, byte[] fragment) {
        assertThat(rec).isNotNull();
        assertThat(rec.type()).isEqualTo(type);
        assertThat(rec.version()).isEqualTo(version);
        assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(fragment);
        rec.fragment().release();
    }

    @Test
    void reassemblesARecordFedOneByteAtATime() {
        byte[] payload = "hello, record".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] wire = record(22, 0x0301, payload);
        for (int i = 0; i < wire.length - 1; i++) {
            deframer.feed(buf(wire[i]));
            assertThat(deframer.poll()).isNull();
        }
        deframer.feed(buf(wire[wire.length - 1]));
        assertRecord(deframer.poll(), ContentType.HANDSHAKE, 0x0301, payload);
        assertThat(deframer.poll()).isNull();
        assertThat(deframer.bufferedBytes()).isZero();
    }

    @Test
    void splitsSeveralRecordsInOneBuffer() {
        byte[] a = {1, 2, 3};
        byte[] b = new byte[0];
        byte[] c = new byte[RecordHeader.MAX_TLS12_CIPHERTEXT];
        deframer.feed(buf(concat(record(23, 0x0303, a), record(21, 0x0303, b), record(23, 0x0303, c), new byte[] {22, 3})));
        assertRecord(deframer.poll(), ContentType.APPLICATION_DATA, 0x0303, a);
        assertRecord(deframer.poll(), ContentType.ALERT, 0x0303, b);
        assertRecord(deframer.poll(), ContentType.APPLICATION_DATA, 0x0303, c);
        assertThat(deframer.poll()).isNull();
        assertThat(deframer.bufferedBytes()).isEqualTo(2);
    }

    @Test
    void fragmentsStayValidWhileMoreBytesArrive() {
        // A fragment handed out keeps its bytes even though the deframer's buffer then grows and is replaced.
        byte[] a = new byte[1000];
        new Random(1).nextBytes(a);
        byte[] b = new byte[5000];
        new Random(2).nextBytes(b);
        byte[] wire = concat(record(23, 0x0303, a), record(23, 0x0303, b));
        deframer.feed(buf(java.util.Arrays.copyOf(wire, 1010)));
        OpaqueRecord first = deframer.poll();
        deframer.feed(buf(java.util.Arrays.copyOfRange(wire, 1010, wire.length)));
        OpaqueRecord second = deframer.poll();
        assertRecord(first, ContentType.APPLICATION_DATA, 0x0303, a);
        assertRecord(second, ContentType.APPLICATION_DATA, 0x0303, b);
    }

    @Test
    void unknownContentTypeIsUnexpectedMessageAsSoonAsTheFirstByteArrives() {
        deframer.feed(buf((byte) 24));
        assertThatThrownBy(deframer::poll)
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
    }

    @Test
    void plaintextHttpIsRefusedAsNotTls() {
        deframer.feed(buf("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThatThrownBy(deframer::poll).isInstanceOf(TlsAlertException.class);
    }

    @Test
    void majorVersionOtherThan3IsProtocolVersion() {
        deframer.feed(buf((byte) 22, (byte) 2));
        assertThatThrownBy(deframer::poll)
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.PROTOCOL_VERSION));
    }

    @Test
    void lengthOverTheLimitIsRecordOverflowBeforeTheBodyArrives() {
        int tooLong = RecordHeader.MAX_TLS12_CIPHERTEXT + 1;
        deframer.feed(buf((byte) 23, (byte) 3, (byte) 3, (byte) (tooLong >>> 8), (byte) tooLong));
        assertThatThrownBy(deframer::poll)
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    @Test
    void tls13LimitIsConfigurable() {
        RecordDeframer tls13 = new RecordDeframer(RecordProtection.MAX_PLAINTEXT + 256);
        int tooLong = RecordProtection.MAX_PLAINTEXT + 257;
        tls13.feed(buf((byte) 23, (byte) 3, (byte) 3, (byte) (tooLong >>> 8), (byte) tooLong));
        assertThatThrownBy(tls13::poll).isInstanceOf(TlsAlertException.class);
        tls13.release();
    }

    @Test
    void releaseFreesBufferedBytesAndRefusesFurtherInput() {
        deframer.feed(buf((byte) 23, (byte) 3, (byte) 3, (byte) 0, (byte) 9, (byte) 1));
        deframer.feed(buf((byte) 2));
        deframer.release();
        ByteBuf late = buf((byte) 1);
        assertThatThrownBy(() -> deframer.feed(late)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void emptyFeedsAreHarmless() {
        deframer.feed(buf());
        deframer.feed(buf(record(21, 0x0303, new byte[] {1, 0})));
        deframer.feed(buf());
        assertRecord(deframer.poll(), ContentType.ALERT, 0x0303, new byte[] {1, 0});
        deframer.feed(buf());
        assertThat(deframer.poll()).isNull();
    }

    /** Fragmenter → random-sized network reads → deframer → AEAD open, on heap and direct buffers. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void endToEndThroughFragmenterDeframerAndProtection(boolean direct) {
        ByteBufAllocator a = direct ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT;
        AeadAlgorithm alg = AeadAlgorithm.CHACHA20_POLY1305;
        Tls12AeadProtection seal = Tls12AeadProtectionTest.protection(alg, AeadBackends.jce(), 0);
        Tls12AeadProtection open = Tls12AeadProtectionTest.protection(alg, AeadBackends.bouncyCastle(), 0);
        byte[] data = Tls12AeadProtectionTest.bytes(50_000, 7);
        ByteBuf source = a.buffer().writeBytes(data);
        ByteBuf wire = a.buffer();
        allocated.add(source);
        allocated.add(wire);
        RecordFragmenter.write(seal, ContentType.APPLICATION_DATA, source, wire);
        source.release();

        Random random = new Random(3);
        ByteBuf received = a.buffer();
        allocated.add(received);
        int records = 0;
        while (wire.isReadable()) {
            int n = Math.min(wire.readableBytes(), 1 + random.nextInt(9000));
            ByteBuf read = direct ? a.directBuffer(n) : a.heapBuffer(n);
            allocated.add(read);
            deframer.feed(read.writeBytes(wire, n));
            for (OpaqueRecord r = deframer.poll(); r != null; r = deframer.poll()) {
                PlainRecord p = open.open(r);
                received.writeBytes(p.fragment());
                p.fragment().release();
                records++;
            }
        }
        wire.release();
        assertThat(records).isEqualTo(4);
        assertThat(ByteBufUtil.getBytes(received)).isEqualTo(data);
        received.release();
    }
}
