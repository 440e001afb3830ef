package io.reactls.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
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
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * reactor-netty over loopback: an {@code HttpServer} (H2 and HTTP/1.1) and an {@code HttpClient} in this JVM on
 * 127.0.0.1, both secured by one {@link Stacks#HTTP stack}'s {@code SslContext} ({@link HttpContexts}: same
 * certificate, TLS 1.3, TLS_AES_128_GCM_SHA256, same ALPN). One operation is one GET answered with {@code size} bytes
 * over the one kept-alive connection, so the score is requests/s and MB/s = score × size / 10^6. The handshake is
 * paid once in setup, which also checks the body, the negotiated version, suite and ALPN protocol, and that the
 * connection is reused; teardown checks that the measured requests did not open another connection.
 *
 * <p>Server and client share two event-loop threads (the machine's cores), so the score is the CPU cost of both ends:
 * HTTP codec, reactor-netty and TLS, with TLS the only thing that differs between stacks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpLoopbackBenchmark {

    /** The {@code protocol} parameter's values. */
    static final List<String> PROTOCOLS = List.of("h1", "h2");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** {@code h1}: HTTP/1.1 (ALPN http/1.1); {@code h2}: HTTP/2 (ALPN h2). */
    @Param({"h1", "h2"})
    public String protocol;

    @Param({"reactls", "jdk", "openssl"})
    public String stack;

    /** Response body bytes. */
    @Param({"1024", "65536"})
    public int size;

    private LoopResources loops;
    private ConnectionProvider pool;
    private DisposableServer server;
    private final AtomicInteger accepted = new AtomicInteger();
    private Mono<Integer> request;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean h2 = BenchNames.oneOf("protocol", protocol, PROTOCOLS).equals("h2");
        String alpn = h2 ? "h2" : "http/1.1";
        HttpContexts contexts = HttpContexts.create(stack, alpn);
        byte[] payload = new byte[size];
        new Random(42).nextBytes(payload);
        String length = Integer.toString(size);

        loops = LoopResources.create("http-bench", 1, 2, true);
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
                .secure(spec -> spec.sslContext(contexts.server()))
                .doOnChannelInit((observer, channel, remote) -> accepted.incrementAndGet())
                .handle((req, res) -> res.header(HttpHeaderNames.CONTENT_LENGTH, length).sendByteArray(Mono.just(payload)))
                .bindNow(TIMEOUT);
        pool = ConnectionProvider.builder("http-bench").maxConnections(1).pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(pool).runOn(loops)
                .protocol(h2 ? HttpProtocol.H2 : HttpProtocol.HTTP11)
                .secure(spec -> spec.sslContext(contexts.client()))
                // "localhost" (the certificate's name, checked by the client) on 127.0.0.1 whatever /etc/hosts says.
                .resolver(spec -> spec.hostsFileEntriesResolver((host, type) -> InetAddress.getLoopbackAddress()))
                .baseUrl("https://" + TlsPeers.HOST + ":" + server.port());

        verify(client, payload, h2, alpn);
        request = client.get().uri("/")
                .response((res, body) -> res.status().code() == 200 ? body.map(ByteBuf::readableBytes).reduce(0, Integer::sum)
                        : Mono.error(new IllegalStateException(stack + " answered " + res.status())))
                .single();
        if (request() != size || accepted.get() != 1) {
            throw new IllegalStateException(stack + ": the second request did not reuse the connection ("
                    + accepted.get() + " accepted)");
        }
    }

    /** The first request: the body byte for byte, the protocol version and what TLS negotiated. */
    private void verify(HttpClient client, byte[] payload, boolean h2, String alpn) {
        AtomicReference<SSLEngine> engine = new AtomicReference<>();
        AtomicReference<String> version = new AtomicReference<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        client.doOnResponse((res, connection) -> {
                    engine.set(sslHandler(connection.channel()).engine());
                    version.set(res.version().text());
                })
                .get().uri("/").responseContent()
                .doOnNext(b -> {
                    byte[] bytes = new byte[b.readableBytes()];
                    b.getBytes(b.readerIndex(), bytes);
                    body.writeBytes(bytes);
                })
                .then().block(TIMEOUT);
        if (!Arrays.equals(body.toByteArray(), payload)) {
            throw new IllegalStateException(stack + " delivered " + body.size() + " bytes that differ from the "
                    + size + " sent");
        }
        String expectedVersion = h2 ? "HTTP/2.0" : "HTTP/1.1";
        SSLEngine e = engine.get();
        String got = version.get() + " " + e.getSession().getProtocol() + " " + e.getSession().getCipherSuite()
                + " ALPN " + e.getApplicationProtocol();
        String expected = expectedVersion + " " + HttpContexts.PROTOCOL + " " + HttpContexts.SUITE.name() + " ALPN " + alpn;
        if (!got.equals(expected)) {
            throw new IllegalStateException(stack + " negotiated " + got + ", not " + expected);
        }
    }

    /** The TLS handler of a connection; an HTTP/2 stream's is on its parent, the TCP connection. */
    private static SslHandler sslHandler(Channel channel) {
        Channel tcp = channel.parent() != null ? channel.parent() : channel;
        SslHandler ssl = tcp.pipeline().get(SslHandler.class);
        if (ssl == null) {
            throw new IllegalStateException("no SslHandler on " + tcp);
        }
        return ssl;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int connections = accepted.get();
        if (server != null) {
            server.disposeNow(TIMEOUT);
        }
        if (pool != null) {
            pool.disposeLater().block(TIMEOUT);
        }
        if (loops != null) {
            loops.disposeLater().block(TIMEOUT);
        }
        if (connections != 1) {
            throw new IllegalStateException(stack + ": " + connections + " connections were accepted; the measured"
                    + " requests were not all on the one kept-alive connection");
        }
    }

    /** One GET over the kept-alive connection; returns the body bytes received. */
    @Benchmark
    public int request() {
        Integer n = request.block(TIMEOUT);
        if (n == null || n != size) {
            throw new IllegalStateException(stack + " returned " + n + " bytes, not " + size);
        }
        return n;
    }
}
