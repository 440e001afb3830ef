package io.reactls.server;

import static io.reactls.server.ServerFixtures.CLIENT;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.exchange;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.reactls.TlsClosedException;
import io.reactls.client.TlsClientOptions;
import io.reactls.engine.TlsEngine;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.SecureConnection;
import io.reactls.netty.TlsHandler;
import io.reactls.netty.TlsHandshakeTimeoutException;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

/** Peers that misbehave: the server frees everything (LeakGuard checks) and keeps serving the others. */
class FaultTest {

    /**
     * Short, so that the silent-peer test is quick, but only in that test: every other handshake here must be free to
     * take seconds on a loaded machine (BlockHound and paranoid leak detection make them slow).
     */
    private static final Duration SILENT_PEER_TIMEOUT = Duration.ofSeconds(3);
    /** How long to wait for what the server must do: long, as it costs nothing when the server is quick. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CopyOnWriteArrayList<Throwable> inboundErrors = new CopyOnWriteArrayList<>();
    private DisposableServer server;

    @BeforeEach
    void start() {
        server = start(Duration.ofSeconds(30));
    }

    private DisposableServer start(Duration handshakeTimeout) {
        return TlsServer.create(tcpServer(), TlsServerOptions.builder(SERVER)
                        .handshakeTimeout(handshakeTimeout)
                        .observer(new MicrometerHandshakeMetrics(registry)).build())
                .bind(c -> c.inbound().receive().doOnError(inboundErrors::add)
                        // Echo chunk by chunk with the inbound as the main stream: a peer's truncation then reaches
                        // it as an error (out.send(in.receive()) would cancel the inbound as the channel closes).
                        .concatMap(b -> c.outbound().send(reactor.core.publisher.Mono.just(b.retain())).then(), 1))
                .block(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private double failures(String alert) {
        Counter c = registry.find(MicrometerHandshakeMetrics.HANDSHAKE_FAILURES).tag("side", "server").tag("alert", alert).counter();
        return c == null ? 0 : c.count();
    }

    private void assertStillServing() {
        SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
        byte[] data = randomBytes(64 * 1024);
        assertThat(echo(c, data).block()).isEqualTo(data);
    }

    private Socket rawSocket() throws IOException {
        Socket s = new Socket(InetAddress.getByName(LoopbackPorts.HOST), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** A genuine ClientHello from a reactls client engine. */
    private static byte[] clientHello() {
        TlsEngine engine = TlsEngine.client(io.reactls.internal.PublicConfigs.engineConfig(CLIENT), TestPki.HOST, ByteBufAllocator.DEFAULT);
        try {
            engine.beginHandshake();
            ByteBuf hello = engine.takeOutbound();
            try {
                return ByteBufUtil.getBytes(hello);
            } finally {
                hello.release();
            }
        } finally {
            engine.release();
        }
    }

    @Test
    void handshakeTimeoutClosesASilentPeer() throws IOException {
        server.disposeNow();
        server = start(SILENT_PEER_TIMEOUT);
        long start = System.nanoTime();
        try (Socket silent = rawSocket()) {
            InputStream in = silent.getInputStream();
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SILENT_PEER_TIMEOUT.minusMillis(100));
        assertThat(LoopbackPorts.poll(() -> failures("timeout") == 1, PATIENCE)).isTrue();
        assertStillServing();
    }

    @Test
    void clientHandshakeTimeoutFiresAgainstAServerThatNeverAnswers() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 10, InetAddress.getByName(LoopbackPorts.HOST))) {
            var tls = client(mute.getLocalPort(), TlsClientOptions.builder(CLIENT).serverName(TestPki.HOST)
                    .handshakeTimeout(Duration.ofMillis(300)).build());
            assertThatThrownBy(() -> tls.connect().block(Duration.ofSeconds(10)))
                    .isInstanceOf(TlsHandshakeTimeoutException.class);
        }
    }

    @Test
    void peerDisconnectingMidHandshakeLeavesNothingBehind() throws IOException {
        byte[] hello = clientHello();
        try (Socket s = rawSocket()) {
            s.getOutputStream().write(Arrays.copyOf(hello, hello.length / 2));
            s.getOutputStream().flush();
        }
        try (Socket s = rawSocket()) {
            s.setSoLinger(true, 0); // a reset instead of a FIN
            s.getOutputStream().write(Arrays.copyOf(hello, 9));
            s.getOutputStream().flush();
        }
        assertThat(LoopbackPorts.poll(() -> failures("closed") == 2, PATIENCE))
                .as("both aborted handshakes are counted").isTrue();
        assertStillServing();
    }

    @Test
    void peerDisconnectingMidRecordIsReportedAsTruncation() {
        SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
        // One exchange first: the server's session tickets must be read before we close, or the unread bytes make our
        // kernel answer with a reset and the server sees "connection reset" instead of a cut record.
        byte[] data = randomBytes(100);
        assertThat(exchange(c, data).block()).isEqualTo(data);
        ChannelHandlerContext below = c.connection().channel().pipeline().context(TlsHandler.class);
        // Straight to the socket, under the TLS handler: an application_data header promising 16 KiB, then 100 bytes.
        ByteBuf partial = Unpooled.buffer().writeBytes(new byte[] {23, 3, 3, 0x40, 0}).writeZero(100);
        below.writeAndFlush(partial).addListener(f -> below.close());
        assertThat(LoopbackPorts.poll(() -> !inboundErrors.isEmpty(), PATIENCE)).isTrue();
        assertThat(inboundErrors.get(0)).isInstanceOf(TlsClosedException.class).hasMessageContaining("close_notify");
        assertStillServing();
    }

    @Test
    void peerClosingWithoutCloseNotifyIsReportedAsTruncation() {
        SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
        byte[] data = randomBytes(10_000);
        assertThat(exchange(c, data).block()).isEqualTo(data);
        ChannelHandlerContext below = c.connection().channel().pipeline().context(TlsHandler.class);
        below.close(); // the TCP connection ends without close_notify
        assertThat(LoopbackPorts.poll(() -> !inboundErrors.isEmpty(), PATIENCE)).isTrue();
        assertThat(inboundErrors.get(0)).isInstanceOf(TlsClosedException.class).hasMessageContaining("truncation");
        assertStillServing();
    }

}
