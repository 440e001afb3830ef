package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic KeyUpdate (RFC 8446 §5.5) with a low threshold, accepted by openssl in both roles. */
class KeyUpdateInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);
    private final TestPki pki = TestPki.get();

    @Test
    void ourClientUpdatesItsKeysWhileOpenSslReads(@TempDir Path dir) throws IOException {
        Path messages = dir.resolve("s_server.msg");
        TlsConfig config = TlsConfig.client().versions(TLS13).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .trustAnchors(pki.trustAnchors()).keyUpdateAfterRecords(2).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .arg("-tls1_3", "-msg", "-msgfile", messages.toString()).start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            client.handshake();
            // 70000 bytes are 5 records: 2, KeyUpdate, 2, KeyUpdate, 1.
            InteropCases.exchange(server, client, 70000);
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).as(server.process().describeOutput()).isZero();
        }
        String trace = Files.readString(messages);
        long received = trace.lines().filter(l -> l.startsWith("<<<") && l.contains("KeyUpdate")).count();
        assertThat(received).as(trace).isEqualTo(2);
    }

    @Test
    void ourServerUpdatesItsKeysWhileOpenSslReads() throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial()).versions(TLS13)
                .cipherSuites(List.of(CipherSuite.TLS_CHACHA20_POLY1305_SHA256)).keyUpdateAfterRecords(1).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).arg("-tls1_3")
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            // The echo comes back in at least 5 records, each after a KeyUpdate; s_client must read all of it.
            InteropCases.echo(client, 70000);
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(TlsVersion.TLS_1_3);
        }
    }
}
