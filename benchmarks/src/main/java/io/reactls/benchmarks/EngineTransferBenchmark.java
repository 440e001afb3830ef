package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLS record protection through a whole stack ({@code reactls bench record}): two connected engines in memory, the
 * client seals {@code size} bytes of application data and the server opens them, for each {@link Stacks#TLS stack}
 * with the same suite, certificate and payload. This is the per-record path a user gets (framing, sequence numbers,
 * AEAD, buffer handling), not just the cipher.
 *
 * <p>{@code buffer=heap}: pooled heap {@code ByteBuf}s for reactls, heap {@code ByteBuffer}s for the SSLEngines;
 * {@code direct}: the same in direct memory. The payload goes out as one record when it fits: the default large size
 * is 16000 because the JDK's TLS 1.3 records carry at most 16,367 bytes, so 16 KiB would be two records there and
 * one elsewhere. The delivered plaintext is compared with what was sent once, in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineTransferBenchmark {

    @Param({"reactls", "reactls-native", "jdk", "bcjsse", "boringssl"})
    public String stack;

    /** IANA (or OpenSSL) suite name; its TLS version is the suite's. */
    @Param({"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
    public String suite;

    @Param({"16000", "1024"})
    public int size;

    @Param({"heap", "direct"})
    public String buffer;

    private TlsPeers peers;
    private TlsPeers.Connection connection;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CipherSuite s = BenchNames.suite(suite);
        String unsupported = Stacks.recordUnsupported(stack, s);
        if (unsupported != null) {
            throw new UnsupportedOperationException(stack + ": " + unsupported);
        }
        boolean direct = BenchNames.oneOf("buffer", buffer, java.util.List.of("heap", "direct")).equals("direct");
        peers = TlsPeers.create(stack, TlsShape.forSuite(s), direct);
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        peers.payload(bytes);
        connection = peers.connect(false);
        connection.handshake();
        connection.checkNegotiated(stack, TlsShape.forSuite(s));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        connection.transfer(received);
        if (!Arrays.equals(received.toByteArray(), bytes)) {
            throw new IllegalStateException(stack + " delivered " + received.size() + " bytes that differ from the "
                    + size + " sent");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        connection.close();
        peers.close();
    }

    /** One payload sealed by the client and opened by the server; returns the plaintext bytes delivered. */
    @Benchmark
    public int transfer() throws Exception {
        return connection.transfer(null);
    }
}
