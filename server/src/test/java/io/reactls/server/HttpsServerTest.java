package io.reactls.server;

import static io.reactls.server.ServerFixtures.CLIENT;
import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.client.HttpsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

class HttpsServerTest {

    static DisposableServer start() {
        HttpServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .route(routes -> routes
                        .get("/", (req, res) -> res.header("content-type", "text/plain")
                                .sendString(Mono.just("hello from reactls over HttpServer\n")))
                        .get("/items/{id}", (req, res) -> res.sendString(Mono.just("item " + req.param("id"))))
                        .get("/scheme", (req, res) -> res.sendString(Mono.just(req.scheme() + " "
                                + HttpsServer.session(req).protocol())))
                        .post("/echo", (req, res) -> res.send(req.receive().retain())));
        return HttpsServer.secure(http, TlsServerOptions.of(SERVER)).bindNow(Duration.ofSeconds(10));
    }

    @Test
    void curlFetchesAPageOverTls12() {
        DisposableServer server = start();
        try (PeerProcess curl = PeerProcess.start(List.of("curl", "-sS", "--max-time", "20",
                "--cacert", PKI.caFile().toString(), "--tlsv1.2", "--tls-max", "1.2",
                "--resolve", "localhost:" + server.port() + ":" + LoopbackPorts.HOST,
                "-w", "\n%{http_code} %{ssl_verify_result}",
                "https://localhost:" + server.port() + "/", "https://localhost:" + server.port() + "/items/42"))) {
            int exit = curl.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as(curl.describeOutput()).isZero();
            assertThat(curl.stdout().text())
                    .contains("hello from reactls over HttpServer\n\n200 0")
                    .contains("item 42\n200 0"); // the second request reuses the kept-alive TLS connection
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void curlFetchesAPageOverTls13() {
        DisposableServer server = start();
        try (PeerProcess curl = PeerProcess.start(List.of("curl", "-sS", "--max-time", "20",
                "--cacert", PKI.caFile().toString(), "--tlsv1.3",
                "--resolve", "localhost:" + server.port() + ":" + LoopbackPorts.HOST,
                "-w", "\n%{http_code}", "https://localhost:" + server.port() + "/"))) {
            int exit = curl.awaitExit(Duration.ofSeconds(30));
            assertThat(exit).as(curl.describeOutput()).isZero();
            assertThat(curl.stdout().text()).isEqualTo("hello from reactls over HttpServer\n\n200");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void reactlsHttpsClientTalksToReactlsHttpsServer() {
        DisposableServer server = start();
        try {
            HttpClient client = HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(CLIENT));
            String base = "https://localhost:" + server.port();
            assertThat(client.get().uri(base + "/items/7").responseContent().aggregate().asString()
                    .block(Duration.ofSeconds(10))).isEqualTo("item 7");
            String body = "x".repeat(100_000);
            assertThat(client.post().uri(base + "/echo").send(reactor.netty.ByteBufFlux.fromString(Mono.just(body)))
                    .responseSingle((res, content) -> content.asString().map(s -> res.status().code() + " " + s))
                    .block(Duration.ofSeconds(10))).isEqualTo("200 " + body);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void requestsReportTheHttpsScheme() {
        DisposableServer server = start();
        try {
            HttpClient client = HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(CLIENT));
            // A client cannot talk its way out of it: no forwarded header is read.
            assertThat(client.headers(h -> h.set("X-Forwarded-Proto", "http").set("Forwarded", "proto=http"))
                    .get().uri("https://localhost:" + server.port() + "/scheme")
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(10))).isEqualTo("https TLSv1.3");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void aForwardedFunctionSeesTheHttpsSchemeFirst() {
        HttpServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .route(routes -> routes.get("/", (req, res) -> res.sendString(Mono.just(req.scheme() + " " + req.hostName()))));
        DisposableServer server = HttpsServer.secure(http, TlsServerOptions.of(SERVER),
                (info, request) -> info.withHostAddress(info.getHostAddress(), "proxy.example", 443)
                        .withScheme(info.getScheme() + "+seen")).bindNow(Duration.ofSeconds(10));
        try {
            HttpClient client = HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(CLIENT));
            assertThat(client.get().uri("https://localhost:" + server.port() + "/")
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
                    .isEqualTo("https+seen proxy.example");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void refusesAServerWhoseForwardedFunctionWouldDropTheScheme() {
        assertThatThrownBy(() -> HttpsServer.secure(HttpServer.create().forwarded(true), TlsServerOptions.of(SERVER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HttpsServer.secure(http, tls, forwarded)");
    }

    @Test
    void curlSpeaksHttp2WhenAlpnAgreesOnH2AndHttp11OtherwiseOnTheSameServer() {
        HttpServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)
                .route(routes -> routes.get("/", (req, res) -> res.sendString(Mono.just(req.scheme() + " "
                        + req.protocol() + " " + HttpsServer.session(req).applicationProtocol() + "\n"))));
        TlsServerOptions tls = TlsServerOptions.of(SERVER.toBuilder().alpn(List.of("h2", "http/1.1")).build());
        DisposableServer server = HttpsServer.secure(http, tls).bindNow(Duration.ofSeconds(10));
        try {
            assertThat(curl(server.port(), "--http2", "/", "/")).isEqualTo("https HTTP/2.0 h2\n2\nhttps HTTP/2.0 h2\n2");
            assertThat(curl(server.port(), "--http1.1", "/")).isEqualTo("https HTTP/1.1 http/1.1\n1.1");
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void refusesH2WithoutH2cInTheHttpServersProtocols() {
        TlsServerOptions h2 = TlsServerOptions.of(SERVER.toBuilder().alpn(List.of("h2", "http/1.1")).build());
        assertThatThrownBy(() -> HttpsServer.secure(HttpServer.create(), h2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HttpProtocol.H2C");
        assertThatThrownBy(() -> HttpsServer.secure(HttpServer.create().protocol(HttpProtocol.H2), TlsServerOptions.of(SERVER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SslProvider");
        HttpServer alreadySecure = HttpServer.create().secure(spec -> spec.sslContext(
                reactor.netty.http.Http11SslContextSpec.forServer(PKI.ecdsaServer().chain().toFile(),
                        PKI.ecdsaServer().key().toFile())));
        assertThatThrownBy(() -> HttpsServer.secure(alreadySecure, TlsServerOptions.of(SERVER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain one");
    }

    /** curl fetching {@code paths} from localhost:{@code port} (on 127.0.0.1); prints each body and HTTP version. */
    private static String curl(int port, String version, String... paths) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "20", version,
                "--cacert", PKI.caFile().toString(), "-w", "%{http_version}\n",
                "--resolve", "localhost:" + port + ":" + LoopbackPorts.HOST));
        for (String path : paths) {
            command.add("https://localhost:" + port + path);
        }
        try (PeerProcess curl = PeerProcess.start(command)) {
            assertThat(curl.awaitExit(Duration.ofSeconds(30))).as(curl.describeOutput()).isZero();
            return curl.stdout().text().strip();
        }
    }
}
