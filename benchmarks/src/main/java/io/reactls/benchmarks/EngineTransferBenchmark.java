package io.reactls.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
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
 * Application data through two connected engines in memory — the client seals a record, the server opens it — for
 * reactls' {@link TlsEngine} and, as the baseline in the same run, the JDK's {@link SSLEngine} with the same suite,
 * certificate and payload. This is the whole per-record path a user gets (framing, sequence numbers, AEAD, buffer
 * handling), not just the cipher: the number that says whether reactls is faster than the JDK's TLS.
 *
 * <p>Both sides use heap buffers: reactls gets pooled heap {@code ByteBuf}s as under Netty, the JDK heap
 * {@code ByteBuffer}s sized once. Each operation moves {@code size} plaintext bytes: one record for reactls
 * whenever {@code size} is at most 16 KiB; see {@link #jdkSslEngine} for the JDK's record size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineTransferBenchmark {

    /** Suites both stacks speak; the TLS 1.2 ones use ECDHE_ECDSA because the certificate is EC. */
    public enum Suite {
        TLS13_AES_128_GCM(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, "TLSv1.3"),
        TLS13_AES_256_GCM(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_256_GCM_SHA384, "TLSv1.3"),
        TLS13_CHACHA20_POLY1305(TlsVersion.TLS_1_3, CipherSuite.TLS_CHACHA20_POLY1305_SHA256, "TLSv1.3"),
        TLS12_AES_128_GCM(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLSv1.2"),
        TLS12_CHACHA20_POLY1305(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "TLSv1.2");

        final TlsVersion version;
        final CipherSuite suite;
        final String jdkProtocol;

        Suite(TlsVersion version, CipherSuite suite, String jdkProtocol) {
            this.version = version;
            this.suite = suite;
            this.jdkProtocol = jdkProtocol;
        }
    }

    @Param({"TLS13_AES_128_GCM", "TLS13_CHACHA20_POLY1305", "TLS12_AES_128_GCM"})
    public Suite suite;

    @Param({"16384", "16000", "1024"})
    public int size;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    private ByteBuf plaintext;
    private TlsEngine ourClient;
    private TlsEngine ourServer;

    private SSLEngine jdkClient;
    private SSLEngine jdkServer;
    private ByteBuffer jdkSource;
    private ByteBuffer jdkNet;
    private ByteBuffer jdkApp;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        GeneratedPki pki = CertificateGenerator.ec().ca("bench CA").leaf("localhost");
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        plaintext = alloc.heapBuffer(size).writeBytes(bytes);
        setUpReactls(pki);
        setUpJdk(pki, bytes);
        int ours = reactls();
        int jdk = jdkSslEngine();
        if (ours != size || jdk != size) {
            throw new IllegalStateException("a transfer delivered " + ours + " (reactls) and " + jdk + " (JDK) bytes, not " + size);
        }
    }

    private void setUpReactls(GeneratedPki pki) {
        TlsConfig client = TlsConfig.client().trustAnchors(pki.trustAnchors())
                .versions(List.of(suite.version)).cipherSuites(List.of(suite.suite)).build();
        TlsConfig server = TlsConfig.server(pki.leaf())
                .versions(List.of(suite.version)).cipherSuites(List.of(suite.suite)).build();
        ourClient = TlsEngine.client(client, "localhost", alloc);
        ourServer = TlsEngine.server(server, alloc);
        ReactlsTls.handshake(ourClient, ourServer);
        if (ourClient.session().cipherSuite() != suite.suite) {
            throw new IllegalStateException("reactls negotiated " + ourClient.session().cipherSuite());
        }
    }

    private void setUpJdk(GeneratedPki pki, byte[] bytes) throws Exception {
        SSLEngine[] pair = JdkTls.pair(JdkTls.context(pki), suite.jdkProtocol, suite.suite.name());
        jdkClient = pair[0];
        jdkServer = pair[1];
        JdkTls.handshake(jdkClient, jdkServer);
        if (!jdkClient.getSession().getCipherSuite().equals(suite.suite.name())) {
            throw new IllegalStateException("JDK negotiated " + jdkClient.getSession().getCipherSuite());
        }
        int net = jdkClient.getSession().getPacketBufferSize();
        int app = jdkClient.getSession().getApplicationBufferSize();
        jdkSource = ByteBuffer.allocate(size).put(bytes).flip();
        jdkNet = ByteBuffer.allocate(Math.max(net, size + 1024) * 2);
        jdkApp = ByteBuffer.allocate(Math.max(app, size) * 2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ourClient.release();
        ourServer.release();
        plaintext.release();
    }

    /** reactls: client seals (send + takeOutbound), server opens (receive + takePlaintext). */
    @Benchmark
    public int reactls() {
        ourClient.send(plaintext.retainedSlice());
        ourServer.receive(ourClient.takeOutbound());
        int n = 0;
        ByteBuf p;
        while ((p = ourServer.takePlaintext()) != null) {
            n += p.readableBytes();
            p.release();
        }
        return n;
    }

    /**
     * The JDK: client wrap, server unwrap, same payload. Its TLS 1.3 records carry at most 16,367 bytes, so 16 KiB
     * takes two wraps there; {@code size=16000} compares one record against one record.
     */
    @Benchmark
    public int jdkSslEngine() throws SSLException {
        jdkSource.rewind();
        jdkNet.clear();
        while (jdkSource.hasRemaining()) {
            SSLEngineResult w = jdkClient.wrap(jdkSource, jdkNet);
            if (w.bytesConsumed() == 0) {
                throw new IllegalStateException("JDK wrap made no progress: " + w);
            }
        }
        jdkNet.flip();
        int n = 0;
        while (jdkNet.hasRemaining()) {
            jdkApp.clear();
            SSLEngineResult r = jdkServer.unwrap(jdkNet, jdkApp);
            n += r.bytesProduced();
            if (r.bytesConsumed() == 0) {
                throw new IllegalStateException("JDK unwrap made no progress: " + r);
            }
        }
        return n;
    }
}
