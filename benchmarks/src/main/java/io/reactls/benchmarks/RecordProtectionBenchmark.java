package io.reactls.benchmarks;

import io.reactls.crypto.CipherSuites;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordProtection;
import io.reactls.record.Tls12AeadProtection;
import io.reactls.record.Tls12CbcProtection;
import io.reactls.CipherSuite;
import java.security.SecureRandom;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
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
 * Sealing and opening full 16 KiB TLS 1.2 records through {@link Tls12AeadProtection} (JCE and Bouncy Castle
 * backends) next to a raw JCE {@link Cipher} doing the same AEAD with the same nonce/AAD layout on the same arrays.
 * The ours/raw-JCE ratio is the cost of the record layer itself.
 *
 * <p>Opening needs a valid record for the opener's next sequence number, so a ring of {@link #RING} records is sealed
 * up front; every open first copies the next record into the receive buffer (standing in for the socket read, and
 * needed because opening decrypts in place), and the raw JCE baseline does the same copy. A fresh opener is made each
 * time the ring wraps, so its sequence numbers start again at 0.
 *
 * <p>The legacy CBC-HMAC suites run in {@code sealOursCbc}/{@code openOursCbc} with their own parameters (suite,
 * encrypt-then-MAC or MAC-then-encrypt); run them next to the GCM rows with
 * {@code RecordProtectionBenchmark.(seal|open)Ours(Jce|Cbc) -p aead=AES_128_GCM}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordProtectionBenchmark {

    static final int RECORD = RecordProtection.MAX_PLAINTEXT;
    static final int RING = 256;

    @Param({"AES_128_GCM", "AES_256_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    private byte[] key;
    private byte[] fixedIv;
    private byte[] plaintext;
    private ByteBuf plaintextBuf;
    private ByteBuf sealOut;

    private Tls12AeadProtection sealJce;
    private Tls12AeadProtection sealBc;

    /** Fragments (explicit nonce || ciphertext || tag) for sequence numbers 0..RING-1. */
    private byte[][] fragments;
    private byte[] receive;
    private ByteBuf receiveBuf;
    private Tls12AeadProtection openJce;
    private Tls12AeadProtection openBc;
    private int nextJce;
    private int nextBc;

    private Cipher rawCipher;
    private SecretKeySpec rawKey;
    private final byte[] rawNonce = new byte[12];
    private final byte[] rawAad = new byte[13];
    private long rawSealSequence;
    private int nextRaw;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        Random random = new Random(42);
        key = new byte[aead.keyLength()];
        fixedIv = new byte[aead.fixedIvLength()];
        plaintext = new byte[RECORD];
        random.nextBytes(key);
        random.nextBytes(fixedIv);
        random.nextBytes(plaintext);
        plaintextBuf = Unpooled.wrappedBuffer(plaintext);
        sealOut = Unpooled.wrappedBuffer(new byte[RECORD + 64]);
        sealJce = new Tls12AeadProtection(aead, AeadBackends.jce(), key, fixedIv);
        sealBc = new Tls12AeadProtection(aead, AeadBackends.bouncyCastle(), key, fixedIv);

        Tls12AeadProtection ringSealer = new Tls12AeadProtection(aead, AeadBackends.jce(), key, fixedIv);
        fragments = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            sealOut.clear();
            ringSealer.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
            sealOut.skipBytes(5);
            fragments[i] = new byte[sealOut.readableBytes()];
            sealOut.readBytes(fragments[i]);
        }
        receive = new byte[fragments[0].length];
        receiveBuf = Unpooled.wrappedBuffer(receive);
        openJce = new Tls12AeadProtection(aead, AeadBackends.jce(), key, fixedIv);
        openBc = new Tls12AeadProtection(aead, AeadBackends.bouncyCastle(), key, fixedIv);

        boolean chacha = aead == AeadAlgorithm.CHACHA20_POLY1305;
        rawCipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        rawKey = new SecretKeySpec(key, chacha ? "ChaCha20" : "AES");
        // Raw seal starts far from the ring's sequence numbers so its nonces never repeat those of the ring.
        rawSealSequence = 1L << 40;
    }

    /** A TLS 1.2 CBC-HMAC protection pair and a ring of records sealed for it. */
    @State(Scope.Thread)
    public static class Cbc {
        @Param({"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA"})
        public CipherSuite suite;

        @Param({"true", "false"})
        public boolean encryptThenMac;

        byte[] key;
        byte[] macKey;
        SecureRandom random;
        ByteBuf plaintextBuf;
        ByteBuf sealOut;
        Tls12CbcProtection sealer;
        Tls12CbcProtection opener;
        byte[][] fragments;
        ByteBuf receiveBuf;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            Random r = new Random(43);
            key = new byte[CipherSuites.cbc(suite).keyLength()];
            macKey = new byte[CipherSuites.mac(suite).length()];
            r.nextBytes(key);
            r.nextBytes(macKey);
            byte[] plaintext = new byte[RECORD];
            r.nextBytes(plaintext);
            random = SecureRandom.getInstance("DRBG"); // what TlsConfig uses by default
            plaintextBuf = Unpooled.wrappedBuffer(plaintext);
            sealOut = Unpooled.wrappedBuffer(new byte[RECORD + 2048]);
            sealer = create();
            Tls12CbcProtection ringSealer = create();
            fragments = new byte[RING][];
            for (int i = 0; i < RING; i++) {
                sealOut.clear();
                ringSealer.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
                sealOut.skipBytes(5);
                fragments[i] = new byte[sealOut.readableBytes()];
                sealOut.readBytes(fragments[i]);
            }
            receiveBuf = Unpooled.wrappedBuffer(new byte[fragments[0].length]);
            opener = create();
        }

        Tls12CbcProtection create() {
            return new Tls12CbcProtection(CipherSuites.cbc(suite), CipherSuites.mac(suite), key, macKey, encryptThenMac, random);
        }
    }

    @Benchmark
    public int sealOursCbc(Cbc s) {
        s.sealOut.clear();
        s.sealer.seal(ContentType.APPLICATION_DATA, s.plaintextBuf, s.sealOut);
        return s.sealOut.writerIndex();
    }

    @Benchmark
    public byte openOursCbc(Cbc s) {
        if (s.next == RING) {
            s.next = 0;
            s.opener = s.create();
        }
        s.receiveBuf.clear().writeBytes(s.fragments[s.next++]);
        s.receiveBuf.retain();
        PlainRecord plain = s.opener.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, s.receiveBuf));
        byte first = plain.fragment().getByte(0);
        plain.fragment().release();
        return first;
    }

    @Benchmark
    public int sealOursJce() {
        return seal(sealJce);
    }

    @Benchmark
    public int sealOursBouncyCastle() {
        return seal(sealBc);
    }

    private int seal(Tls12AeadProtection p) {
        sealOut.clear();
        p.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
        return sealOut.writerIndex();
    }

    @Benchmark
    public int sealRawJce() throws GeneralSecurityException {
        long seq = rawSealSequence++;
        rawCipher.init(Cipher.ENCRYPT_MODE, rawKey, rawSpec(seq));
        rawCipher.updateAAD(rawAad(seq, RECORD));
        byte[] out = sealOut.array();
        return rawCipher.doFinal(plaintext, 0, RECORD, out, 5 + aead.explicitNonceLength());
    }

    @Benchmark
    public byte openOursJce() {
        if (nextJce == RING) {
            nextJce = 0;
            openJce = new Tls12AeadProtection(aead, AeadBackends.jce(), key, fixedIv);
        }
        return open(openJce, nextJce++);
    }

    @Benchmark
    public byte openOursBouncyCastle() {
        if (nextBc == RING) {
            nextBc = 0;
            openBc = new Tls12AeadProtection(aead, AeadBackends.bouncyCastle(), key, fixedIv);
        }
        return open(openBc, nextBc++);
    }

    private byte open(Tls12AeadProtection p, int index) {
        byte[] fragment = fragments[index];
        receiveBuf.clear().writeBytes(fragment);
        // open() releases the fragment it is handed; keep the benchmark's buffer alive across invocations.
        receiveBuf.retain();
        PlainRecord plain = p.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, receiveBuf));
        byte first = plain.fragment().getByte(0);
        plain.fragment().release();
        return first;
    }

    @Benchmark
    public int openRawJce() throws GeneralSecurityException {
        int index = nextRaw;
        nextRaw = (index + 1) % RING;
        byte[] fragment = fragments[index];
        System.arraycopy(fragment, 0, receive, 0, fragment.length);
        int explicit = aead.explicitNonceLength();
        rawCipher.init(Cipher.DECRYPT_MODE, rawKey, rawSpec(index));
        rawCipher.updateAAD(rawAad(index, fragment.length - explicit - 16));
        return rawCipher.doFinal(receive, explicit, fragment.length - explicit, receive, explicit);
    }

    private AlgorithmParameterSpec rawSpec(long seq) {
        if (aead == AeadAlgorithm.CHACHA20_POLY1305) {
            System.arraycopy(fixedIv, 0, rawNonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                rawNonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
            return new IvParameterSpec(rawNonce);
        }
        System.arraycopy(fixedIv, 0, rawNonce, 0, 4);
        for (int i = 0; i < 8; i++) {
            rawNonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return new GCMParameterSpec(128, rawNonce);
    }

    private byte[] rawAad(long seq, int length) {
        for (int i = 0; i < 8; i++) {
            rawAad[i] = (byte) (seq >>> (56 - 8 * i));
        }
        rawAad[8] = 23;
        rawAad[9] = 3;
        rawAad[10] = 3;
        rawAad[11] = (byte) (length >>> 8);
        rawAad[12] = (byte) length;
        return rawAad;
    }
}
