package io.reactls.benchmarks;

import io.reactls.crypto.CipherSuites;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.Tls12CbcProtection;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lucky13 check (RFC 7457 §2.8) for MAC-then-encrypt: the time {@link Tls12CbcProtection#open} takes for records of one
 * fragment length that are good, that have bad padding, or that have good (maximal, 256-byte) padding and a bad MAC.
 * A padding oracle would show as bad padding being faster than bad MAC (less data MACed); the three should agree
 * within noise. Every record is crafted here with raw JCE for the opener's next sequence number.
 *
 * <p>Sample mode, so the medians (p0.50) can be compared on a busy machine. Rejections also pay for building the
 * {@link TlsAlertException} (stack trace and message), which good records do not: compare bad padding with bad MAC
 * for the oracle, and good records for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CbcRejectionTimingBenchmark {

    static final int RING = 4096;

    @Param({"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256"})
    public CipherSuite suite;

    /** Fragment length: IV + encrypted plaintext, MAC and padding. */
    @Param({"304", "1296"})
    public int fragmentLength;

    private Mac mac;
    private Cipher c;
    private byte[] key;
    private byte[] macKey;
    private SecureRandom random;
    private byte[][] good;
    private byte[][] badPadding;
    private byte[][] badMac;
    private ByteBuf receive;
    private Tls12CbcProtection goodOpener;
    private Tls12CbcProtection badPaddingOpener;
    private Tls12CbcProtection badMacOpener;
    private int nextGood;
    private int nextBadPadding;
    private int nextBadMac;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        Random r = new Random(44);
        key = new byte[CipherSuites.cbc(suite).keyLength()];
        macKey = new byte[CipherSuites.mac(suite).length()];
        r.nextBytes(key);
        r.nextBytes(macKey);
        random = SecureRandom.getInstance("DRBG");
        mac = Mac.getInstance(CipherSuites.mac(suite).jcaName());
        mac.init(new SecretKeySpec(macKey, CipherSuites.mac(suite).jcaName()));
        c = Cipher.getInstance("AES/CBC/NoPadding");
        int content = fragmentLength - 16;
        int macLength = CipherSuites.mac(suite).length();
        good = new byte[RING][];
        badPadding = new byte[RING][];
        badMac = new byte[RING][];
        for (int seq = 0; seq < RING; seq++) {
            // good: the least padding there is (the padding_length byte alone)
            int minimalPad = 1;
            int plainGood = content - macLength - minimalPad;
            good[seq] = record(seq, r, plainGood, minimalPad, false, false);
            // bad padding: the last byte claims 255 bytes of padding that are not there
            badPadding[seq] = record(seq, r, plainGood, minimalPad, true, false);
            // bad MAC behind the longest valid padding: the least data to MAC
            badMac[seq] = record(seq, r, content - macLength - 256, 256, false, true);
        }
        receive = Unpooled.wrappedBuffer(new byte[fragmentLength]);
        goodOpener = create();
        badPaddingOpener = create();
        badMacOpener = create();
    }

    private Tls12CbcProtection create() {
        return new Tls12CbcProtection(CipherSuites.cbc(suite), CipherSuites.mac(suite), key, macKey, false, random);
    }

    private byte[] record(long seq, Random r, int plainLength, int padTotal, boolean breakPadding, boolean breakMac)
            throws GeneralSecurityException {
        byte[] plain = new byte[plainLength];
        r.nextBytes(plain);
        byte[] header = new byte[13];
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (seq >>> (56 - 8 * i));
        }
        header[8] = 23;
        header[9] = 3;
        header[10] = 3;
        header[11] = (byte) (plainLength >>> 8);
        header[12] = (byte) plainLength;
        mac.update(header);
        byte[] tag = mac.doFinal(plain);
        if (breakMac) {
            tag[0] ^= 1;
        }
        byte[] inner = new byte[plainLength + tag.length + padTotal];
        System.arraycopy(plain, 0, inner, 0, plainLength);
        System.arraycopy(tag, 0, inner, plainLength, tag.length);
        Arrays.fill(inner, plainLength + tag.length, inner.length, (byte) (padTotal - 1));
        if (breakPadding) {
            inner[inner.length - 1] = (byte) 255;
        }
        byte[] iv = new byte[16];
        r.nextBytes(iv);
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] out = new byte[16 + inner.length];
        System.arraycopy(iv, 0, out, 0, 16);
        c.doFinal(inner, 0, inner.length, out, 16);
        if (out.length != fragmentLength) {
            throw new IllegalStateException("record is " + out.length + " bytes, wanted " + fragmentLength);
        }
        return out;
    }

    @Benchmark
    public int goodRecord() {
        if (nextGood == RING) {
            nextGood = 0;
            goodOpener = create();
        }
        receive.clear().writeBytes(good[nextGood++]).retain();
        PlainRecord plain = goodOpener.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, receive));
        int n = plain.fragment().readableBytes();
        plain.fragment().release();
        return n;
    }

    @Benchmark
    public int badPadding() {
        if (nextBadPadding == RING) {
            nextBadPadding = 0;
            badPaddingOpener = create();
        }
        return reject(badPaddingOpener, badPadding[nextBadPadding++]);
    }

    @Benchmark
    public int badMac() {
        if (nextBadMac == RING) {
            nextBadMac = 0;
            badMacOpener = create();
        }
        return reject(badMacOpener, badMac[nextBadMac++]);
    }

    private int reject(Tls12CbcProtection opener, byte[] record) {
        receive.clear().writeBytes(record).retain();
        try {
            opener.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, receive));
        } catch (TlsAlertException expected) {
            return expected.alert().code();
        }
        throw new IllegalStateException("a tampered record was accepted");
    }
}
