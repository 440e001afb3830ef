package io.reactls.record;

import static io.reactls.testing.Rfc8448Trace.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

class Tls13AeadProtectionTest {

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

    static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Tls13AeadProtection protection(AeadAlgorithm alg, AeadBackend backend, long firstSequence) {
        return new Tls13AeadProtection(alg, backend, random(alg.keyLength(), 1), random(12, 2), firstSequence);
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

    private OpaqueRecord opaque(byte[] record) {
        return opaque(track(Unpooled.wrappedBuffer(record.clone())));
    }

    private static void assertAlert(Runnable r, AlertDescription expected) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(expected));
    }

    // ---- RFC 8448 §3 known answers, with the keys and IVs the trace prints -----------------------------------------

    private static Tls13AeadProtection traceProtection(String key, String iv, AeadBackend backend) {
        return new Tls13AeadProtection(AeadAlgorithm.AES_128_GCM, backend, bytes(key), bytes(iv));
    }

    private void assertOpens(Tls13AeadProtection p, String record, ContentType type, String plaintext) {
        PlainRecord plain = p.open(opaque(bytes(record)));
        track(plain.fragment());
        assertThat(plain.type()).isEqualTo(type);
        assertThat(hex(ByteBufUtil.getBytes(plain.fragment()))).isEqualTo(plaintext);
        plain.fragment().release();
    }

    private void assertSeals(Tls13AeadProtection p, ContentType type, String plaintext, String record) {
        ByteBuf out = track(Unpooled.buffer());
        p.seal(type, Unpooled.wrappedBuffer(bytes(plaintext)), out);
        assertThat(hex(ByteBufUtil.getBytes(out))).isEqualTo(record);
        out.release();
    }

    static Stream<AeadBackend> backends() {
        return Stream.of(JCE, BC);
    }

    /** "{server} send handshake record": EncryptedExtensions..Finished under the server handshake key, sequence 0. */
    @ParameterizedTest
    @MethodSource("backends")
    void opensAndSealsTheServerHandshakeFlightOfRfc8448(AeadBackend backend) {
        String flight = ENCRYPTED_EXTENSIONS + CERTIFICATE + CERTIFICATE_VERIFY + SERVER_FINISHED;
        assertOpens(traceProtection(SERVER_HS_KEY, SERVER_HS_IV, backend), SERVER_FLIGHT_RECORD, ContentType.HANDSHAKE, flight);
        assertSeals(traceProtection(SERVER_HS_KEY, SERVER_HS_IV, backend), ContentType.HANDSHAKE, flight, SERVER_FLIGHT_RECORD);
    }

    /** "{client} send handshake record": the client Finished under the client handshake key, sequence 0. */
    @ParameterizedTest
    @MethodSource("backends")
    void opensAndSealsTheClientFinishedOfRfc8448(AeadBackend backend) {
        assertOpens(traceProtection(CLIENT_HS_KEY, CLIENT_HS_IV, backend), CLIENT_FINISHED_RECORD, ContentType.HANDSHAKE, CLIENT_FINISHED);
        assertSeals(traceProtection(CLIENT_HS_KEY, CLIENT_HS_IV, backend), ContentType.HANDSHAKE, CLIENT_FINISHED, CLIENT_FINISHED_RECORD);
    }

    /** The server's application key protects NewSessionTicket (0), application data (1) and close_notify (2). */
    @ParameterizedTest
    @MethodSource("backends")
    void opensAndSealsTheServerApplicationRecordsOfRfc8448InSequence(AeadBackend backend) {
        Tls13AeadProtection open = traceProtection(SERVER_AP_KEY, SERVER_AP_IV, backend);
        assertOpens(open, NEW_SESSION_TICKET_RECORD, ContentType.HANDSHAKE, NEW_SESSION_TICKET);
        assertOpens(open, SERVER_APPLICATION_DATA_RECORD, ContentType.APPLICATION_DATA, APPLICATION_DATA);
        assertOpens(open, SERVER_ALERT_RECORD, ContentType.ALERT, "0100");
        assertThat(open.sequenceNumber()).isEqualTo(3);

        Tls13AeadProtection seal = traceProtection(SERVER_AP_KEY, SERVER_AP_IV, backend);
        assertSeals(seal, ContentType.HANDSHAKE, NEW_SESSION_TICKET, NEW_SESSION_TICKET_RECORD);
        assertSeals(seal, ContentType.APPLICATION_DATA, APPLICATION_DATA, SERVER_APPLICATION_DATA_RECORD);
        assertSeals(seal, ContentType.ALERT, "0100", SERVER_ALERT_RECORD);
    }

    /** The client's application key protects application data (0) and close_notify (1). */
    @ParameterizedTest
    @MethodSource("backends")
    void opensAndSealsTheClientApplicationRecordsOfRfc8448InSequence(AeadBackend backend) {
        Tls13AeadProtection open = traceProtection(CLIENT_AP_KEY, CLIENT_AP_IV, backend);
        assertOpens(open, CLIENT_APPLICATION_DATA_RECORD, ContentType.APPLICATION_DATA, APPLICATION_DATA);
        assertOpens(open, CLIENT_ALERT_RECORD, ContentType.ALERT, "0100");

        Tls13AeadProtection seal = traceProtection(CLIENT_AP_KEY, CLIENT_AP_IV, backend);
        assertSeals(seal, ContentType.APPLICATION_DATA, APPLICATION_DATA, CLIENT_APPLICATION_DATA_RECORD);
        assertSeals(seal, ContentType.ALERT, "0100", CLIENT_ALERT_RECORD);
    }

    /** Opening a trace record out of order (the alert at sequence 0) fails: the sequence number is in the nonce. */
    @Test
    void traceRecordAtTheWrongSequenceNumberIsBadRecordMac() {
        Tls13AeadProtection open = traceProtection(CLIENT_AP_KEY, CLIENT_AP_IV, JCE);
        OpaqueRecord alert = opaque(bytes(CLIENT_ALERT_RECORD));
        track(alert.fragment());
        assertAlert(() -> open.open(alert), AlertDescription.BAD_RECORD_MAC);
    }

    // ---- round trips and wire format -------------------------------------------------------------------------------

    static Stream<Arguments> algorithmsBackendsAndBuffers() {
        List<Arguments> out = new ArrayList<>();
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            for (AeadBackend sealer : List.of(JCE, BC)) {
                for (AeadBackend opener : List.of(JCE, BC)) {
                    for (ByteBufAllocator alloc : List.of(UnpooledByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT)) {
                        for (boolean direct : new boolean[] {false, true}) {
                            out.add(Arguments.of(alg, sealer.name(), opener.name(), alloc.getClass().getSimpleName(), direct));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    private static AeadBackend backend(String name) {
        return name.equals(JCE.name()) ? JCE : BC;
    }

    @ParameterizedTest(name = "{0} sealed by {1}, opened by {2}, {3} direct={4}")
    @MethodSource("algorithmsBackendsAndBuffers")
    void roundTripsAcrossBackendsAndBufferKinds(AeadAlgorithm alg, String sealer, String opener, String allocName, boolean direct) {
        ByteBufAllocator alloc = allocName.startsWith("Pooled") ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT;
        Tls13AeadProtection seal = protection(alg, backend(sealer), 0);
        Tls13AeadProtection open = protection(alg, backend(opener), 0);
        ContentType[] types = {ContentType.APPLICATION_DATA, ContentType.HANDSHAKE, ContentType.ALERT};
        int[] sizes = {0, 1, 15, 16, 17, 1000, RecordProtection.MAX_PLAINTEXT};
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            ContentType type = size == 0 ? ContentType.APPLICATION_DATA : types[i % types.length];
            byte[] data = random(size, size);
            ByteBuf plain = track(direct ? alloc.directBuffer(size) : alloc.heapBuffer(size)).writeBytes(data);
            ByteBuf wire = track(direct ? alloc.directBuffer() : alloc.heapBuffer());
            seal.seal(type, plain, wire);
            assertThat(plain.readableBytes()).as("seal does not consume").isEqualTo(size);
            plain.release();
            assertThat(wire.readableBytes()).isEqualTo(size + seal.overhead());
            assertThat((int) wire.getUnsignedByte(0)).as("outer type is always application_data").isEqualTo(23);
            assertThat(wire.getUnsignedShort(1)).isEqualTo(0x0303);
            assertThat(wire.getUnsignedShort(3)).isEqualTo(size + 1 + 16);
            PlainRecord rec = open.open(opaque(wire));
            assertThat(rec.type()).isEqualTo(type);
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(data);
            rec.fragment().release();
        }
        assertThat(seal.sequenceNumber()).isEqualTo(sizes.length);
        assertThat(open.sequenceNumber()).isEqualTo(sizes.length);
    }

    /**
     * The record computed independently with a raw JCE Cipher (RFC 8446 §5.2-5.3): nonce = IV XOR the left-padded
     * sequence number, AAD = the 5-byte header, plaintext = content || type. At a sequence number with all bytes set.
     */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void wireFormatMatchesRfc8446ComputedWithRawJce(AeadAlgorithm alg) throws Exception {
        long seq = 0x0102030405060708L;
        byte[] key = random(alg.keyLength(), 1);
        byte[] iv = random(12, 2);
        byte[] data = random(100, 3);
        Tls13AeadProtection p = new Tls13AeadProtection(alg, JCE, key, iv, seq);
        ByteBuf wire = track(Unpooled.buffer());
        p.seal(ContentType.HANDSHAKE, Unpooled.wrappedBuffer(data), wire);
        byte[] inner = ByteBuffer.allocate(101).put(data).put((byte) 22).array();
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(rawRecord(alg, key, iv, seq, inner));
        wire.release();
    }

    /** A whole TLS 1.3 record sealed with a raw JCE cipher around any inner plaintext, padding included. */
    static byte[] rawRecord(AeadAlgorithm alg, byte[] key, byte[] iv, long seq, byte[] inner) throws Exception {
        byte[] seqBytes = ByteBuffer.allocate(8).putLong(seq).array();
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= seqBytes[i];
        }
        int length = inner.length + 16;
        byte[] header = ByteBuffer.allocate(5).put((byte) 23).putShort((short) 0x0303).putShort((short) length).array();
        Cipher c;
        if (alg == AeadAlgorithm.CHACHA20_POLY1305) {
            c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        } else {
            c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        }
        c.updateAAD(header);
        byte[] ct = c.doFinal(inner);
        return ByteBuffer.allocate(5 + ct.length).put(header).put(ct).array();
    }

    /** A record from {@link #rawRecord} with the keys {@link #protection} uses, at sequence 0. */
    private OpaqueRecord rawOpaque(AeadAlgorithm alg, byte[] inner) throws Exception {
        return opaque(rawRecord(alg, random(alg.keyLength(), 1), random(12, 2), 0, inner));
    }

    private static byte[] inner(byte[] content, int type, int padding) {
        return ByteBuffer.allocate(content.length + 1 + padding).put(content).put((byte) type).array();
    }

    // ---- padding and inner plaintext rules -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void paddingIsStripped(AeadAlgorithm alg) throws Exception {
        byte[] content = random(30, 4);
        content[29] = 0; // trailing zeros of the content itself survive: the type byte marks the end
        for (int padding : new int[] {1, 17, 1000}) {
            PlainRecord rec = protection(alg, BC, 0).open(rawOpaque(alg, inner(content, 22, padding)));
            assertThat(rec.type()).isEqualTo(ContentType.HANDSHAKE);
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(content);
            rec.fragment().release();
        }
    }

    /** RFC 8446 §5.4: padding may fill the TLSInnerPlaintext up to 2^14 + 1 bytes, and no further. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordPaddedToTheInnerPlaintextLimitIsAccepted(AeadAlgorithm alg) throws Exception {
        byte[] content = random(RecordProtection.MAX_PLAINTEXT - 100, 5);
        PlainRecord rec = protection(alg, JCE, 0).open(rawOpaque(alg, inner(content, 23, 100)));
        assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(content);
        rec.fragment().release();
    }

    /** RFC 8446 §5.4: "the full encoded TLSInnerPlaintext MUST NOT exceed 2^14 + 1 octets", padding included. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void paddingBeyondTheInnerPlaintextLimitIsRecordOverflow(AeadAlgorithm alg) throws Exception {
        byte[] content = random(RecordProtection.MAX_PLAINTEXT, 5);
        int padding = Tls13AeadProtection.MAX_CIPHERTEXT - 16 - 1 - content.length; // within 2^14 + 256 of ciphertext
        TlsAlertException e = catchThrowableOfType(TlsAlertException.class,
                () -> protection(alg, JCE, 0).open(rawOpaque(alg, inner(content, 23, padding))));
        assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void emptyApplicationDataIsAccepted() throws Exception {
        PlainRecord rec = protection(AeadAlgorithm.AES_128_GCM, JCE, 0).open(rawOpaque(AeadAlgorithm.AES_128_GCM, inner(new byte[0], 23, 5)));
        assertThat(rec.type()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(rec.fragment().readableBytes()).isZero();
        rec.fragment().release();
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void plaintextOfOnlyZerosIsUnexpectedMessage(AeadAlgorithm alg) throws Exception {
        for (int zeros : new int[] {0, 1, 40}) {
            OpaqueRecord rec = rawOpaque(alg, new byte[zeros]);
            assertAlert(() -> protection(alg, JCE, 0).open(rec), AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void innerContentLongerThan2To14IsRecordOverflow(AeadAlgorithm alg) throws Exception {
        OpaqueRecord rec = rawOpaque(alg, inner(new byte[RecordProtection.MAX_PLAINTEXT + 1], 23, 0));
        assertAlert(() -> protection(alg, BC, 0).open(rec), AlertDescription.RECORD_OVERFLOW);
    }

    @Test
    void protectedChangeCipherSpecIsUnexpectedMessage() throws Exception {
        OpaqueRecord rec = rawOpaque(AeadAlgorithm.AES_128_GCM, inner(new byte[] {1}, 20, 0));
        assertAlert(() -> protection(AeadAlgorithm.AES_128_GCM, JCE, 0).open(rec), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void unknownInnerContentTypeIsUnexpectedMessage() throws Exception {
        OpaqueRecord rec = rawOpaque(AeadAlgorithm.AES_128_GCM, inner(new byte[] {1}, 99, 3));
        assertAlert(() -> protection(AeadAlgorithm.AES_128_GCM, JCE, 0).open(rec), AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** RFC 8446 §5.4: handshake and alert records must not be empty; application data may be. */
    @Test
    void emptyHandshakeOrAlertIsUnexpectedMessage() throws Exception {
        for (int type : new int[] {21, 22}) {
            OpaqueRecord rec = rawOpaque(AeadAlgorithm.AES_128_GCM, inner(new byte[0], type, 2));
            assertAlert(() -> protection(AeadAlgorithm.AES_128_GCM, JCE, 0).open(rec), AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    // ---- tampering and framing -----------------------------------------------------------------------------------

    /** Seals one 64-byte record at sequence 0, lets {@code tamper} change the wire bytes, opens at sequence 0. */
    private void assertTamperedOpenFails(AeadAlgorithm alg, AlertDescription expected, java.util.function.Consumer<ByteBuf> tamper) {
        ByteBuf wire = track(Unpooled.buffer());
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(random(64, 9)), wire);
        tamper.accept(wire);
        OpaqueRecord rec = opaque(wire);
        track(rec.fragment());
        assertAlert(() -> protection(alg, BC, 0).open(rec), expected);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedTagBitIsBadRecordMac(AeadAlgorithm alg) {
        assertTamperedOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(w.writerIndex() - 1, w.getByte(w.writerIndex() - 1) ^ 0x01));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedCiphertextBitIsBadRecordMac(AeadAlgorithm alg) {
        assertTamperedOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(8, w.getByte(8) ^ 0x10));
    }

    /** The encrypted content type byte is authenticated like the rest. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void flippedTypeByteIsBadRecordMac(AeadAlgorithm alg) {
        int typeAt = 5 + 64;
        assertTamperedOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(typeAt, w.getByte(typeAt) ^ 0x01));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void changedHeaderVersionIsBadRecordMacBecauseTheHeaderIsTheAad(AeadAlgorithm alg) {
        assertTamperedOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> w.setByte(2, 0x01));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void truncatedRecordIsBadRecordMac(AeadAlgorithm alg) {
        // Shorten the fragment by one byte and fix the header length, so framing is consistent but the tag is not.
        assertTamperedOpenFails(alg, AlertDescription.BAD_RECORD_MAC, w -> {
            w.writerIndex(w.writerIndex() - 1);
            w.setShort(3, w.readableBytes() - 5);
        });
    }

    @ParameterizedTest
    @EnumSource(value = ContentType.class, names = {"HANDSHAKE", "ALERT", "CHANGE_CIPHER_SPEC"})
    void outerTypeOtherThanApplicationDataIsUnexpectedMessage(ContentType outer) {
        assertTamperedOpenFails(AeadAlgorithm.AES_128_GCM, AlertDescription.UNEXPECTED_MESSAGE, w -> w.setByte(0, outer.code()));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void fragmentShorterThanTheTagIsBadRecordMac(AeadAlgorithm alg) {
        ByteBuf fragment = track(Unpooled.buffer().writeZero(15));
        assertAlert(() -> protection(alg, JCE, 0).open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)),
                AlertDescription.BAD_RECORD_MAC);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void fragmentLongerThan2To14Plus256IsRecordOverflow(AeadAlgorithm alg) {
        ByteBuf fragment = track(Unpooled.buffer().writeZero(Tls13AeadProtection.MAX_CIPHERTEXT + 1));
        Tls13AeadProtection open = protection(alg, JCE, 0);
        assertAlert(() -> open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)), AlertDescription.RECORD_OVERFLOW);
        assertThat(open.sequenceNumber()).as("refused before decryption").isZero();
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void replayedOrReorderedRecordIsBadRecordMac(AeadAlgorithm alg) {
        Tls13AeadProtection seal = protection(alg, JCE, 0);
        ByteBuf first = track(Unpooled.buffer());
        ByteBuf second = track(Unpooled.buffer());
        seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(random(10, 1)), first);
        seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(random(10, 2)), second);
        ByteBuf replay = track(first.copy());

        Tls13AeadProtection open = protection(alg, JCE, 0);
        open.open(opaque(first)).fragment().release();
        OpaqueRecord replayed = opaque(replay);
        assertAlert(() -> open.open(replayed), AlertDescription.BAD_RECORD_MAC);

        OpaqueRecord early = opaque(second);
        assertAlert(() -> protection(alg, BC, 0).open(early), AlertDescription.BAD_RECORD_MAC);
    }

    // ---- seal's refusals -------------------------------------------------------------------------------------------

    private void assertSealRefuses(ContentType type, int length) {
        ByteBuf plain = track(Unpooled.buffer().writeZero(length));
        ByteBuf out = track(Unpooled.buffer());
        Tls13AeadProtection p = protection(AeadAlgorithm.AES_128_GCM, JCE, 0);
        assertThatThrownBy(() -> p.seal(type, plain, out)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.readableBytes()).isZero();
        assertThat(p.sequenceNumber()).as("no sequence number used").isZero();
        plain.release();
        out.release();
    }

    @Test
    void sealRefusesMoreThanOneRecordOfPlaintext() {
        assertSealRefuses(ContentType.APPLICATION_DATA, RecordProtection.MAX_PLAINTEXT + 1);
    }

    @Test
    void sealRefusesChangeCipherSpec() {
        assertSealRefuses(ContentType.CHANGE_CIPHER_SPEC, 1);
    }

    @Test
    void sealRefusesEmptyHandshakeAndAlert() {
        assertSealRefuses(ContentType.HANDSHAKE, 0);
        assertSealRefuses(ContentType.ALERT, 0);
    }

    @Test
    void outputWithoutRoomDoesNotCostASequenceNumber() {
        Tls13AeadProtection p = protection(AeadAlgorithm.AES_128_GCM, JCE, 0);
        ByteBuf small = track(Unpooled.buffer(8, 8));
        assertThatThrownBy(() -> p.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(new byte[10]), small))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(p.sequenceNumber()).isZero();
        small.release();
    }

    // ---- sequence numbers ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberRefusesToWrap(AeadAlgorithm alg) {
        Tls13AeadProtection seal = protection(alg, JCE, -2L);
        Tls13AeadProtection open = protection(alg, BC, -2L);
        for (int i = 0; i < 2; i++) {
            ByteBuf wire = track(Unpooled.buffer());
            seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(random(5, i)), wire);
            PlainRecord rec = open.open(opaque(wire));
            assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(random(5, i));
            rec.fragment().release();
        }
        assertThat(seal.keyUpdateDue()).isTrue();
        ByteBuf out = track(Unpooled.buffer());
        assertThatThrownBy(() -> seal.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(new byte[1]), out))
                .isInstanceOf(TlsAlertException.class).hasMessageContaining("exhausted");
        assertThat(out.readableBytes()).isZero();
        out.release();
        ByteBuf fragment = track(Unpooled.buffer().writeZero(17));
        assertThatThrownBy(() -> open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment)))
                .isInstanceOf(TlsAlertException.class).hasMessageContaining("exhausted");
    }

    @Test
    void countersAndKeyUpdateLimits() {
        Tls13AeadProtection fresh = protection(AeadAlgorithm.AES_128_GCM, JCE, 0);
        assertThat(fresh.sequenceNumber()).isZero();
        assertThat(fresh.recordsProcessed()).isZero();
        assertThat(fresh.keyUpdateDue()).isFalse();
        ByteBuf out = track(Unpooled.buffer());
        fresh.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(new byte[3]), out);
        out.release();
        assertThat(fresh.sequenceNumber()).isEqualTo(1);
        assertThat(fresh.recordsProcessed()).isEqualTo(1);

        // RFC 8446 §5.5: AES-GCM keys are retired after about 2^24 records; ChaCha20-Poly1305 keys are not.
        assertThat(protection(AeadAlgorithm.AES_256_GCM, JCE, (1L << 24) - 1).keyUpdateDue()).isFalse();
        assertThat(protection(AeadAlgorithm.AES_256_GCM, JCE, 1L << 24).keyUpdateDue()).isTrue();
        assertThat(protection(AeadAlgorithm.CHACHA20_POLY1305, JCE, 1L << 24).keyUpdateDue()).isFalse();
        assertThat(protection(AeadAlgorithm.CHACHA20_POLY1305, JCE, 1L << 40).recordsProcessed()).isEqualTo(Integer.MAX_VALUE);
        assertThat(protection(AeadAlgorithm.CHACHA20_POLY1305, JCE, -5L).recordsProcessed()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void wrongIvLengthIsRefused() {
        assertThatThrownBy(() -> new Tls13AeadProtection(AeadAlgorithm.AES_128_GCM, JCE, new byte[16], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- buffer kinds ----------------------------------------------------------------------------------------------

    @Test
    void plaintextInTheSameArrayAsTheOutputIsSealedCorrectly() {
        byte[] data = random(300, 4);
        ByteBuf out = track(Unpooled.buffer(1024));
        out.writeBytes(data);
        ByteBuf plain = out.readSlice(300);
        protection(AeadAlgorithm.AES_128_GCM, BC, 0).seal(ContentType.APPLICATION_DATA, plain, out);
        PlainRecord rec = protection(AeadAlgorithm.AES_128_GCM, JCE, 0).open(opaque(out));
        assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(data);
        rec.fragment().release();
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void readOnlyDirectFragmentIsOpenedIntoANewBuffer(AeadAlgorithm alg) {
        byte[] data = random(200, 8);
        ByteBuf wire = track(Unpooled.directBuffer());
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(data), wire);
        OpaqueRecord rec = opaque(wire);
        PlainRecord plain = protection(alg, BC, 0).open(new OpaqueRecord(rec.type(), rec.version(), rec.fragment().asReadOnly()));
        track(plain.fragment());
        assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
        plain.fragment().release();
    }

    /** A direct fragment with padding: the padding is stripped after the scratch-array decryption too. */
    @Test
    void paddedDirectFragmentIsStripped() throws Exception {
        byte[] content = random(50, 6);
        byte[] record = rawRecord(AeadAlgorithm.CHACHA20_POLY1305, random(32, 1), random(12, 2), 0, inner(content, 21, 9));
        ByteBuf direct = track(Unpooled.directBuffer().writeBytes(record));
        PlainRecord rec = protection(AeadAlgorithm.CHACHA20_POLY1305, JCE, 0).open(opaque(direct));
        assertThat(rec.type()).isEqualTo(ContentType.ALERT);
        assertThat(ByteBufUtil.getBytes(rec.fragment())).isEqualTo(content);
        rec.fragment().release();
    }

    // ---- where records are opened (OpenBuffers) --------------------------------------------------------------------

    /** The plaintext gets an array of its own and the fragment is released as soon as the record is opened. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void opensIntoAnotherArrayAndReleasesTheFragmentAtOnce(AeadAlgorithm alg) {
        UnpooledByteBufAllocator counting = new UnpooledByteBufAllocator(false);
        byte[] data = random(RecordProtection.MAX_PLAINTEXT, 11);
        ByteBuf wire = counting.heapBuffer();
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(data), wire);
        OpaqueRecord rec = opaque(wire);
        ByteBuf fragment = track(rec.fragment());
        byte[] ciphertextArray = fragment.array();
        PlainRecord plain = protection(alg, JCE, 0).open(rec);
        assertThat(fragment.refCnt()).as("fragment released by open").isZero();
        assertThat(plain.fragment().array()).isNotSameAs(ciphertextArray);
        assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
        plain.fragment().release();
        assertThat(counting.metric().usedHeapMemory()).isZero();
    }

    /** A bad tag: bad_record_mac, and neither the fragment nor the buffer the plaintext was going to is left behind. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void badTagReleasesTheFragmentAndThePlaintextBuffer(AeadAlgorithm alg) {
        UnpooledByteBufAllocator counting = new UnpooledByteBufAllocator(false);
        ByteBuf wire = counting.heapBuffer();
        protection(alg, JCE, 0).seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(random(5000, 12)), wire);
        wire.setByte(wire.writerIndex() - 3, wire.getByte(wire.writerIndex() - 3) ^ 0x40);
        OpaqueRecord rec = opaque(wire);
        track(rec.fragment());
        assertAlert(() -> protection(alg, JCE, 0).open(rec), AlertDescription.BAD_RECORD_MAC);
        assertThat(counting.metric().usedHeapMemory()).as("bytes still allocated").isZero();
    }

    /**
     * A pooled allocator carves the plaintext buffer out of the same chunk array as the fragment; SunJCE, seeing output
     * after input in one array, would copy the whole 4 MiB chunk. Such a record is opened in place instead.
     */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void pooledRecordSharingItsChunkIsNotCopiedWhole(AeadAlgorithm alg) {
        PooledByteBufAllocator pool = new PooledByteBufAllocator(false);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] data = random(RecordProtection.MAX_PLAINTEXT, 13);
        Tls13AeadProtection sealer = protection(alg, JCE, 0);
        Tls13AeadProtection opener = protection(alg, JCE, 0);
        long lastOpen = 0;
        for (int i = 0; i < 5; i++) {
            ByteBuf wire = pool.heapBuffer(RecordProtection.MAX_PLAINTEXT + 64);
            sealer.seal(ContentType.APPLICATION_DATA, Unpooled.wrappedBuffer(data), wire);
            OpaqueRecord rec = opaque(wire);
            ByteBuf fragment = track(rec.fragment());
            long before = mx.getCurrentThreadAllocatedBytes();
            PlainRecord plain = opener.open(rec);
            lastOpen = mx.getCurrentThreadAllocatedBytes() - before;
            assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
            plain.fragment().release();
            assertThat(fragment.refCnt()).isZero();
        }
        assertThat(lastOpen).as("bytes allocated by one open").isLessThan(256 * 1024);
    }
}
