package io.reactls.engine;

import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.keylog.KeyLog;
import io.reactls.testing.Rfc8448Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The key log of our engines: the RFC 8448 server's lines carry the trace's secrets, client and server log the same
 * lines for one connection (TLS 1.3 and 1.2, full and resumed), and nothing is logged without a sink.
 */
class KeyLogTest {

    /** Collects lines; engines call it on one thread here, tests read after the handshake. */
    static final class Lines implements KeyLog {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void log(String label, byte[] clientRandom, byte[] secret) {
            lines.add(KeyLog.line(label, clientRandom, secret));
        }
    }

    @Test
    void rfc8448ServerLogsTheTracesSecretsUnderItsClientRandom() throws Exception {
        Lines log = new Lines();
        TlsEngine server = TlsEngine.server(Rfc8448SimpleHandshakeTest.traceServerConfig().toBuilder().keyLog(log).build(),
                ByteBufAllocator.DEFAULT);
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, Rfc8448Replay.clientHello()));
            String clientRandom = hex(Rfc8448Replay.random(Rfc8448Trace.CLIENT_HELLO));
            assertThat(log.lines).as("the handshake secrets, as soon as the ServerHello is out").contains(
                    "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + clientRandom + " " + Rfc8448Trace.CLIENT_HS_TRAFFIC,
                    "SERVER_HANDSHAKE_TRAFFIC_SECRET " + clientRandom + " " + Rfc8448Trace.SERVER_HS_TRAFFIC);
            TlsEngineNegativeTest.take(server);
            TlsEngineNegativeTest.feed(server, Rfc8448Trace.bytes(Rfc8448Trace.CLIENT_FINISHED_RECORD));
            assertThat(server.isHandshakeComplete()).isTrue();
            assertThat(log.lines).containsExactlyInAnyOrder(
                    "CLIENT_HANDSHAKE_TRAFFIC_SECRET " + clientRandom + " " + Rfc8448Trace.CLIENT_HS_TRAFFIC,
                    "SERVER_HANDSHAKE_TRAFFIC_SECRET " + clientRandom + " " + Rfc8448Trace.SERVER_HS_TRAFFIC,
                    "CLIENT_TRAFFIC_SECRET_0 " + clientRandom + " " + Rfc8448Trace.CLIENT_AP_TRAFFIC,
                    "SERVER_TRAFFIC_SECRET_0 " + clientRandom + " " + Rfc8448Trace.SERVER_AP_TRAFFIC,
                    "EXPORTER_SECRET " + clientRandom + " " + Rfc8448Trace.EXPORTER_MASTER);
        } finally {
            ByteBuf rest = server.takeOutbound();
            if (rest != null) {
                rest.release();
            }
            server.release();
        }
    }

    @Test
    void tls13ClientAndServerLogTheSameFiveLines() {
        Logged logged = connect(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_256_GCM_SHA384);
        assertThat(logged.client.lines).hasSize(5).containsExactlyInAnyOrderElementsOf(logged.server.lines);
        assertThat(labels(logged.client)).containsExactlyInAnyOrder(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET,
                KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET, KeyLog.CLIENT_TRAFFIC_SECRET_0, KeyLog.SERVER_TRAFFIC_SECRET_0,
                KeyLog.EXPORTER_SECRET);
        for (String line : logged.client.lines) {
            String[] fields = line.split(" ");
            assertThat(fields[1]).as("the client random of the ClientHello on the wire").isEqualTo(logged.clientRandom);
            assertThat(fields[2]).as("SHA-384 secrets").hasSize(96).matches("[0-9a-f]+");
        }
    }

    @Test
    void tls12ClientAndServerLogTheSameMasterSecret() {
        Logged logged = connect(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        assertThat(logged.client.lines).containsExactlyElementsOf(logged.server.lines).hasSize(1);
        assertThat(logged.client.lines.get(0)).matches("CLIENT_RANDOM " + logged.clientRandom + " [0-9a-f]{96}");
    }

    @Test
    void resumedTls12HandshakeLogsItsMasterSecretUnderTheNewClientRandom() {
        Lines clientLog = new Lines();
        Lines serverLog = new Lines();
        CipherSuite suite = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        TlsConfig client = TlsConfig.client().versions(List.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(suite))
                .trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()).sessionIdCache(4, Duration.ofHours(1))
                .keyLog(clientLog).build();
        TlsConfig server = TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).versions(List.of(TlsVersion.TLS_1_2))
                .cipherSuites(List.of(suite)).sessionIdCache(4, Duration.ofHours(1)).keyLog(serverLog).build();
        for (int i = 0; i < 2; i++) {
            try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", 443, ByteBufAllocator.DEFAULT),
                    TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
                assertThat(p.client.session().resumed()).isEqualTo(i == 1);
            }
        }
        assertThat(clientLog.lines).hasSize(2).containsExactlyElementsOf(serverLog.lines);
        String[] first = clientLog.lines.get(0).split(" ");
        String[] resumed = clientLog.lines.get(1).split(" ");
        assertThat(resumed[1]).as("a new connection, a new client random").isNotEqualTo(first[1]);
        assertThat(resumed[2]).as("the resumed session's master secret").isEqualTo(first[2]);
    }

    @Test
    void withoutAKeyLogNothingIsLogged() {
        TlsConfig config = TlsConfig.client().build();
        assertThat(config.keyLog()).isNull();
        assertThat(config.toBuilder().keyLog(new Lines()).build().toBuilder().build().keyLog())
                .as("toBuilder keeps the key log").isNotNull();
    }

    record Logged(Lines client, Lines server, String clientRandom) {
    }

    static Logged connect(TlsVersion version, CipherSuite suite) {
        Lines clientLog = new Lines();
        Lines serverLog = new Lines();
        TlsConfig client = TlsConfig.client().versions(List.of(version)).cipherSuites(List.of(suite))
                .trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()).keyLog(clientLog).build();
        TlsConfig server = TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).versions(List.of(version))
                .cipherSuites(List.of(suite)).keyLog(serverLog).build();
        AtomicReference<String> clientRandom = new AtomicReference<>();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT))) {
            p.toServer = flight -> {
                if (clientRandom.get() == null) {
                    clientRandom.set(hex(TlsEngineNegativeTest.decodeClientHello(ByteBufUtil.getBytes(flight)).random()));
                }
                return flight;
            };
            p.handshake();
            assertThat(p.client.session().version()).isEqualTo(version);
        }
        return new Logged(clientLog, serverLog, clientRandom.get());
    }

    static List<String> labels(Lines log) {
        return log.lines.stream().map(l -> l.substring(0, l.indexOf(' '))).toList();
    }
}
