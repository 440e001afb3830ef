package io.reactls.record;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Tls12AeadProtectionTest {

    private static final AeadBackend JCE = AeadBackends.jce();
    private static final AeadBackend BC = AeadBackends.bouncyCastle();

    /** Every buffer a test allocates, checked for refCnt()==0 afterwards. */
    private final List<ByteBuf> allocated = new ArrayList<>();

    @AfterEach
    void everyBufferWasReleased() {
        for (ByteBuf b : allocated) {
            assertThat(b.refCnt()).as("refCnt of %s", b).isZero();
        }
    }

    private ByteBuf track(ByteBuf b) {
        allocated.add(b);
        return b;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Tls12AeadProtection protection(AeadAlgorithm alg, AeadBackend backend, long firstSequence) {
        return new Tls12AeadProtection(alg, backend, bytes(alg.keyLength(), 1), bytes(alg.fixedIvLength(), 2), firstSequence);
    }

    static Stream<Arguments> suitesAndBackendPairs() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            if (suite.isCbc()) {
                continue; // Tls12CbcProtectionTest
            }
            for (AeadBackend sealer : List.of(JCE, BC)) {
                for (AeadBackend opener : List.of(JCE, BC)) {
                    for (ByteBufAllocator alloc : List.of(UnpooledByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
                        for (boolean direct : new boolean[] {false, true}) {
                            out.add(Arguments.of(suite, sealer.name(), opener.name(), alloc.getClass().getSimpleName(), direct));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} sealed by {1}, opened by {2}, {3} direct={4}")
    @MethodSource("suitesAndBackendPairs")
    void roundTripsAcrossBackendsAndBufferKinds(CipherSuite suite, String sealer, String opener, String allocName, boolean direct) {
        AeadAlgorithm alg = CipherSuites.aead(suite);
        ByteBufAllocator alloc = allocName.startsWith("Pooled") ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT;
        Tls12AeadProtection seal = protection(alg, backend(sealer), 0);
        Tls12AeadProtection open = protection(alg, backend(opener), 0);
        for (int size : new int[] {0, 1, 15, 16, 17, 1000, RecordProtection.MAX_PLAINTEXT}) {
            byte[] data = bytes(size, size);
            ByteBuf plain = track(direct ? alloc.directBuffer(size) : alloc.heapBuffer(size)).writeBytes(data);
            ByteBuf wire = track(direct ? alloc.directBuffer() : alloc.heapBuffer());
            seal.seal(ContentType.APPLICATION_DATA, plain, wire);
            assertThat(plain.readableBytes()).as("seal does not consume").isEqualTo(size);
            plain.release();
            assertThat(wire.readableBytes()).isEqualTo(size + seal.overhead());
            assertThat((int) wire.getUnsignedByte(0)).isEqualTo(23);
            assertThat(wire.getUnsignedShort(1)).isEqualTo(0x0303);
            assertThat(wire.getUnsignedShort(3)).isEqualTo(size + seal.overhead() - 5);
            PlainRecord rec = open.open(opaque(wire));
            assertThat(rec.type()).isEqualTo(ContentType.APPLICATION_DATA);
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(data);
            rec.fragment().release();
        }
    }

    private static AeadBackend backend(String name) {
        return name.equals(JCE.name()) ? JCE : BC;
    }

    /** Strips the header off a sealed record the way the deframer would, handing the fragment over. */
    private static OpaqueRecord opaque(ByteBuf wire) {
        ContentType type = ContentType.fromCode(wire.readUnsignedByte());
        int version = wire.readUnsignedShort();
        int len = wire.readUnsignedShort();
        ByteBuf fragment = wire.readRetainedSlice(len);
        wire.release();
        return new OpaqueRecord(type, version, fragment);
    }

    /**
     * The record layout computed independently with a raw JCE Cipher: RFC 5288 nonce and explicit part for GCM,
     * RFC 7905 XORed nonce for ChaCha20, and the RFC 5246 AAD. Starts at a sequence number with all bytes set.
     */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void wireFormatMatchesTheRfcsComputedWithRawJce(AeadAlgorithm alg) throws Exception {
        long seq = 0x0102030405060708L;
        byte[] key = bytes(alg.keyLength(), 1);
        byte[] iv = bytes(alg.fixedIvLength(), 2);
        byte[] data = bytes(100, 3);
        Tls12AeadProtection p = new Tls12AeadProtection(alg, JCE, key, iv, seq);
        ByteBuf wire = track(Unpooled.buffer());
        p.seal(ContentType.HANDSHAKE, Unpooled.wrappedBuffer(data), wire);

        byte[] seqBytes = ByteBuffer.allocate(8).putLong(seq).array();
        byte[] aad = ByteBuffer.allocate(13).put(seqBytes).put((byte) 22).putShort((short) 0x0303).putShort((short) 100).array();
        byte[] nonce = new byte[12];
        Cipher c;
        if (alg == AeadAlgorithm.CHACHA20_POLY1305) {
            for (int i = 0; i < 12; i++) {
                nonce[i] = (byte) (iv[i] ^ (i < 4 ? 0 : seqBytes[i - 4]));
            }
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            System.arraycopy(iv, 0, nonce, 0, 4);
            System.arraycopy(seqBytes, 0, nonce, 4, 8);
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(aad);
        byte[] ct = c.doFinal(data);
        byte[] explicit = alg.explicitNonceLength() > 0 ? seqBytes : new byte[0];
        byte[] expected = ByteBuffer.allocate(5 + explicit.length + ct.length)
                .put((byte) 22).putShort((short) 0x0303).putShort((short) (explicit.length + ct.length))
                .put(explicit).put(ct).array();
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(expected);
        wire.release();
    }

    /** Seals one record with JCE at sequence 0, lets {@code tamper} change the wire bytes, opens at sequence 0. */
    private void assertOpenFails(AeadAlgorithm alg, AlertDescription expected, Consumer<ByteBuf> tamper) {
        ByteBuf wire = track(Unpooled.buffer());
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(bytes(64, 9)), wire);
        tamper.accept(wire);
        OpaqueRecord rec = opaque(wire);
        track(rec.fragment());
        Tls12AeadProtection open = protection(alg, BC, 0);
        assertThatThrownBy(() -> open.open(rec))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(expected));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedTagBitIsBadRecordMac(AeadAlgorithm alg) {
        assertOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(w.writerIndex() - 1, w.getByte(w.writerIndex() - 1) ^ 0x01));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedCiphertextBitIsBadRecordMac(AeadAlgorithm alg) {
        int at = 5 + alg.explicitNonceLength() + 3;
        assertOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(at, w.getByte(at) ^ 0x10));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void changedHeaderTypeIsBadRecordMacBecauseItIsInTheAad(AeadAlgorithm alg) {
        assertOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(0, ContentType.HANDSHAKE.code()));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void changedHeaderVersionIsBadRecordMacBecauseItIsInTheAad(AeadAlgorithm alg) {
        assertOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(2, 0x01));
    }

    @Test
    void changedExplicitNonceIsBadRecordMac() {
        assertOpenFails(AeadAlgorithm.AES_128_GCM, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(12, w.getByte(12) ^ 0x01));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void fragmentTooShortForNonceAndTagIsBadRecordMac(AeadAlgorithm alg) {
        ByteBuf fragment = track(Unpooled.buffer().writeBytes(new byte[alg.explicitNonceLength() + 15]));
        Tls12AeadProtection open = protection(alg, JCE, 0);
        assertThatThrownBy(() -> open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void fragmentDecryptingToMoreThan2To14IsRecordOverflow(AeadAlgorithm alg) {
        int len = alg.explicitNonceLength() + RecordProtection.MAX_PLAINTEXT + 1 + 16;
        ByteBuf fragment = track(Unpooled.buffer().writeBytes(new byte[len]));
        Tls12AeadProtection open = protection(alg, JCE, 0);
        assertThatThrownBy(() -> open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    @Test
    void sealRefusesMoreThanOneRecordOfPlaintext() {
        ByteBuf big = track(Unpooled.buffer().writeZero(RecordProtection.MAX_PLAINTEXT + 1));
        ByteBuf out = track(Unpooled.buffer());
        assertThatThrownBy(() -> protection(AeadAlgorithm.AES_128_GCM, JCE, 0).seal(ContentType.APPLICATION_DATA, big, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).isZero();
        big.release();
        out.release();
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void replayedOrReorderedRecordIsBadRecordMac(AeadAlgorithm alg) {
        Tls12AeadProtection seal = protection(alg, JCE, 0);
        ByteBuf first = track(Unpooled.buffer());
        ByteBuf second = track(Unpooled.buffer());
        seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(bytes(10, 1)), first);
        seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(bytes(10, 2)), second);
        ByteBuf replay = track(first.copy());

        Tls12AeadProtection open = protection(alg, JCE, 0);
        open.open(opaque(first)).fragment().release();
        OpaqueRecord replayed = opaque(replay);
        assertThatThrownBy(() -> open.open(replayed))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC));

        // Reordering: the second record opened first, at sequence 0.
        OpaqueRecord early = opaque(second);
        assertThatThrownBy(() -> protection(alg, BC, 0).open(early))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberRefusesToWrap(AeadAlgorithm alg) {
        Tls12AeadProtection seal = protection(alg, JCE, -2L);
        Tls12AeadProtection open = protection(alg, BC, -2L);
        for (int i = 0; i < 2; i++) {
            ByteBuf wire = track(Unpooled.buffer());
            seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(bytes(5, i)), wire);
            PlainRecord rec = open.open(opaque(wire));
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(bytes(5, i));
            rec.fragment().release();
        }
        ByteBuf out = track(Unpooled.buffer());
        assertThatThrownBy(() -> seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(new byte[1]), out))
                .isInstanceOf(TlsAlertException.class).hasMessageContaining("exhausted");
        assertThat(out.readableBytes()).isZero();
        out.release();
        ByteBuf fragment = track(Unpooled.buffer().writeZero(alg.explicitNonceLength() + 16));
        assertThatThrownBy(() -> open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)))
                .isInstanceOf(TlsAlertException.class).hasMessageContaining("exhausted");
    }

    @Test
    void wrongFixedIvLengthIsRefused() {
        assertThatThrownBy(() -> new Tls12AeadProtection(AeadAlgorithm.CHACHA20_POLY1305, JCE, new byte[32], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plaintextInTheSameArrayAsTheOutputIsSealedCorrectly() {
        // The plaintext is a slice of the output buffer itself, ahead of the writer index.
        AeadAlgorithm alg = AeadAlgorithm.AES_128_GCM;
        byte[] data = bytes(300, 4);
        ByteBuf out = track(Unpooled.buffer(1024));
        out.writeBytes(data);
        ByteBuf plain = out.readSlice(300);
        protection(alg, BC, 0).seal(ContentType.APPLICATION_DATA, plain, out);
        PlainRecord rec = protection(alg, JCE, 0).open(opaque(out));
        assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(data);
        rec.fragment().release();
    }

    /** Heap plaintext into a direct output and the reverse: each side takes its own path (array or scratch). */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void mixedHeapAndDirectBuffersRoundTrip(AeadAlgorithm alg) {
        byte[] data = bytes(5000, 6);
        for (boolean directPlain : new boolean[] {false, true}) {
            ByteBuf plain = track(directPlain ? Unpooled.directBuffer() : Unpooled.buffer()).writeBytes(data);
            ByteBuf wire = track(directPlain ? Unpooled.buffer() : Unpooled.directBuffer());
            protection(alg, JCE, 7).seal(ContentType.HANDSHAKE, plain, wire);
            plain.release();
            PlainRecord rec = protection(alg, BC, 7).open(opaque(wire));
            assertThat(rec.type()).isEqualTo(ContentType.HANDSHAKE);
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(data);
            rec.fragment().release();
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void readOnlyFragmentIsOpenedIntoANewBuffer(AeadAlgorithm alg) {
        byte[] data = bytes(200, 8);
        ByteBuf wire = track(Unpooled.directBuffer());
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(data), wire);
        OpaqueRecord rec = opaque(wire);
        PlainRecord plain = protection(alg, BC, 0).open(new OpaqueRecord(rec.type(), rec.version(), rec.fragment().asReadOnly()));
        track(plain.fragment());
        assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
        plain.fragment().release();
    }
}
