package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.keylog.KeyLogFile;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our key log file holds exactly the lines {@code openssl -keylogfile} writes for the same connection (TLS 1.3: the
 * five secrets; TLS 1.2: CLIENT_RANDOM), with reactls as the server and as the client.
 */
class KeyLogInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourServerLogsWhatOpenSslClientLogs(TlsVersion version) throws Exception {
        Path ours = dir.resolve("reactls-server.log");
        Path theirs = dir.resolve("openssl-client.log");
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(List.of(version))
                .keyLogFile(ours).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).verify(pki.caFile(), TestPki.HOST)
                     .arg(version == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2", "-keylogfile", theirs.toString()).start()) {
            OpenSslClient.awaitEstablished(client, TIMEOUT);
            client.writeAsync("ping".getBytes(StandardCharsets.US_ASCII)).get();
            client.stdout().awaitText("ping", TIMEOUT);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).isZero();
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(version);
        }
        assertSameLines(KeyLogFile.open(ours), theirs, version);
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void ourClientLogsWhatOpenSslServerLogs(TlsVersion version) throws Exception {
        Path ours = dir.resolve("reactls-client.log");
        Path theirs = dir.resolve("openssl-server.log");
        TlsConfig config = TlsConfig.client().versions(List.of(version)).trustAnchors(pki.trustAnchors())
                .keyLogFile(ours).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.rsaServer().chain(), pki.rsaServer().key())
                .arg("-keylogfile", theirs.toString()).start()) {
            try (SocketEngineDriver connection = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
                assertThat(connection.handshake().version()).isEqualTo(version);
                connection.send("ping".getBytes(StandardCharsets.US_ASCII));
                server.process().stdout().awaitText("ping", TIMEOUT);
                connection.closeOutbound();
            }
            server.process().awaitExit(TIMEOUT);
        }
        assertSameLines(KeyLogFile.open(ours), theirs, version);
    }

    private static void assertSameLines(KeyLogFile ours, Path opensslFile, TlsVersion version) throws Exception {
        assertThat(ours.flush(TIMEOUT)).isTrue();
        List<String> openssl = Files.readAllLines(opensslFile).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> reactls = Files.readAllLines(ours.path());
        assertThat(openssl).as("openssl's key log").hasSize(version == TlsVersion.TLS_1_3 ? 5 : 1);
        assertThat(reactls).containsExactlyInAnyOrderElementsOf(openssl);
    }
}
