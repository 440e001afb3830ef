package io.reactls.server;

import static io.reactls.server.ServerFixtures.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import io.reactls.testing.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

/**
 * RFC 8470 §5.2 on {@link HttpsServer}: openssl s_client resumes a ticket and sends an HTTP request as TLS 1.3 0-RTT
 * data; an unsafe method is answered 425 Too Early without reaching the route (and served when sent again after the
 * handshake, on the same connection), a safe one is served, and {@link EarlyDataRequests#ALL} serves both.
 */
class EarlyDataRequestsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String POST = "POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello";
    private static final String GET = "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();

    @TempDir
    Path dir;

    @Test
    void anEarlyPostIsTooEarlyAndServedWhenSentAgainAfterTheHandshake() throws Exception {
        DisposableServer server = start(EarlyDataRequests.SAFE_METHODS);
        try {
            Path session = firstConnection(server.port());
            try (PeerProcess client = earlyClient(server.port(), session, POST)) {
                assertThat(response(client, "\r\n\r\n")).startsWith("HTTP/1.1 425 Too Early\r\n");
                assertThat(posts).as("the route never saw the early POST").hasValue(0);
                // The client sends it again after the handshake, on the same connection: now it is served.
                client.writeAsync(POST.getBytes(StandardCharsets.US_ASCII)).join();
                assertThat(response(client, "posted hello")).contains("HTTP/1.1 200 OK\r\n")
                        .endsWith("early=ACCEPTED posted hello"); // the session is the connection's
                assertThat(posts).hasValue(1);
            }
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void anEarlyGetIsServed() throws Exception {
        DisposableServer server = start(EarlyDataRequests.SAFE_METHODS);
        try {
            Path session = firstConnection(server.port());
            int before = gets.get();
            try (PeerProcess client = earlyClient(server.port(), session, GET)) {
                assertThat(response(client, "got x")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("early=ACCEPTED got x");
                assertThat(gets).hasValue(before + 1);
            }
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void aPostPipelinedBehindAnEarlyGetIsTooEarlyToo() throws Exception {
        DisposableServer server = start(EarlyDataRequests.SAFE_METHODS);
        try {
            Path session = firstConnection(server.port());
            try (PeerProcess client = earlyClient(server.port(), session, GET + POST)) {
                String out = response(client, "425 Too Early");
                // In order: the GET's answer, then the 425 for the POST that followed it in the same 0-RTT data.
                assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("early=ACCEPTED got xHTTP/1.1 425 Too Early\r\n");
                assertThat(posts).hasValue(0);
            }
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void withAllAnEarlyPostIsServed() throws Exception {
        DisposableServer server = start(EarlyDataRequests.ALL);
        try {
            Path session = firstConnection(server.port());
            try (PeerProcess client = earlyClient(server.port(), session, POST)) {
                assertThat(response(client, "posted hello")).startsWith("HTTP/1.1 200 OK\r\n")
                        .endsWith("early=ACCEPTED posted hello");
                assertThat(posts).hasValue(1);
            }
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void http2WithTheDefaultPolicyIsRefusedUntilItsStreamsAreGated() {
        TlsConfig config = TlsConfig.server(PKI.ecdsaServer().keyMaterial()).alpn(List.of("h2", "http/1.1"))
                .maxEarlyData(16384).build();
        HttpServer h2c = HttpServer.create().protocol(HttpProtocol.HTTP11, HttpProtocol.H2C);
        assertThatThrownBy(() -> HttpsServer.secure(h2c, TlsServerOptions.of(config)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EarlyDataRequests.ALL");
        assertThat(HttpsServer.secure(h2c, TlsServerOptions.builder(config).earlyDataRequests(EarlyDataRequests.ALL)
                .build())).isNotNull();
    }

    private DisposableServer start(EarlyDataRequests policy) {
        TlsConfig config = TlsConfig.server(PKI.ecdsaServer().keyMaterial()).versions(List.of(TlsVersion.TLS_1_3))
                .maxEarlyData(16384).build();
        HttpServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .route(routes -> routes
                        .get("/x", (req, res) -> {
                            gets.incrementAndGet();
                            return res.sendString(Mono.just("early=" + HttpsServer.session(req).earlyData() + " got x"));
                        })
                        .post("/x", (req, res) -> res.sendString(req.receive().aggregate().asString().map(body -> {
                            posts.incrementAndGet();
                            return "early=" + HttpsServer.session(req).earlyData() + " posted " + body;
                        }))));
        return HttpsServer.secure(http, TlsServerOptions.builder(config).earlyDataRequests(policy).build())
                .bindNow(Duration.ofSeconds(10));
    }

    /** A full handshake and one request, so that s_client reads the ticket, which allows 0-RTT, and saves it. */
    private Path firstConnection(int port) {
        Path session = dir.resolve("session.pem");
        try (PeerProcess client = OpenSslClient.connect(port).arg("-tls1_3", "-sess_out", session.toString(),
                "-servername", TestPki.HOST).verify(PKI.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.writeAsync(GET.getBytes(StandardCharsets.US_ASCII)).join();
            client.stdout().awaitText("got x", TIMEOUT);
        }
        return session;
    }

    /** What the server answered, once s_client's output (its report, then the response) holds {@code until}. */
    private static String response(PeerProcess client, String until) {
        String marker = "---\n";
        String report = client.stdout().awaitText("Early data was accepted", TIMEOUT);
        assertThat(report).contains("Reused, TLSv1.3");
        String out = client.stdout().awaitText(until, TIMEOUT);
        int verify = out.indexOf("Verify return code");
        return out.substring(out.indexOf(marker, verify) + marker.length());
    }

    /** s_client resuming {@code session} with {@code request} as its 0-RTT data; stdin stays open for more. */
    private PeerProcess earlyClient(int port, Path session, String request) throws Exception {
        Path early = dir.resolve("request.txt");
        Files.writeString(early, request, StandardCharsets.US_ASCII);
        return PeerProcess.start(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof", "-tls1_3",
                "-connect", LoopbackPorts.HOST + ":" + port, "-CAfile", PKI.caFile().toString(), "-verify_return_error",
                "-verify_hostname", TestPki.HOST, "-servername", TestPki.HOST,
                "-sess_in", session.toString(), "-early_data", early.toString()));
    }
}
