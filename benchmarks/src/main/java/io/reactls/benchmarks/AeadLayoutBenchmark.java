package io.reactls.benchmarks;

import io.reactls.crypto.AeadAlgorithm;
import java.nio.ByteBuffer;
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
 * Where the JDK's own AEAD is fastest to open a 16 KiB TLS 1.3 record: the question the record layer's buffer layout
 * answers by measurement ({@code Tls13AeadProtection}'s open strategy). A bare {@link Cipher}, one record per op:
 * <ul>
 * <li>{@code inPlace}: decrypt into the same array at the same offset (SunJCE's GCM then skips its fused AVX-512
 * decrypt+GHASH intrinsic, JDK 17's ChaCha20-Poly1305 buffers a ciphertext that does not start at offset 0);</li>
 * <li>{@code separate}: ciphertext at a non-zero offset of one array, plaintext into another;</li>
 * <li>{@code direct}: direct {@link ByteBuffer}s in and out, as Netty's pooled direct buffers would give;</li>
 * <li>{@code directViaHeap}: the direct ciphertext copied to a heap array first, opened into a second array, the
 * plaintext copied back into direct memory: the price of not trusting the cipher on direct memory.</li>
 * </ul>
 * Each op opens the same sealed record (the JDK allows any number of decryptions under one nonce), so it measures
 * the cipher and the copies, nothing else. {@code op=seal} measures the same layouts for encryption.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AeadLayoutBenchmark {

    private static final int CONTENT = 16_384 + 1;
    private static final int OFFSET = 21; // an odd, non-zero offset, as a slice of a pooled buffer has

    @Param({"AES_128_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"inPlace", "separate", "direct", "directViaHeap"})
    public String layout;

    @Param({"open", "seal"})
    public String op;

    private Cipher cipher;
    private SecretKeySpec key;
    private byte[] nonce;
    private byte[] aad;
    private byte[] sealed;
    private byte[] work;
    private byte[] out;
    private ByteBuffer directIn;
    private ByteBuffer directOut;
    private boolean chacha;
    private int flip;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        chacha = aead == AeadAlgorithm.CHACHA20_POLY1305;
        Random r = new Random(1);
        byte[] k = new byte[aead.keyLength()];
        r.nextBytes(k);
        key = new SecretKeySpec(k, chacha ? "ChaCha20" : "AES");
        nonce = new byte[12];
        r.nextBytes(nonce);
        aad = new byte[] {23, 3, 3, (byte) ((CONTENT + 16) >>> 8), (byte) (CONTENT + 16)};
        cipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        byte[] plain = new byte[CONTENT];
        r.nextBytes(plain);
        init(Cipher.ENCRYPT_MODE);
        sealed = cipher.doFinal(plain);
        work = new byte[OFFSET + CONTENT + 16];
        out = new byte[OFFSET + CONTENT + 16];
        directIn = ByteBuffer.allocateDirect(OFFSET + CONTENT + 16);
        directOut = ByteBuffer.allocateDirect(OFFSET + CONTENT + 16);
        System.arraycopy(sealed, 0, work, OFFSET, sealed.length);
        directIn.position(OFFSET);
        directIn.put(sealed);
        if (op.equals("seal")) {
            System.arraycopy(plain, 0, work, OFFSET, plain.length);
            directIn.clear().position(OFFSET);
            directIn.put(plain);
        }
    }

    private void init(int mode) throws Exception {
        if (mode == Cipher.ENCRYPT_MODE || chacha) {
            // The JDK refuses to encrypt twice under one key and nonce: step the nonce for every seal.
            flip++;
            for (int i = 0; i < 4; i++) {
                nonce[i] = (byte) (flip >>> (8 * i));
            }
        }
        cipher.init(mode, key, chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
    }

    @Benchmark
    public int run() throws Exception {
        boolean open = op.equals("open");
        int len = open ? CONTENT + 16 : CONTENT;
        if (open && layout.equals("inPlace")) {
            // In place destroys the ciphertext: put it back (a copy the socket read would have made anyway).
            System.arraycopy(sealed, 0, work, OFFSET, sealed.length);
        }
        if (open && chacha) {
            // ChaCha20 re-init under the same nonce is refused even for decryption: alternate with a throwaway one.
            nonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            nonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            cipher.updateAAD(aad);
        } else {
            init(open ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE);
        }
        switch (layout) {
            case "inPlace":
                return cipher.doFinal(work, OFFSET, len, work, OFFSET);
            case "separate":
                return cipher.doFinal(work, OFFSET, len, out, OFFSET);
            case "direct": {
                ByteBuffer in = directIn.clear().position(OFFSET).limit(OFFSET + len);
                ByteBuffer o = directOut.clear().position(OFFSET);
                return cipher.doFinal(in, o);
            }
            default: {
                ByteBuffer in = directIn.clear().position(OFFSET).limit(OFFSET + len);
                in.get(work, OFFSET, len);
                int n = cipher.doFinal(work, OFFSET, len, out, OFFSET);
                directOut.clear().position(OFFSET);
                directOut.put(out, OFFSET, n);
                return n;
            }
        }
    }
}
