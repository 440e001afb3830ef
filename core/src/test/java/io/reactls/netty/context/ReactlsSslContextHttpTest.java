package io.reactls.netty.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.reactls.jsse.ReactlsSSLEngine;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * reactor-netty's own HttpServer and HttpClient, HTTP/2 and HTTP/1.1, secured by the reactls SslContext: what a
 * reactor-netty service does to adopt reactls. curl and openssl s_server are the foreign peers.
 */
class ReactlsSslContextHttpTest {

    private static final TestPki PKI = TestPki.get();

    private DisposableServer server;
    private final AtomicReference<SSLEngine> serverEngine = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        SslContext ctx = ReactlsSslContextBuilder.forServer(PKI.ecdsaServer().keyMaterial())
                .alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                .build();
        server = HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
                .secure(spec -> spec.sslContext(ctx))
                .doOnConnection(c -> {
                    SslHandler ssl = c.channel().parent() != null ? c.channel().parent().pipeline().get(SslHandler.class)
                            : c.channel().pipeline().get(SslHandler.class);
                    if (ssl != null) {
                        serverEngine.set(ssl.engine());
                    }
                })
                .route(r -> r.get("/", (req, res) -> res.sendString(Mono.just("hello " + req.scheme() + " "
                        + req.version().text() + "\n"))))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void curlGetsAPageOverHttp2() {
        assertThat(curl("--http2")).isEqualTo("hello https HTTP/2.0\n2");
        assertThat(serverEngine.get()).as("the server's engine").isNotNull();
        assertThat(unwrapped(serverEngine.get())).isInstanceOf(ReactlsSSLEngine.class);
    }

    @Test
    void curlGetsAPageOverHttp11() {
        assertThat(curl("--http1.1")).isEqualTo("hello https HTTP/1.1\n1.1");
    }

    @Test
    void reactorNettyClientOnReactlsFetchesOverH2AndHttp11() throws Exception {
        SslContext client = ReactlsSslContextBuilder.forClient().trustManager(PKI.trustAnchors())
                .alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1).build();
        String url = "https://localhost:" + server.port() + "/";
        String h2 = HttpClient.create().protocol(HttpProtocol.H2).secure(spec -> spec.sslContext(client))
                .resolver(spec -> spec.hostsFileEntriesResolver((host, type) -> java.net.InetAddress.getLoopbackAddress()))
                .get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
        assertThat(h2).isEqualTo("hello https HTTP/2.0\n");
        SslContext http11 = ReactlsSslContextBuilder.forClient().trustManager(PKI.trustAnchors()).build();
        String h1 = HttpClient.create().protocol(HttpProtocol.HTTP11).secure(spec -> spec.sslContext(http11))
                .resolver(spec -> spec.hostsFileEntriesResolver((host, type) -> java.net.InetAddress.getLoopbackAddress()))
                .get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(20));
        assertThat(h1).isEqualTo("hello https HTTP/1.1\n");
    }

    @Test
    void reactorNettyClientOnReactlsFetchesFromOpensslWww() throws Exception {
        SslContext client = ReactlsSslContextBuilder.forClient().trustManager(PKI.trustAnchors()).build();
        try (OpenSslServer openssl = OpenSslServer.builder(PKI.ecdsaServer().chain(), PKI.ecdsaServer().key()).www().start()) {
            String page = HttpClient.create().protocol(HttpProtocol.HTTP11).secure(spec -> spec.sslContext(client))
                    .resolver(spec -> spec.hostsFileEntriesResolver((host, type) -> java.net.InetAddress.getLoopbackAddress()))
                    .get().uri("https://localhost:" + openssl.port() + "/")
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(20));
            assertThat(page).contains("s_server").contains("-www").contains("New, TLSv1.3, Cipher is TLS_AES_128_GCM_SHA256");
        }
    }

    private static SSLEngine unwrapped(SSLEngine engine) {
        // Netty's ALPN wrapper (JdkAlpnSslEngine) delegates to ours.
        try {
            var m = engine.getClass().getMethod("getWrappedEngine");
            m.setAccessible(true);
            return (SSLEngine) m.invoke(engine);
        } catch (ReflectiveOperationException e) {
            return engine;
        }
    }

    private String curl(String version) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", version,
                "--cacert", PKI.caFile().toString(), "-w", "%{http_version}",
                "--resolve", "localhost:" + server.port() + ":" + LoopbackPorts.HOST,
                "https://localhost:" + server.port() + "/"));
        try (PeerProcess curl = PeerProcess.start(command)) {
            assertThat(curl.awaitExit(Duration.ofSeconds(30))).as(curl.describeOutput()).isZero();
            return curl.stdout().text();
        }
    }
}
