package io.reactls.server;

import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.TlsHandler;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

/**
 * A client that sends data and closes TCP without close_notify: the server reports the truncation as a metric, a
 * DEBUG line and a {@link io.reactls.netty.TlsCloseEvent#TRUNCATED} event, and reactor-netty logs no WARN "An
 * exception has been observed post termination" (it did once per connection, as the echo's inbound was cancelled by
 * the close before the truncation was raised). reactor's loggers go through java.util.logging here (see the pom).
 */
class TruncationLogTest {

    /** Strong references: java.util.logging keeps loggers only weakly. */
    private static final Logger REACTOR_NETTY = Logger.getLogger("reactor.netty");
    private static final Logger TLS_HANDLER = Logger.getLogger(TlsHandler.class.getName());

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** The server's side of every connection, so the test can wait for what their event loops still had to do. */
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private Level handlerLevel;
    private DisposableServer server;

    @BeforeEach
    void start() {
        REACTOR_NETTY.addHandler(recorder);
        TLS_HANDLER.addHandler(recorder);
        handlerLevel = TLS_HANDLER.getLevel();
        TLS_HANDLER.setLevel(Level.FINE);
        // The plain echo whose inbound the closing channel cancels: where the WARN came from.
        server = TlsServer.create(tcpServer().doOnConnection(c -> channels.add(c.channel())), TlsServerOptions.builder(SERVER)
                        .observer(new MicrometerHandshakeMetrics(registry)).build())
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        REACTOR_NETTY.removeHandler(recorder);
        TLS_HANDLER.removeHandler(recorder);
        TLS_HANDLER.setLevel(handlerLevel);
    }

    private double truncations() {
        Counter c = registry.find(MicrometerHandshakeMetrics.TRUNCATIONS).tag("side", "server").counter();
        return c == null ? 0 : c.count();
    }

    /** The JDK's client over a socket we close ourselves: data, then a FIN with no close_notify before it. */
    private static void sendAndTruncate(int port, String line) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PKI.trustAnchors().certificates().iterator().next());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (Socket tcp = new Socket(InetAddress.getByName(LoopbackPorts.HOST), port)) {
            tcp.setSoTimeout(10_000);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, TestPki.HOST, port, false);
            byte[] data = line.getBytes(StandardCharsets.US_ASCII);
            tls.getOutputStream().write(data);
            tls.getOutputStream().flush();
            InputStream in = tls.getInputStream();
            assertThat(in.readNBytes(data.length)).isEqualTo(data);
        } // the TCP socket closes under the TLS one
    }

    @Test
    void truncationIsCountedAndLoggedAtDebugNotWarned() throws Exception {
        for (int i = 1; i <= 3; i++) {
            sendAndTruncate(server.port(), "line " + i + "\n");
        }
        assertThat(LoopbackPorts.poll(() -> truncations() == 3, Duration.ofSeconds(10)))
                .as("truncations counted: %s", truncations()).isTrue();
        assertThat(LoopbackPorts.poll(() -> records.stream().filter(r -> r.getLevel() == Level.FINE
                && r.getMessage().contains("without close_notify")).count() == 3, Duration.ofSeconds(10)))
                .as("one DEBUG line per truncated connection: %s", describe(records)).isTrue();
        // A WARN came right after the truncation was reported, on the connection's event loop: wait until every
        // connection is closed and its loop has run all it had queued (a close takes a few hops), then look.
        for (Channel channel : channels) {
            assertThat(channel.closeFuture().await(10, TimeUnit.SECONDS)).as("%s closed", channel).isTrue();
        }
        for (int hop = 0; hop < 3; hop++) {
            for (Channel channel : channels) {
                channel.eventLoop().submit(() -> { }).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(channels).hasSize(3);
        assertThat(records).as(describe(records)).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append('\n').append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage());
        }
        return sb.toString();
    }
}
