package io.reactls.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.jsse.ReactlsSSLEngine;
import io.reactls.netty.context.ReactlsSslContext;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Spring Boot example started as an application (its SslBundle pointing at the test PKI, any free port): curl
 * fetches its page over HTTP/2 and HTTP/1.1, and the application's own {@link WebClient} bean over HTTP/2; every
 * request arrives over TLS 1.3 on reactls's engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactlsWebFluxApplicationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The server's session is reactls's (Netty wraps the engine itself for ALPN). */
    private static final String ENGINE = "session: " + ReactlsSSLEngine.class.getPackageName() + ".";
    private final TestPki pki = TestPki.get();
    private ConfigurableApplicationContext app;
    private int port;

    @BeforeAll
    void start() {
        String bundle = "spring.ssl.bundle.pem." + ReactlsTlsConfiguration.BUNDLE;
        app = new SpringApplicationBuilder(ReactlsWebFluxApplication.class).properties(Map.of(
                "server.port", "0",
                bundle + ".keystore.certificate", "file:" + pki.ecdsaServer().chain(),
                bundle + ".keystore.private-key", "file:" + pki.ecdsaServer().key(),
                bundle + ".truststore.certificate", "file:" + pki.caFile())).run();
        port = ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void curlGetsThePageOverHttp2() {
        assertThat(curl("--http2")).contains("scheme: https\n", "http: HTTP/2.0\n", "tls: TLSv1.3 ", ENGINE);
    }

    @Test
    void curlGetsThePageOverHttp11() {
        assertThat(curl("--http1.1")).contains("scheme: https\n", "http: HTTP/1.1\n", "tls: TLSv1.3 ", ENGINE);
    }

    @Test
    void theApplicationsWebClientGetsThePageOverHttp2() {
        assertThat(app.getBean("reactlsClientSslContext")).isInstanceOf(ReactlsSslContext.class);
        WebClient client = app.getBean(WebClient.class);
        String page = client.get().uri("https://localhost:" + port + "/").retrieve().bodyToMono(String.class)
                .block(TIMEOUT);
        assertThat(page).contains("scheme: https\n", "http: HTTP/2.0\n", "tls: TLSv1.3 ", ENGINE);
    }

    private String curl(String httpVersion) {
        try (PeerProcess curl = PeerProcess.start(List.of("curl", "-sS", "--fail", httpVersion, "--cacert",
                pki.caFile().toString(), "https://localhost:" + port + "/"))) {
            assertThat(curl.awaitExit(TIMEOUT)).as(curl.describeOutput()).isZero();
            return curl.stdout().text();
        }
    }
}
