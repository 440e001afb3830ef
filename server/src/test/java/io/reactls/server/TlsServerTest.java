package io.reactls.server;

import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactls.TlsAlertException;
import io.reactls.client.TlsClientOptions;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import java.util.List;
import reactor.core.publisher.Mono;
import io.reactls.HandshakeStep;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.TestPki;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

class TlsServerTest {

    @Test
    void echoesOverReactlsOnBothSides() {
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.of(SERVER))
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
        try {
            SecureConnection c = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(c.session().protocol()).isEqualTo("TLSv1.3"); // both sides' default
            assertThat(c.session().serverName()).isEqualTo(TestPki.HOST);
            assertThat(c.handshakeEvents()).extracting(e -> e.step()).contains(HandshakeStep.CERTIFICATE_VERIFIED,
                    HandshakeStep.APPLICATION_DATA);
            byte[] data = randomBytes(64 * 1024);
            assertThat(echo(c, data).block()).isEqualTo(data);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void handlerSeesTheSessionAndHandshakeMetricsAreRecorded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.builder(SERVER)
                        .observer(new MicrometerHandshakeMetrics(registry)).build())
                .bind(c -> c.outbound().sendString(reactor.core.publisher.Mono.just(
                        c.session().cipherSuite().name() + " " + c.session().serverName())))
                .block(Duration.ofSeconds(10));
        try {
            // Subscribe to the inbound in the connect chain: the server writes at once and closes, and reactor-netty
            // drops what arrives for a connection nobody reads before it closes.
            String[] suite = new String[1];
            String line = client(server.port(), TestPki.HOST).connect()
                    .flatMap(c -> {
                        suite[0] = c.session().cipherSuite().name();
                        return c.inbound().receive().asString().reduce(String::concat);
                    })
                    .block(Duration.ofSeconds(10));
            assertThat(line).isEqualTo(suite[0] + " " + TestPki.HOST);
            assertThat(registry.get(MicrometerHandshakeMetrics.HANDSHAKE_TIME)
                    .tag("side", "server").tag("status", "SUCCESS").tag("tls.version", "TLSv1.3")
                    .tag("cipher.suite", suite[0]).timer().count()).isEqualTo(1);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void mutualTlsWithAlpnAndARefusedClientWithoutCertificate() {
        TlsConfig mtls = SERVER.toBuilder().clientAuth(ClientAuthMode.REQUIRE).trustAnchors(ServerFixtures.PKI.trustAnchors())
                .alpn(List.of("reactls/1")).build();
        DisposableServer server = TlsServer.create(tcpServer(), TlsServerOptions.of(mtls))
                .bind(c -> c.outbound().sendString(Mono.just(
                        c.session().peerCertificates().get(0).getSubjectX500Principal().getName() + " "
                                + c.session().applicationProtocol())))
                .block(Duration.ofSeconds(10));
        try {
            io.reactls.TlsClientConfig withCert = io.reactls.TlsClientConfig.builder().trust(ServerFixtures.PKI.trustAnchors())
                    .keyMaterial(ServerFixtures.PKI.client().keyMaterial()).alpn("reactls/1").build();
            String seen = client(server.port(), TlsClientOptions.builder(withCert).serverName(TestPki.HOST).build())
                    .connect()
                    .flatMap(c -> c.inbound().receive().asString().reduce(String::concat))
                    .block(Duration.ofSeconds(10));
            assertThat(seen).contains("reactls test client").endsWith(" reactls/1");

            // TLS 1.3: the client's handshake is over before the server judges its (missing) certificate, so the
            // refusal arrives on the inbound; under TLS 1.2 it fails the connect. Either way the peer's alert surfaces.
            assertThatThrownBy(() -> client(server.port(), TestPki.HOST).connect()
                    .flatMap(c -> c.inbound().receive().then())
                    .block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(TlsAlertException.class, e -> assertThat(e.origin())
                            .isEqualTo(TlsAlertException.Origin.PEER));
        } finally {
            server.disposeNow();
        }
    }
}
