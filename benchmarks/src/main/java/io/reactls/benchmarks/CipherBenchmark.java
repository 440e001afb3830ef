package io.reactls.benchmarks;

import io.reactls.crypto.CipherSuites;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordProtection;
import io.reactls.record.Tls12AeadProtection;
import io.reactls.record.Tls12CbcProtection;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
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
 * The cipher alone ({@code reactls bench cipher}, the {@code openssl speed -evp} of the JVM): one operation seals
 * {@code size} bytes as a TLS 1.2 application-data record and opens it again, per suite and crypto backend.
 *
 * <ul>
 *   <li>{@code reactls-jce} / {@code reactls-bc}: reactls' record protection ({@link Tls12AeadProtection} on the
 *   SunJCE or Bouncy Castle AEAD backend; {@link Tls12CbcProtection}, encrypt-then-MAC, for the CBC-HMAC suites);</li>
 *   <li>{@code jce}: a bare {@link Cipher} (and {@link Mac}) doing the same cryptography on the same arrays — the
 *   same nonce and 13-byte additional data for the AEADs; for CBC the same random explicit IV, padding and HMAC over
 *   sequence number, header and ciphertext — the floor any JCE-based record layer can reach.</li>
 * </ul>
 * Only the AEAD (or cipher and MAC) of the suite matters here: TLS 1.3 and TLS 1.2 suites with the same AEAD do the
 * same work. Setup checks that the opened bytes are the ones sealed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CipherBenchmark {

    private static final int HEADER = 5;
    private static final int BLOCK = 16;

    @Param({"reactls-jce", "reactls-bc", "jce"})
    public String stack;

    @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"})
    public String suite;

    @Param({"64", "1024", "16384"})
    public int size;

    private CipherSuite cipherSuite;
    private byte[] plaintext;
    private ByteBuf plaintextBuf;
    private byte[] wire;
    private ByteBuf wireBuf;
    private byte[] opened;

    private RecordProtection sealer;
    private RecordProtection opener;

    // raw JCE
    private Cipher encryptor;
    private Cipher decryptor;
    private SecretKeySpec key;
    private Mac mac;
    private byte[] fixedIv;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private final byte[] macHeader = new byte[13];
    private byte[] computedMac;
    private byte[] receivedMac;
    private SecureRandom random;
    private final byte[] randomPool = new byte[64 * BLOCK];
    private int randomUsed = randomPool.length;
    private byte[] scratch;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        cipherSuite = BenchNames.suite(suite);
        BenchNames.oneOf("stack", stack, Stacks.CIPHER);
        String unsupported = Stacks.cipherUnsupported(stack, cipherSuite);
        if (unsupported != null) {
            throw new UnsupportedOperationException(stack + ": " + unsupported);
        }
        if (size < 1 || size > RecordProtection.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("size " + size + " is not 1.." + RecordProtection.MAX_PLAINTEXT + " (one record)");
        }
        Random r = new Random(42);
        plaintext = new byte[size];
        r.nextBytes(plaintext);
        plaintextBuf = Unpooled.wrappedBuffer(plaintext);
        wire = new byte[size + 2048];
        wireBuf = Unpooled.wrappedBuffer(wire);
        opened = new byte[size + 2048];
        scratch = new byte[size + 2048];
        random = SecureRandom.getInstance("DRBG"); // what TlsConfig uses by default
        byte[] keyBytes;
        if (cipherSuite.isCbc()) {
            keyBytes = new byte[CipherSuites.cbc(cipherSuite).keyLength()];
            byte[] macKey = new byte[CipherSuites.mac(cipherSuite).length()];
            r.nextBytes(keyBytes);
            r.nextBytes(macKey);
            sealer = new Tls12CbcProtection(CipherSuites.cbc(cipherSuite), CipherSuites.mac(cipherSuite), keyBytes, macKey, true, random);
            opener = new Tls12CbcProtection(CipherSuites.cbc(cipherSuite), CipherSuites.mac(cipherSuite), keyBytes, macKey, true, random);
            key = new SecretKeySpec(keyBytes, "AES");
            encryptor = Cipher.getInstance("AES/CBC/NoPadding");
            encryptor.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
            decryptor = Cipher.getInstance("AES/CBC/NoPadding");
            decryptor.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
            mac = Mac.getInstance(CipherSuites.mac(cipherSuite).jcaName());
            mac.init(new SecretKeySpec(macKey, CipherSuites.mac(cipherSuite).jcaName()));
            computedMac = new byte[CipherSuites.mac(cipherSuite).length()];
            receivedMac = new byte[computedMac.length];
        } else {
            AeadAlgorithm aead = CipherSuites.aead(cipherSuite);
            keyBytes = new byte[aead.keyLength()];
            fixedIv = new byte[aead.fixedIvLength()];
            r.nextBytes(keyBytes);
            r.nextBytes(fixedIv);
            var backend = stack.equals(Stacks.REACTLS_BC) ? AeadBackends.bouncyCastle() : AeadBackends.jce();
            sealer = new Tls12AeadProtection(aead, backend, keyBytes, fixedIv);
            opener = new Tls12AeadProtection(aead, backend, keyBytes, fixedIv);
            boolean chacha = aead == AeadAlgorithm.CHACHA20_POLY1305;
            encryptor = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            decryptor = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
            key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        }
        sealOpen();
        if (!Arrays.equals(opened, 0, size, plaintext, 0, size)) {
            throw new IllegalStateException(stack + " opened other bytes than it sealed");
        }
    }

    /** Seals one record of {@code size} bytes and opens it; returns the first plaintext byte. */
    @Benchmark
    public byte sealOpen() throws GeneralSecurityException {
        if (stack.equals(Stacks.RAW_JCE)) {
            return cipherSuite.isCbc() ? rawCbc() : rawAead();
        }
        wireBuf.clear();
        sealer.seal(ContentType.APPLICATION_DATA, plaintextBuf, wireBuf);
        ByteBuf fragment = wireBuf.slice(HEADER, wireBuf.writerIndex() - HEADER);
        // open() releases the fragment it is handed; the benchmark's buffer stays alive across operations.
        fragment.retain();
        PlainRecord plain = opener.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, fragment));
        ByteBuf p = plain.fragment();
        if (opened != null && sequence == 0) {
            p.getBytes(p.readerIndex(), opened, 0, size);
        }
        sequence++;
        byte first = p.getByte(p.readerIndex());
        p.release();
        return first;
    }

    private byte rawAead() throws GeneralSecurityException {
        long seq = sequence++;
        int explicit = CipherSuites.aead(cipherSuite).explicitNonceLength();
        encryptor.init(Cipher.ENCRYPT_MODE, key, spec(seq));
        encryptor.updateAAD(aad(seq, size));
        int sealed = encryptor.doFinal(plaintext, 0, size, wire, HEADER + explicit);
        decryptor.init(Cipher.DECRYPT_MODE, key, spec(seq));
        decryptor.updateAAD(aad(seq, size));
        decryptor.doFinal(wire, HEADER + explicit, sealed, opened, 0);
        return opened[0];
    }

    private AlgorithmParameterSpec spec(long seq) {
        if (CipherSuites.aead(cipherSuite) == AeadAlgorithm.CHACHA20_POLY1305) {
            System.arraycopy(fixedIv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
            return new IvParameterSpec(nonce);
        }
        System.arraycopy(fixedIv, 0, nonce, 0, 4);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
        }
        return new GCMParameterSpec(128, nonce);
    }

    private byte[] aad(long seq, int length) {
        header(aad, seq, length);
        return aad;
    }

    private static void header(byte[] h, long seq, int length) {
        for (int i = 0; i < 8; i++) {
            h[i] = (byte) (seq >>> (56 - 8 * i));
        }
        h[8] = 23;
        h[9] = 3;
        h[10] = 3;
        h[11] = (byte) (length >>> 8);
        h[12] = (byte) length;
    }

    /**
     * Encrypt-then-MAC as reactls does it: a random block, the payload and minimal padding through a chained CBC
     * encryptor (the record's explicit IV is the first ciphertext block), then HMAC over sequence number, header and
     * IV + ciphertext; opening checks the MAC in constant time, decrypts and checks the padding.
     */
    private byte rawCbc() throws GeneralSecurityException {
        long seq = sequence++;
        if (randomUsed == randomPool.length) {
            random.nextBytes(randomPool);
            randomUsed = 0;
        }
        System.arraycopy(randomPool, randomUsed, scratch, 0, BLOCK);
        randomUsed += BLOCK;
        System.arraycopy(plaintext, 0, scratch, BLOCK, size);
        int padded = (size + 1 + BLOCK - 1) / BLOCK * BLOCK;
        int padLength = padded - size - 1;
        Arrays.fill(scratch, BLOCK + size, BLOCK + padded, (byte) padLength);
        int encrypted = BLOCK + padded;
        encryptor.update(scratch, 0, encrypted, wire, HEADER);
        header(macHeader, seq, encrypted);
        mac.update(macHeader);
        mac.update(wire, HEADER, encrypted);
        mac.doFinal(wire, HEADER + encrypted);

        header(macHeader, seq, encrypted);
        mac.update(macHeader);
        mac.update(wire, HEADER, encrypted);
        mac.doFinal(computedMac, 0);
        System.arraycopy(wire, HEADER + encrypted, receivedMac, 0, receivedMac.length);
        if (!MessageDigest.isEqual(computedMac, receivedMac)) {
            throw new IllegalStateException("bad record MAC");
        }
        decryptor.update(wire, HEADER, encrypted, scratch, 0);
        int pad = scratch[encrypted - 1] & 0xff;
        for (int i = encrypted - 1 - pad; i < encrypted - 1; i++) {
            if ((scratch[i] & 0xff) != pad) {
                throw new IllegalStateException("bad padding");
            }
        }
        int length = encrypted - BLOCK - pad - 1;
        System.arraycopy(scratch, BLOCK, opened, 0, length);
        return opened[0];
    }
}
