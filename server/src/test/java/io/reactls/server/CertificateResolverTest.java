package io.reactls.server;

import static io.reactls.server.ServerFixtures.PKI;
import static io.reactls.server.ServerFixtures.SERVER;
import static io.reactls.server.ServerFixtures.client;
import static io.reactls.server.ServerFixtures.echo;
import static io.reactls.server.ServerFixtures.randomBytes;
import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.TestPki;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

class CertificateResolverTest {

    static DisposableServer echoServer(TlsServerOptions options) {
        return TlsServer.create(tcpServer(), options)
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block(Duration.ofSeconds(10));
    }

    static X509Certificate leaf(SecureConnection c) {
        return c.session().peerCertificates().get(0);
    }

    @Test
    void picksTheCertificateByServerName() {
        CopyOnWriteArrayList<String> asked = new CopyOnWriteArrayList<>();
        var byName = CertificateResolvers.byServerName(Map.of(TestPki.SNI_HOST, PKI.sniServer().keyMaterial()),
                PKI.ecdsaServer().keyMaterial());
        DisposableServer server = echoServer(TlsServerOptions.builder(SERVER)
                .certificateResolver(sni -> {
                    asked.add(String.valueOf(sni));
                    return byName.apply(sni);
                }).build());
        try {
            SecureConnection sni = client(server.port(), TestPki.SNI_HOST).connect().block(Duration.ofSeconds(10));
            SecureConnection localhost = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(leaf(sni)).isEqualTo(PKI.sniServer().keyMaterial().leaf());
            assertThat(leaf(localhost)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());
            assertThat(asked).containsExactly(TestPki.SNI_HOST, TestPki.HOST);
            byte[] data = randomBytes(1000);
            assertThat(echo(sni, data).block()).isEqualTo(data);
            localhost.connection().disposeNow();
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void aSlowResolverDoesNotHoldUpOtherHandshakes() {
        Sinks.One<KeyMaterial> slow = Sinks.one();
        DisposableServer server = echoServer(TlsServerOptions.builder(SERVER)
                .certificateResolver(sni -> TestPki.SNI_HOST.equals(sni) ? slow.asMono()
                        : Mono.just(PKI.ecdsaServer().keyMaterial()))
                .build());
        try {
            Mono<SecureConnection> waiting = client(server.port(), TestPki.SNI_HOST).connect().cache();
            waiting.subscribe(c -> { }, e -> { });
            // While the first connection's certificate is still being looked up, a second one completes.
            SecureConnection fast = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(fast.session()).isNotNull();
            fast.connection().disposeNow();
            // The lookup completes on another thread (as a vault or KMS client would).
            Schedulers.boundedElastic().schedule(() -> slow.tryEmitValue(PKI.sniServer().keyMaterial()));
            SecureConnection late = waiting.block(Duration.ofSeconds(10));
            assertThat(leaf(late)).isEqualTo(PKI.sniServer().keyMaterial().leaf());
            byte[] data = randomBytes(5000);
            assertThat(echo(late, data).block()).isEqualTo(data);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void hotReloadServesNewConnectionsTheNewCertificateWhileOpenOnesContinue() {
        SwappableCertificateResolver resolver = SwappableCertificateResolver.of(PKI.ecdsaServer().keyMaterial());
        DisposableServer server = echoServer(TlsServerOptions.builder(SERVER).certificateResolver(resolver).build());
        try {
            SecureConnection before = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(leaf(before)).isEqualTo(PKI.ecdsaServer().keyMaterial().leaf());

            resolver.swap(PKI.rsaServer().keyMaterial()); // the "renewed" certificate

            SecureConnection after = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            assertThat(leaf(after)).isEqualTo(PKI.rsaServer().keyMaterial().leaf());
            byte[] data = randomBytes(20_000);
            assertThat(echo(before, data).block()).as("the connection opened before the swap").isEqualTo(data);
            assertThat(echo(after, data).block()).isEqualTo(data);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void noCertificateForTheNameEndsTheHandshakeWithUnrecognizedName() {
        DisposableServer server = echoServer(TlsServerOptions.builder(SERVER)
                .certificateResolver(CertificateResolvers.byServerName(Map.of(TestPki.HOST, PKI.ecdsaServer().keyMaterial()), null))
                .build());
        try {
            assertThatThrownBy(() -> client(server.port(), TestPki.SNI_HOST).connect().block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(TlsAlertException.class, e -> {
                        assertThat(e.alert()).isEqualTo(AlertDescription.UNRECOGNIZED_NAME);
                        assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.PEER);
                    });
            // ...and the server goes on serving names it knows.
            SecureConnection ok = client(server.port(), TestPki.HOST).connect().block(Duration.ofSeconds(10));
            ok.connection().disposeNow();
        } finally {
            server.disposeNow();
        }
    }
}
