package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

class HttpsClientOpenSslTest {

    static final TestPki PKI = TestPki.get();
    static final TlsConfig CLIENT = TlsConfig.client().trustAnchors(PKI.trustAnchors()).build();

    @Test
    void fetchesTheStatusPageOfOpensslSServerWww() {
        try (OpenSslServer openssl = OpenSslServer.builder(PKI.ecdsaServer().chain(), PKI.ecdsaServer().key())
                .tls12().www().start()) {
            HttpClient client = HttpsClient.secure(HttpClient.create(), TlsClientOptions.builder(CLIENT).build());
            String page = client.get().uri("https://localhost:" + openssl.port() + "/")
                    .responseSingle((res, body) -> body.asString().map(s -> res.status().code() + "\n" + s))
                    .block(Duration.ofSeconds(20));
            assertThat(page).startsWith("200\n").contains("s_server -brief").contains("TLSv1.2");
        }
    }

    @Test
    void tcpClientSendsSniAlpnAndAClientCertificate() {
        try (OpenSslServer openssl = OpenSslServer.builder(PKI.ecdsaServer().chain(), PKI.ecdsaServer().key())
                .tls12().alpn("reactls/1").clientAuth(PKI.caFile(), true).start()) {
            TlsConfig config = CLIENT.toBuilder().alpn(List.of("reactls/1"))
                    .keyMaterial(PKI.client().keyMaterial()).build();
            TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(openssl.port()),
                    TlsClientOptions.builder(config).serverName(TestPki.HOST).build());
            SecureConnection c = client.connect().block(Duration.ofSeconds(20));
            assertThat(c.session().applicationProtocol()).isEqualTo("reactls/1");
            c.outbound().sendString(Mono.just("ping over reactls\n")).then().block(Duration.ofSeconds(10));
            assertThat(LoopbackPorts.poll(() -> openssl.process().stdout().text().contains("ping over reactls"),
                    Duration.ofSeconds(10))).as(openssl.process().describeOutput()).isTrue();
            openssl.process().writeAsync("pong\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.inbound().receive().asString().next().block(Duration.ofSeconds(10))).isEqualTo("pong\n");
            c.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void tcpClientClosesOutboundAndReadsUntilTheServerAnswers() {
        for (boolean tls12 : new boolean[] {true, false}) {
            OpenSslServer.Builder builder = OpenSslServer.builder(PKI.rsaServer().chain(), PKI.rsaServer().key());
            try (OpenSslServer openssl = (tls12 ? builder.tls12() : builder).start()) {
                TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(openssl.port()),
                        TlsClientOptions.builder(CLIENT).serverName(TestPki.HOST).build());
                SecureConnection c = client.connect().block(Duration.ofSeconds(20));
                assertThat(c.session().protocol()).isEqualTo(tls12 ? "TLSv1.2" : "TLSv1.3");
                assertThat(c.session().peerCertificates().get(0)).isEqualTo(PKI.rsaServer().keyMaterial().leaf());
                Mono<String> everything = c.inbound().receive().asString().reduce("", String::concat).cache();
                everything.subscribe(s -> { }, e -> { });
                openssl.process().writeAsync("pong\n".getBytes(StandardCharsets.US_ASCII)).join();
                c.outbound().sendString(Mono.just("ping\n")).then().block(Duration.ofSeconds(10));
                assertThat(LoopbackPorts.poll(() -> openssl.process().stdout().text().contains("ping"),
                        Duration.ofSeconds(10))).as(openssl.process().describeOutput()).isTrue();
                c.closeOutbound().block(Duration.ofSeconds(10));
                // The inbound ends cleanly with openssl's answer, after what it had sent.
                assertThat(everything.block(Duration.ofSeconds(10))).isEqualTo("pong\n");
                assertThat(openssl.process().awaitExit(Duration.ofSeconds(20)))
                        .as(openssl.process().describeOutput()).isZero();
                c.connection().onDispose().block(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void hostnameMismatchFailsTheConnectWithBadCertificate() {
        try (OpenSslServer openssl = OpenSslServer.builder(PKI.ecdsaServer().chain(), PKI.ecdsaServer().key())
                .tls12().start()) {
            TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(openssl.port()),
                    TlsClientOptions.builder(CLIENT).serverName("not-this-host.test").build());
            assertThatThrownBy(() -> client.connect().block(Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(TlsAlertException.class,
                            e -> assertThat(e.alert()).isIn(AlertDescription.BAD_CERTIFICATE,
                                    AlertDescription.CERTIFICATE_UNKNOWN));
        }
    }

    @Test
    void hostnameVerificationCanBeTurnedOff() {
        try (OpenSslServer openssl = OpenSslServer.builder(PKI.ecdsaServer().chain(), PKI.ecdsaServer().key())
                .tls12().start()) {
            TlsClient client = TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(openssl.port()),
                    TlsClientOptions.builder(CLIENT).serverName("not-this-host.test").hostnameVerification(false).build());
            SecureConnection c = client.connect().block(Duration.ofSeconds(20));
            assertThat(c.session().protocol()).isEqualTo("TLSv1.2");
            c.connection().disposeNow();
        }
    }
}
