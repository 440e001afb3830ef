package io.reactls.benchmarks;

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
 * Handshakes in memory, client and server together, per {@link Stacks#TLS stack} ({@code reactls bench handshake}):
 * one operation is one complete handshake of both sides, certificate chain and host name verified by the client,
 * with the same certificate, suite and key-exchange group for every stack.
 *
 * <p>{@code resumption=full}: every pair is new to the other, so the handshake is a full one. {@code resumed}: every
 * client is the same peer and offers the ticket (or TLS 1.2 session) the previous handshake left; setup checks that
 * the server then really skips its certificate, by counting the bytes it sends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HandshakeBenchmark {

    @Param({"reactls", "reactls-native", "jdk", "bcjsse", "boringssl"})
    public String stack;

    /** A {@link HandshakeKind} name. */
    @Param({"TLS13_X25519", "TLS13_P256", "TLS12_ECDHE_ECDSA"})
    public String kind;

    @Param({"full", "resumed"})
    public String resumption;

    private TlsPeers peers;
    private boolean resume;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HandshakeKind k = HandshakeKind.parse(kind);
        String unsupported = Stacks.handshakeUnsupported(stack, k);
        if (unsupported != null) {
            throw new UnsupportedOperationException(stack + ": " + unsupported);
        }
        resume = BenchNames.oneOf("resumption", resumption, java.util.List.of("full", "resumed")).equals("resumed");
        peers = TlsPeers.create(stack, k.shape(), false);
        int full;
        try (TlsPeers.Connection c = peers.connect(false)) {
            full = c.handshake();
            c.checkNegotiated(stack, k.shape());
        }
        if (resume) {
            handshake(); // leaves the ticket or session the next one resumes
            int resumed;
            try (TlsPeers.Connection c = peers.connect(true)) {
                resumed = c.handshake();
                c.checkNegotiated(stack, k.shape());
            }
            if (resumed > full - peers.chainBytes() / 2) {
                throw new UnsupportedOperationException(stack + " did not resume: the server sent " + resumed
                        + " bytes, " + full + " in a full handshake");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        peers.close();
    }

    /** One handshake of a new client and server; returns the server's bytes. */
    @Benchmark
    public int handshake() throws Exception {
        try (TlsPeers.Connection c = peers.connect(resume)) {
            return c.handshake();
        }
    }
}
