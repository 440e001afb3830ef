package io.reactls.server;

import static io.reactls.server.ServerFixtures.CLIENT;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.client.HttpsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * A failed handshake is the peer's problem, not the server's: reactor-netty must not log it as an ERROR (as it does not
 * for Netty's SslHandler, whose failures reach its connection observer as IOExceptions, logged at DEBUG), the failure
 * is counted, and the server keeps serving. reactor's loggers go through java.util.logging here (see the pom).
 */
class HandshakeFailureLogTest {

    /** Strong references: java.util.logging keeps loggers only weakly. */
    private static final Logger REACTOR_NETTY = Logger.getLogger("reactor.netty");
    private static final Logger NETTY = Logger.getLogger("io.netty");
    private static final Logger SERVER_TRANSPORT = Logger.getLogger("reactor.netty.transport.ServerTransport");

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
    private Level transportLevel;

    @BeforeEach
    void listen() {
        REACTOR_NETTY.addHandler(recorder);
        NETTY.addHandler(recorder);
        transportLevel = SERVER_TRANSPORT.getLevel();
        SERVER_TRANSPORT.setLevel(Level.FINE); // to see the DEBUG record a handshake failure is worth
    }

    @AfterEach
    void stopListening() {
        REACTOR_NETTY.removeHandler(recorder);
        NETTY.removeHandler(recorder);
        SERVER_TRANSPORT.setLevel(transportLevel);
    }

    private TlsServerOptions options() {
        return TlsServerOptions.builder(SERVER).observer(new MicrometerHandshakeMetrics(registry)).build();
    }

    private double failures() {
        return registry.find(MicrometerHandshakeMetrics.HANDSHAKE_FAILURES).tag("side", "server").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** Plaintext HTTP to a TLS port: the server answers with an alert and closes. */
    private static void sendGarbage(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName(LoopbackPorts.HOST), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // the alert, then the close
            }
        }
    }

    /** A client that does not trust our CA: it sends unknown_ca, the server fails with it. */
    private static io.reactls.TlsClientConfig distrustfulClient() {
        return io.reactls.TlsClientConfig.builder().trust(CertificateGenerator.ec().ca("someone else's CA").leaf("localhost")
                .trustAnchors()).build();
    }

    private void assertNoErrorLogged(int failedHandshakes) {
        assertThat(LoopbackPorts.poll(() -> failures() == failedHandshakes, Duration.ofSeconds(10)))
                .as("failures counted: %s", failures()).isTrue();
        assertThat(LoopbackPorts.poll(() -> records.stream().filter(r -> r.getMessage().contains("onUncaughtException"))
                .count() == failedHandshakes, Duration.ofSeconds(10)))
                .as("the connection observer heard of each failure: %s", describe(records)).isTrue();
        // The HTTP client in the same JVM warns of its own failed connection (reactor-netty does that for SslHandler
        // too): only the server's side is judged here.
        assertThat(records).as(describe(records)).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()
                && !r.getLoggerName().startsWith("reactor.netty.http.client."));
        assertThat(records).filteredOn(r -> r.getMessage().contains("onUncaughtException"))
                .allMatch(r -> r.getLevel() == Level.FINE, "logged at DEBUG, as for Netty's SslHandler");
    }

    private static String describe(List<LogRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) {
            sb.append('\n').append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage())
                    .append(r.getThrown() == null ? "" : " (" + r.getThrown() + ")");
        }
        return sb.toString();
    }

    @Test
    void tlsServerLogsNoErrorForFailedHandshakesAndKeepsServing() throws IOException {
        DisposableServer server = TlsServer.create(tcpServer(), options())
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
        try {
            sendGarbage(server.port());
            assertThatThrownBy(() -> client(server.port(), TlsClientOptions.builder(distrustfulClient())
                    .serverName(TestPki.HOST).build()).connect().block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.alert()).isEqualTo(AlertDescription.UNKNOWN_CA));
            assertNoErrorLogged(2);
            SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            byte[] data = randomBytes(1000);
            assertThat(echo(c, data).block()).isEqualTo(data);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void httpsServerLogsNoErrorForFailedHandshakesAndKeepsServing() throws IOException {
        HttpServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .handle((req, res) -> res.sendString(Mono.just("still here")));
        DisposableServer server = HttpsServer.secure(http, options()).bindNow(Duration.ofSeconds(10));
        try {
            sendGarbage(server.port());
            String base = "https://localhost:" + server.port() + "/";
            assertThatThrownBy(() -> HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(distrustfulClient()))
                    .get().uri(base).responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                    .isInstanceOf(TlsAlertException.class);
            assertNoErrorLogged(2);
            assertThat(HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(CLIENT)).get().uri(base)
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(10))).isEqualTo("still here");
        } finally {
            server.disposeNow();
        }
    }
}
