package io.reactls.record;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CBC-HMAC records checked against records computed here with raw JCE Cipher and Mac. */
class Tls12CbcProtectionTest {

    private static final int[] SIZES = {0, 1, 15, 16, 31, 32, 100, 1000, RecordProtection.MAX_PLAINTEXT};

    private final List<ByteBuf> allocated = new ArrayList<>();

    @AfterEach
    void everyBufferWasReleased() {
        for (ByteBuf b : allocated) {
            assertThat(b.refCnt()).as("refCnt of %s", b).isZero();
        }
    }

    private ByteBuf track(ByteBuf b) {
        if (b != Unpooled.EMPTY_BUFFER) { // the shared empty buffer never reaches refCnt 0
            allocated.add(b);
        }
        return b;
    }

    static Stream<Arguments> suitesAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.isCbc()) {
                out.add(Arguments.of(s, true));
                out.add(Arguments.of(s, false));
            }
        }
        return out.stream();
    }

    /** The raw construction of RFC 5246 §6.2.3.2 (MAC-then-encrypt) and RFC 7366 §3 (encrypt-then-MAC). */
    record Raw(CipherSuite suite, boolean etm, byte[] key, byte[] macKey) {

        static Raw of(CipherSuite suite, boolean etm) {
            return new Raw(suite, etm, bytes(CipherSuites.cbc(suite).keyLength(), 7), bytes(CipherSuites.mac(suite).length(), 8));
        }

        Tls12CbcProtection protection() {
            return new Tls12CbcProtection(CipherSuites.cbc(suite), CipherSuites.mac(suite), key, macKey, etm, new SecureRandom());
        }

        byte[] mac(long seq, int type, int length, byte[] data, int off, int len) throws Exception {
            Mac m = Mac.getInstance(CipherSuites.mac(suite).jcaName());
            m.init(new SecretKeySpec(macKey, CipherSuites.mac(suite).jcaName()));
            m.update(new byte[] {(byte) (seq >>> 56), (byte) (seq >>> 48), (byte) (seq >>> 40), (byte) (seq >>> 32),
                    (byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq,
                    (byte) type, 3, 3, (byte) (length >>> 8), (byte) length});
            m.update(data, off, len);
            return m.doFinal();
        }

        byte[] cbc(byte[] iv, byte[] padded) throws Exception {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(padded);
        }

        /** The fragment for {@code plaintext} with this IV and exactly these padding bytes (and the MAC, unless given). */
        byte[] fragment(long seq, byte[] iv, byte[] plaintext, byte[] padding, byte[] macOverride) throws Exception {
            int type = ContentType.APPLICATION_DATA.code();
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            inner.write(plaintext);
            if (!etm) {
                inner.write(macOverride != null ? macOverride : mac(seq, type, plaintext.length, plaintext, 0, plaintext.length));
            }
            inner.write(padding);
            byte[] c = cbc(iv, inner.toByteArray());
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(iv);
            f.write(c);
            if (etm) {
                byte[] ivAndC = f.toByteArray();
                f.write(macOverride != null ? macOverride : mac(seq, type, ivAndC.length, ivAndC, 0, ivAndC.length));
            }
            return f.toByteArray();
        }

        /** Minimal valid padding for {@code plainLength}. */
        byte[] padding(int plainLength) {
            int content = plainLength + (etm ? 0 : CipherSuites.mac(suite).length()) + 1;
            int padLength = (16 - content % 16) % 16;
            byte[] p = new byte[padLength + 1];
            Arrays.fill(p, (byte) padLength);
            return p;
        }
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private PlainRecord open(Tls12CbcProtection p, byte[] fragment) {
        return p.open(new OpaqueRecord(ContentType.APPLICATION_DATA, RecordHeader.TLS12, Unpooled.wrappedBuffer(fragment)));
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void sealedRecordsMatchRawJce(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        Tls12CbcProtection seal = raw.protection();
        long seq = 0;
        for (int size : SIZES) {
            for (boolean direct : new boolean[] {false, true}) {
                byte[] data = bytes(size, size);
                ByteBuf plain = track(direct ? Unpooled.directBuffer(size) : Unpooled.buffer(size)).writeBytes(data);
                ByteBuf wire = track(direct ? Unpooled.directBuffer() : Unpooled.buffer());
                seal.seal(ContentType.APPLICATION_DATA, plain, wire);
                plain.release();
                byte[] record = ByteBufUtil.getBytes(wire);
                wire.release();
                assertThat(record[0]).isEqualTo((byte) 23);
                assertThat(record[1] << 8 | record[2]).isEqualTo(0x0303);
                int length = (record[3] & 0xFF) << 8 | record[4] & 0xFF;
                assertThat(length).isEqualTo(record.length - 5);
                assertThat(record.length).isLessThanOrEqualTo(size + seal.overhead());
                byte[] iv = Arrays.copyOfRange(record, 5, 21);
                byte[] expected = raw.fragment(seq, iv, data, raw.padding(size), null);
                assertThat(Arrays.copyOfRange(record, 5, record.length)).as("size %d seq %d", size, seq).isEqualTo(expected);
                seq++;
            }
        }
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void opensRawJceRecordsWithAnyIvAndPadding(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        Tls12CbcProtection open = raw.protection();
        long seq = 0;
        for (int size : SIZES) {
            byte[] data = bytes(size, size + 1);
            // Longest legal padding too: 255 bytes is allowed whenever it fills whole blocks.
            byte[] padding = raw.padding(size);
            byte[] longPad = new byte[padding.length + 240];
            Arrays.fill(longPad, (byte) (longPad.length - 1));
            for (byte[] pad : List.of(padding, longPad)) {
                byte[] fragment = raw.fragment(seq, bytes(16, (int) seq + 100), data, pad, null);
                PlainRecord plain = open(open, fragment);
                assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
                plain.fragment().release();
                seq++;
            }
        }
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void roundTripsRecordAfterRecord(CipherSuite suite, boolean etm) {
        Raw raw = Raw.of(suite, etm);
        Tls12CbcProtection seal = raw.protection();
        Tls12CbcProtection open = raw.protection();
        for (int i = 0; i < 50; i++) {
            byte[] data = bytes(i * 37, i);
            ByteBuf plain = track(Unpooled.wrappedBuffer(data));
            ByteBuf wire = track(Unpooled.directBuffer());
            seal.seal(ContentType.APPLICATION_DATA, plain, wire);
            plain.release();
            wire.skipBytes(RecordHeader.LENGTH);
            PlainRecord opened = open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, RecordHeader.TLS12, wire));
            assertThat(ByteBufUtil.getBytes(opened.fragment())).isEqualTo(data);
            opened.fragment().release();
        }
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void badPaddingIsBadRecordMac(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        byte[] data = bytes(100, 1);
        byte[] padding = raw.padding(data.length);
        byte[] wrongByte = padding.clone();
        wrongByte[0] ^= 1; // one padding byte differs from the length byte
        // Every byte equal, but padding_length claims more than the record holds (or leaves no room for the MAC).
        byte[] huge = padding.clone();
        Arrays.fill(huge, (byte) 255);
        expectBadRecordMac(raw.protection(), raw.fragment(0, bytes(16, 3), data, huge, null));
        // padding_length one more than the padding: the byte before it (data or MAC) is taken as padding.
        byte[] offByOne = padding.clone();
        Arrays.fill(offByOne, (byte) padding.length);
        expectBadRecordMac(raw.protection(), raw.fragment(0, bytes(16, 3), data, offByOne, null));
        expectBadRecordMac(raw.protection(), raw.fragment(0, bytes(16, 3), data, wrongByte, null));
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void badMacIsBadRecordMac(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        byte[] data = bytes(100, 1);
        byte[] good = raw.fragment(0, bytes(16, 3), data, raw.padding(data.length), null);
        byte[] wrongMac = new byte[CipherSuites.mac(suite).length()];
        expectBadRecordMac(raw.protection(), raw.fragment(0, bytes(16, 3), data, raw.padding(data.length), wrongMac));
        // The right MAC for another sequence number.
        expectBadRecordMac(raw.protection(), raw.fragment(1, bytes(16, 3), data, raw.padding(data.length), null));
        for (int at : new int[] {0, 16, good.length / 2, good.length - 1}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x40;
            expectBadRecordMac(raw.protection(), flipped);
        }
        // The good one does open, so the failures above are about the tampering.
        PlainRecord plain = open(raw.protection(), good);
        assertThat(ByteBufUtil.getBytes(plain.fragment())).isEqualTo(data);
        plain.fragment().release();
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void badLengthIsBadRecordMac(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        byte[] good = raw.fragment(0, bytes(16, 3), bytes(100, 1), raw.padding(100), null);
        for (int cut : new int[] {1, 15, 16, good.length - 16, good.length - 1, good.length}) {
            expectBadRecordMac(raw.protection(), Arrays.copyOf(good, good.length - cut));
        }
        byte[] longer = Arrays.copyOf(good, good.length + 16);
        expectBadRecordMac(raw.protection(), longer);
        expectBadRecordMac(raw.protection(), new byte[0]);
    }

    @ParameterizedTest(name = "{0} encrypt-then-MAC={1}")
    @MethodSource("suitesAndModes")
    void overlongPlaintextIsRecordOverflow(CipherSuite suite, boolean etm) throws Exception {
        Raw raw = Raw.of(suite, etm);
        byte[] data = bytes(RecordProtection.MAX_PLAINTEXT + 1, 1);
        assertThatThrownBy(() -> open(raw.protection(), raw.fragment(0, bytes(16, 3), data, raw.padding(data.length), null)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    @Test
    void paddingCheckAcceptsOnlyWellFormedPadding() {
        byte[] p = new byte[64];
        Arrays.fill(p, 48, 64, (byte) 15);
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 15, 20)).isEqualTo(-1);
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 15, 49)).as("no room for the MAC").isZero();
        p[50] = 14;
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 15, 20)).isZero();
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 63, 0)).isZero();
        Arrays.fill(p, (byte) 63);
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 63, 0)).isEqualTo(-1);
        assertThat(Tls12CbcProtection.paddingMask(p, 0, 64, 63, 1)).isZero();
    }

    private void expectBadRecordMac(Tls12CbcProtection p, byte[] fragment) {
        ByteBuf buf = track(Unpooled.wrappedBuffer(fragment));
        assertThatThrownBy(() -> p.open(new OpaqueRecord(ContentType.APPLICATION_DATA, RecordHeader.TLS12, buf)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
    }
}
