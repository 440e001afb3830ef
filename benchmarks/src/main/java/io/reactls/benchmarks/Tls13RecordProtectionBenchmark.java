package io.reactls.benchmarks;

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
import io.reactls.record.Tls13AeadProtection;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Full 16 KiB records through {@link Tls13AeadProtection} next to {@link Tls12AeadProtection} with the same key, so the
 * cost of TLS 1.3's layout (type byte appended, content copied next to it and sealed in place, padding scan on open)
 * shows as the 1.3/1.2 ratio. Opening uses a ring of records sealed up front, as in {@link RecordProtectionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Tls13RecordProtectionBenchmark {

    static final int RECORD = RecordProtection.MAX_PLAINTEXT;
    static final int RING = 256;

    @Param({"AES_128_GCM", "CHACHA20_POLY1305"})
    public AeadAlgorithm aead;

    @Param({"JCE", "BC"})
    public String backend;

    private byte[] key;
    private byte[] iv13;
    private byte[] iv12;
    private ByteBuf plaintextBuf;
    private ByteBuf sealOut;
    private Tls13AeadProtection seal13;
    private Tls12AeadProtection seal12;
    private byte[][] ring13;
    private byte[][] ring12;
    private ByteBuf receiveBuf;
    private Tls13AeadProtection open13;
    private Tls12AeadProtection open12;
    private int next13;
    private int next12;

    private AeadBackend backend() {
        return backend.equals("JCE") ? AeadBackends.jce() : AeadBackends.bouncyCastle();
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        key = new byte[aead.keyLength()];
        iv13 = new byte[12];
        iv12 = new byte[aead.fixedIvLength()];
        byte[] plaintext = new byte[RECORD];
        random.nextBytes(key);
        random.nextBytes(iv13);
        random.nextBytes(iv12);
        random.nextBytes(plaintext);
        plaintextBuf = Unpooled.wrappedBuffer(plaintext);
        sealOut = Unpooled.wrappedBuffer(new byte[RECORD + 64]);
        seal13 = new Tls13AeadProtection(aead, backend(), key, iv13);
        seal12 = new Tls12AeadProtection(aead, backend(), key, iv12);
        ring13 = ring(new Tls13AeadProtection(aead, AeadBackends.jce(), key, iv13));
        ring12 = ring(new Tls12AeadProtection(aead, AeadBackends.jce(), key, iv12));
        receiveBuf = Unpooled.wrappedBuffer(new byte[RECORD + 64]);
        open13 = new Tls13AeadProtection(aead, backend(), key, iv13);
        open12 = new Tls12AeadProtection(aead, backend(), key, iv12);
    }

    private byte[][] ring(RecordProtection sealer) {
        byte[][] fragments = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            sealOut.clear();
            sealer.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
            sealOut.skipBytes(5);
            fragments[i] = new byte[sealOut.readableBytes()];
            sealOut.readBytes(fragments[i]);
        }
        return fragments;
    }

    @Benchmark
    public int sealTls13() {
        sealOut.clear();
        seal13.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
        return sealOut.writerIndex();
    }

    @Benchmark
    public int sealTls12() {
        sealOut.clear();
        seal12.seal(ContentType.APPLICATION_DATA, plaintextBuf, sealOut);
        return sealOut.writerIndex();
    }

    @Benchmark
    public byte openTls13() {
        if (next13 == RING) {
            next13 = 0;
            open13 = new Tls13AeadProtection(aead, backend(), key, iv13);
        }
        return open(open13, ring13[next13++]);
    }

    @Benchmark
    public byte openTls12() {
        if (next12 == RING) {
            next12 = 0;
            open12 = new Tls12AeadProtection(aead, backend(), key, iv12);
        }
        return open(open12, ring12[next12++]);
    }

    private byte open(RecordProtection p, byte[] fragment) {
        receiveBuf.clear().writeBytes(fragment);
        // open() releases the fragment it is handed; keep the benchmark's buffer alive across invocations.
        receiveBuf.retain();
        PlainRecord plain = p.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, receiveBuf));
        byte first = plain.fragment().getByte(0);
        plain.fragment().release();
        return first;
    }
}
