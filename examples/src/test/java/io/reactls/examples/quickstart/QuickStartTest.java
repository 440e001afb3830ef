package io.reactls.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TrustAnchors;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.SecureConnection;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import io.reactls.testing.LoopbackPorts;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/** Runs every README quick-start example against the others on 127.0.0.1. */
class QuickStartTest {

    static final GeneratedPki SERVER = CertificateGenerator.ec().ca("quick start CA").leaf("localhost", "127.0.0.1");

    @TempDir
    Path dir;

    private static DisposableServer echo(TlsServerOptions options) {
        return TlsServer.create(TcpServer.create().host("127.0.0.1").port(0), options)
                .bindNow(c -> c.outbound().send(c.inbound().receive().retain()));
    }

    private static SecureConnection connect(int port, TlsClientConfig config) {
        return TlsClient.create(TcpClient.create().host("localhost").port(port), TlsClientOptions.of(config)).connectNow();
    }

    private static void await(BooleanSupplier condition) {
        // Long, as it costs nothing when the condition comes quickly, and a loaded machine can take seconds.
        assertThat(LoopbackPorts.poll(condition, Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void pemHttpsServerAnsweredByHttpsClient() {
        GeneratedPki.PemFiles pem = SERVER.writePem(dir);
        DisposableServer server = QuickStart.pemHttpsServer(pem.chain(), pem.key(), 0);
        try {
            assertThat(QuickStart.httpsGet(pem.ca(), "https://localhost:" + server.port() + "/hello"))
                    .isEqualTo("hello over TLSv1.3");
            // A client trusting another CA is refused.
            Path otherCa = CertificateGenerator.ec().ca("other CA").leaf("localhost").writePem(dir.resolve("other")).ca();
            assertThatThrownBy(() -> QuickStart.httpsGet(otherCa, "https://localhost:" + server.port() + "/hello"))
                    .hasStackTraceContaining("unknown_ca");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void pkcs12EchoServerAnsweredByTcpClient() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        GeneratedPki decoy = CertificateGenerator.ec().ca("decoy CA").leaf("decoy");
        store.setKeyEntry("decoy", decoy.leaf().privateKey(), "pw".toCharArray(), decoy.leaf().chain().toArray(new Certificate[0]));
        store.setKeyEntry("server", SERVER.leaf().privateKey(), "pw".toCharArray(), SERVER.leaf().chain().toArray(new Certificate[0]));
        Path p12 = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "pw".toCharArray());
        }
        DisposableServer server = QuickStart.pkcs12EchoServer(p12, "pw".toCharArray(), 0);
        try {
            assertThat(QuickStart.tcpEcho(SERVER.writePem(dir).ca(), server.port(), "ping")).isEqualTo("ping");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void mutualTls() throws Exception {
        GeneratedPki clientPki = CertificateGenerator.ec().ca("client CA").leaf("client one");
        GeneratedPki.PemFiles clientPem = clientPki.writePem(dir);
        QuickStart.Mtls mtls = QuickStart.mutualTls(SERVER.leaf(), clientPki.trustAnchors(), SERVER.trustAnchors(),
                clientPem.chain(), clientPem.key());
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        DisposableServer server = TlsServer.create(TcpServer.create().host("127.0.0.1").port(0), TlsServerOptions.of(mtls.server()))
                .bindNow(c -> {
                    seen.set(c.session().peerCertificates().get(0));
                    return c.outbound().send(c.inbound().receive().retain());
                });
        try {
            SecureConnection connection = connect(server.port(), mtls.client());
            // TLS 1.3: the client is done a flight before the server, whose handler runs after its own Finished.
            await(() -> seen.get() != null);
            connection.close().block(Duration.ofSeconds(10));
            assertThat(seen.get()).isEqualTo(clientPki.leaf().leaf());
            // Without a client certificate the server refuses the handshake.
            TlsClientConfig anonymous = TlsClientConfig.builder().trust(SERVER.trustAnchors()).build();
            assertThatThrownBy(() -> connect(server.port(), anonymous).inbound().receive().blockLast(Duration.ofSeconds(10)))
                    .hasStackTraceContaining("certificate_required");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void metricsCountHandshakes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DisposableServer server = echo(QuickStart.withMetrics(TlsServerConfig.of(SERVER.leaf()), registry));
        try {
            assertThat(QuickStart.tcpEcho(SERVER.writePem(dir).ca(), server.port(), "one")).isEqualTo("one");
            await(() -> registry.find(MicrometerHandshakeMetrics.HANDSHAKE_TIME).timers().stream()
                    .mapToLong(t -> t.count()).sum() == 1);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void reloadServesTheNewCertificateToNewConnections() {
        GeneratedPki next = CertificateGenerator.ec().ca("next CA").leaf("localhost");
        GeneratedPki.PemFiles first = SERVER.writePem(dir.resolve("first"));
        GeneratedPki.PemFiles second = next.writePem(dir.resolve("second"));
        QuickStart.Reloadable reloadable = QuickStart.reloadable(first.chain(), first.key());
        DisposableServer server = echo(reloadable.options());
        TlsClientConfig client = TlsClientConfig.builder()
                .trust(TrustAnchors.of(SERVER.caCertificate(), next.caCertificate())).build();
        try {
            SecureConnection before = connect(server.port(), client);
            assertThat(before.session().peerCertificates().get(0)).isEqualTo(SERVER.leaf().leaf());
            QuickStart.reload(reloadable.certificates(), second.chain(), second.key());
            SecureConnection after = connect(server.port(), client);
            assertThat(after.session().peerCertificates().get(0)).isEqualTo(next.leaf().leaf());
            before.close().block(Duration.ofSeconds(10));
            after.close().block(Duration.ofSeconds(10));
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void asyncSignerSignsEveryHandshake() {
        AtomicInteger signatures = new AtomicInteger();
        SecureRandom random = new SecureRandom();
        QuickStart.Kms kms = (scheme, content) -> Mono.fromCallable(() -> {
            signatures.incrementAndGet();
            return scheme.sign(SERVER.leaf().privateKey(), content, random);
        }).subscribeOn(Schedulers.boundedElastic());
        DisposableServer server = echo(TlsServerOptions.of(QuickStart.asyncSigner(SERVER.leaf().chain(), kms)));
        try {
            assertThat(QuickStart.tcpEcho(SERVER.writePem(dir).ca(), server.port(), "signed")).isEqualTo("signed");
            assertThat(signatures.get()).isEqualTo(1);
        } finally {
            server.disposeNow();
        }
    }

    /** The transport-neutral connection on a plain TCP socket, against the Netty-handler server: echo, then a clean close. */
    @Test
    void tlsConnectionOverAPlainTcpConnection() {
        List<HandshakeEvent> events = new CopyOnWriteArrayList<>();
        DisposableServer server = echo(TlsServerOptions.builder(TlsServerConfig.of(SERVER.leaf()))
                .onHandshakeEvent(events::add).build());
        try {
            assertThat(QuickStart.overAnyTransport(SERVER.writePem(dir).ca(), server.port(), "any transport"))
                    .isEqualTo("any transport");
            // The server finished a real TLS handshake with it (not an echo of plaintext).
            await(() -> events.stream().anyMatch(e -> e.step() == HandshakeStep.APPLICATION_DATA));
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void handshakeEventsReportTheEightSteps() throws Exception {
        List<HandshakeEvent> events = new CopyOnWriteArrayList<>();
        DisposableServer server = echo(QuickStart.withEvents(TlsServerConfig.of(SERVER.leaf()), events));
        try {
            assertThat(QuickStart.tcpEcho(SERVER.writePem(dir).ca(), server.port(), "events")).isEqualTo("events");
            await(() -> events.stream().anyMatch(e -> e.step() == HandshakeStep.APPLICATION_DATA));
            assertThat(events).extracting(HandshakeEvent::step).startsWith(HandshakeStep.CLIENT_HELLO)
                    .contains(HandshakeStep.SERVER_HELLO, HandshakeStep.KEYS_DERIVED, HandshakeStep.SERVER_FINISHED);
        } finally {
            server.disposeNow();
        }
    }
}
