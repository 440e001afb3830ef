package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.reactls.netty.context.ReactlsSslContextBuilder;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The JDK's own HTTPS clients, {@code java.net.http.HttpClient} (over {@code SSLEngine}) and {@code HttpsURLConnection}
 * (over {@code SSLSocket}), running on an {@code SSLContext} from {@link ReactlsProvider}: against Python's
 * {@code http.server} over its {@code ssl} module (OpenSSL), and against our own server.
 */
class JdkHttpClientsTest {

    private static final TestPki PKI = TestPki.get();

    private static SSLContext reactlsClientContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", new ReactlsProvider());
        ctx.init(null, JsseContexts.trustManagers().getTrustManagers(), null);
        return ctx;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void httpClientFetchesFromPython(String version) throws Exception {
        try (PythonHttpsServer python = PythonHttpsServer.start(PKI.ecdsaServer(), version)) {
            assertThat(httpClientGet(reactlsClientContext(), "https://localhost:" + python.port() + "/"))
                    .isEqualTo("hello from python over TLSv" + version + "\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void httpsUrlConnectionFetchesFromPython(String version) throws Exception {
        try (PythonHttpsServer python = PythonHttpsServer.start(PKI.rsaServer(), version)) {
            assertThat(urlConnectionGet(reactlsClientContext(), "https://localhost:" + python.port() + "/"))
                    .isEqualTo("hello from python over TLSv" + version + "\n");
        }
    }

    @Test
    void httpClientRejectsACertificateForAnotherName() throws Exception {
        // The sni.test leaf does not name localhost: HttpClient sets endpoint identification "HTTPS", so it must fail.
        try (PythonHttpsServer python = PythonHttpsServer.start(PKI.sniServer(), "1.3")) {
            assertThatThrownBy(() -> httpClientGet(reactlsClientContext(), "https://localhost:" + python.port() + "/"))
                    .hasCauseInstanceOf(SSLHandshakeException.class)
                    .hasStackTraceContaining("localhost");
        }
    }

    @Test
    void httpsUrlConnectionRejectsACertificateForAnotherName() throws Exception {
        try (PythonHttpsServer python = PythonHttpsServer.start(PKI.sniServer(), "1.2")) {
            assertThatThrownBy(() -> urlConnectionGet(reactlsClientContext(), "https://localhost:" + python.port() + "/"))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void bothClientsFetchFromOurOwnServer() throws Exception {
        SslContext server = ReactlsSslContextBuilder.forServer(PKI.ecdsaServer().keyMaterial()).build();
        DisposableServer http = HttpServer.create().host(LoopbackPorts.HOST).port(0).secure(spec -> spec.sslContext(server))
                .route(r -> r.get("/", (req, res) -> res.sendString(Mono.just("hello from reactls, " + req.scheme() + "\n"))))
                .bindNow(Duration.ofSeconds(10));
        try {
            String url = "https://localhost:" + http.port() + "/";
            assertThat(httpClientGet(reactlsClientContext(), url)).isEqualTo("hello from reactls, https\n");
            assertThat(urlConnectionGet(reactlsClientContext(), url)).isEqualTo("hello from reactls, https\n");
        } finally {
            http.disposeNow();
        }
    }

    static String httpClientGet(SSLContext ctx, String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    static String urlConnectionGet(SSLContext ctx, String url) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        c.setSSLSocketFactory(ctx.getSocketFactory());
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        try (InputStream in = c.getInputStream()) {
            assertThat(c.getResponseCode()).isEqualTo(200);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
