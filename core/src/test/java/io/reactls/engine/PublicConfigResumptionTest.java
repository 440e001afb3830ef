package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.SessionCache;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsVersion;
import io.reactls.internal.PublicConfigs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every connection made with one public config shares its engine state: a second connection resumes the first's
 * session (the server's session-id cache and ticket keys are the config's), and a server config built alike but
 * separately does not know it.
 */
class PublicConfigResumptionTest {

    private static final String PEER = "localhost";

    private static boolean resumed(TlsClientConfig client, TlsServerConfig server) {
        try (EnginePair p = new EnginePair(
                TlsEngine.client(PublicConfigs.engineConfig(client), PEER, 443, ByteBufAllocator.DEFAULT),
                TlsEngine.server(PublicConfigs.engineConfig(server), ByteBufAllocator.DEFAULT))) {
            p.handshake();
            // One exchange, so that TLS 1.3 tickets sent after the handshake reach the client.
            p.client.send(EnginePair.text("ping"));
            p.server.send(EnginePair.text("pong"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
            assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
            assertThat(p.server.session().resumed()).isEqualTo(p.client.session().resumed());
            return p.client.session().resumed();
        }
    }

    @Test
    void tls12SessionIdsAreSharedByTheConnectionsOfOneConfig() {
        TlsServerConfig server = TlsServerConfig.builder(TlsEngineHandshakeTest.EC.leaf()).versions(TlsVersion.TLS_1_2)
                .sessionIdCache(16, Duration.ofMinutes(5)).sessionTickets(0).build();
        TlsClientConfig client = TlsClientConfig.builder().trust(TlsEngineHandshakeTest.EC.trustAnchors())
                .versions(TlsVersion.TLS_1_2).sessionIdCache(16, Duration.ofMinutes(5)).build();
        assertThat(resumed(client, server)).isFalse();
        assertThat(resumed(client, server)).isTrue();

        TlsServerConfig alike = TlsServerConfig.builder(TlsEngineHandshakeTest.EC.leaf()).versions(TlsVersion.TLS_1_2)
                .sessionIdCache(16, Duration.ofMinutes(5)).sessionTickets(0).build();
        assertThat(resumed(client, alike)).as("another server config has its own session-id cache").isFalse();
    }

    @Test
    void tls13TicketsAreSealedWithTheConfigsKeys() {
        TlsServerConfig server = TlsServerConfig.of(TlsEngineHandshakeTest.EC.leaf());
        TlsClientConfig client = TlsClientConfig.builder().trust(TlsEngineHandshakeTest.EC.trustAnchors())
                .sessionCache(SessionCache.bounded(16)).build();
        assertThat(resumed(client, server)).isFalse();
        assertThat(resumed(client, server)).isTrue();
        assertThat(resumed(client, TlsServerConfig.of(TlsEngineHandshakeTest.EC.leaf())))
                .as("another server config's ticket keys cannot open the ticket").isFalse();
    }
}
