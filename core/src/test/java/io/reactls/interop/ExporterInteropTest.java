package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our exported keying material equals what {@code openssl s_client -keymatexport} prints for the same connection. */
class ExporterInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String LABEL = "EXPERIMENTAL-reactls-interop";
    private static final int LENGTH = 48;
    private final TestPki pki = TestPki.get();

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void openSslExportsWhatOurServerExports(TlsVersion version) throws Exception {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(List.of(version))
                .cipherSuites(List.of(CipherSuite.values())).build();
        AtomicReference<byte[]> ours = new AtomicReference<>();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT,
                engine -> ours.set(engine.exportKeyingMaterial(LABEL, null, LENGTH)));
             // Not -brief: s_client prints the exported keying material only in its full session report.
             PeerProcess client = PeerProcess.start(List.of("openssl", "s_client", "-nocommands", "-no_ign_eof",
                     "-connect", LoopbackPorts.HOST + ":" + server.port(), version == TlsVersion.TLS_1_3 ? "-tls1_3" : "-tls1_2",
                     "-CAfile", pki.caFile().toString(), "-verify_return_error", "-verify_hostname", TestPki.HOST,
                     "-keymatexport", LABEL, "-keymatexportlen", Integer.toString(LENGTH)))) {
            byte[] hex = client.stdout().awaitBytesAfter("Keying material: ", 2 * LENGTH, TIMEOUT);
            client.closeStdin();
            assertThat(server.result(TIMEOUT).session().version()).isEqualTo(version);
            assertThat(new String(hex, StandardCharsets.US_ASCII))
                    .isEqualTo(HexFormat.of().withUpperCase().formatHex(ours.get()));
        }
    }
}
