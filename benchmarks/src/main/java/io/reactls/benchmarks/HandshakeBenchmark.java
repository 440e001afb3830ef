package io.reactls.benchmarks;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full handshakes in memory, client and server together, certificate chain verified, no resumption: reactls'
 * {@link TlsEngine} against the JDK's {@link SSLEngine} in the same run, same certificate (P-256 leaf under a P-256
 * CA), suite and key-exchange group. One operation is one complete handshake of both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HandshakeBenchmark {

    /** Protocol, suite and group both stacks agree on; the group is pinned so both do the same ECDHE. */
    public enum Shape {
        TLS13_X25519(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "TLSv1.3", "x25519"),
        TLS13_P256(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP256R1, "TLSv1.3", "secp256r1"),
        TLS12_P256(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1,
                "TLSv1.2", "secp256r1");

        final TlsVersion version;
        final CipherSuite suite;
        final NamedGroup group;
        final String jdkProtocol;
        final String jdkGroup;

        Shape(TlsVersion version, CipherSuite suite, NamedGroup group, String jdkProtocol, String jdkGroup) {
            this.version = version;
            this.suite = suite;
            this.group = group;
            this.jdkProtocol = jdkProtocol;
            this.jdkGroup = jdkGroup;
        }
    }

    @Param({"TLS13_X25519", "TLS13_P256", "TLS12_P256"})
    public Shape shape;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private TlsConfig clientConfig;
    private TlsConfig serverConfig;
    private SSLContext jdkContext;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // JDK 17 has no per-engine group setting; JSSE reads this once, and each trial runs in a fresh fork.
        System.setProperty("jdk.tls.namedGroups", shape.jdkGroup);
        GeneratedPki pki = CertificateGenerator.ec().ca("bench CA").leaf("localhost");
        clientConfig = TlsConfig.client().trustAnchors(pki.trustAnchors()).versions(List.of(shape.version))
                .cipherSuites(List.of(shape.suite)).groups(List.of(shape.group)).build();
        serverConfig = TlsConfig.server(pki.leaf()).versions(List.of(shape.version))
                .cipherSuites(List.of(shape.suite)).groups(List.of(shape.group)).build();
        jdkContext = JdkTls.context(pki);
        if (reactls().group() != shape.group) {
            throw new IllegalStateException("reactls did not use " + shape.group);
        }
        jdkSslEngine();
    }

    @Benchmark
    public io.reactls.TlsSession reactls() {
        TlsEngine client = TlsEngine.client(clientConfig, "localhost", alloc);
        TlsEngine server = TlsEngine.server(serverConfig, alloc);
        try {
            ReactlsTls.handshake(client, server);
            return client.session();
        } finally {
            client.release();
            server.release();
        }
    }

    @Benchmark
    public String jdkSslEngine() throws SSLException {
        SSLEngine[] pair = JdkTls.pair(jdkContext, shape.jdkProtocol, shape.suite.name());
        JdkTls.handshake(pair[0], pair[1]);
        return pair[0].getSession().getCipherSuite();
    }
}
