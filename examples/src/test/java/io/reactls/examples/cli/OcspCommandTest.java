package io.reactls.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OcspPki;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;

/** {@code reactls server --ocsp-response} seen by {@code openssl s_client -status}; {@code reactls client --revocation}. */
class OcspCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final OcspPki pki = OcspPki.create();
    private final OcspPki.Leaf leaf = pki.leaf("cli", b -> { });

    @Test
    void theServerStaplesTheResponseFile() throws IOException {
        Path response = write("good.der", pki.ocspResponse(leaf.leaf(), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600), null, 0));
        try (PeerProcess server = ReactlsProcess.start("server", "--port", "0", "--cert", leaf.chain().toString(),
                "--key", leaf.key().toString(), "--ocsp-response", response.toString())) {
            int port = ReactlsProcess.awaitListening(server);
            // The file is read off the event loop at start: the first handshakes may come before it is.
            assertThat(LoopbackPorts.poll(() -> sClientStatus(port).contains("Cert Status: good"), TIMEOUT)).isTrue();
        }
    }

    @Test
    void theClientRefusesARevokedStapleWithHardFail() throws IOException {
        Path revoked = write("revoked.der", pki.ocspResponse(leaf.leaf(), Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600), Instant.now().minusSeconds(600), CRLReason.keyCompromise));
        try (OpenSslServer server = OpenSslServer.builder(leaf.chain(), leaf.key()).arg("-status_file", revoked.toString()).start();
             PeerProcess client = ReactlsProcess.start("client", "127.0.0.1:" + server.port(), "--servername", TestPki.HOST,
                     "--cafile", pki.caPem().toString(), "--revocation", "hard_fail")) {
            client.closeStdin();
            assertThat(client.awaitExit(ReactlsProcess.STARTUP)).isEqualTo(1);
            assertThat(client.stderr().text()).contains("sent certificate_revoked").contains("KEY_COMPROMISE");
        }
    }

    private Path write(String name, byte[] der) throws IOException {
        return Files.write(pki.dir().resolve(name), der);
    }

    private static String sClientStatus(int port) {
        try (PeerProcess p = PeerProcess.start(List.of("openssl", "s_client", "-status", "-connect",
                LoopbackPorts.HOST + ":" + port, "-servername", TestPki.HOST))) {
            p.stdout().awaitText("Verify return code", TIMEOUT);
            p.closeStdin();
            p.awaitExit(TIMEOUT);
            return p.stdout().text();
        }
    }
}
