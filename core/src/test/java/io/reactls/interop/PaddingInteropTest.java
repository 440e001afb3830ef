package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.SocketEngineDriver;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our RFC 7685-padded ClientHello (512 bytes) against {@code openssl s_server -trace}, which shows the padding it
 * received; with a PSK the padding sits before pre_shared_key and openssl verifies the binder over it.
 */
class PaddingInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @Test
    void paddedHelloAndPaddedPskHelloAgainstOpenSsl() {
        SessionCache cache = SessionCache.bounded(4);
        // TLS 1.3 and 1.2 offered: ~285 bytes, padded. Then TLS 1.3 only with the ticket: ~273 + 239 of
        // pre_shared_key, padded to 512 too (a TLS 1.3-only hello without a ticket, ~228 bytes, is not).
        TlsConfig first = TlsConfig.client().trustAnchors(pki.trustAnchors()).sessionCache(cache).build();
        TlsConfig second = first.toBuilder().versions(List.of(TlsVersion.TLS_1_3)).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .verbose().arg("-trace").naccept(2).start()) {
            for (boolean resume : new boolean[] {false, true}) {
                try (SocketEngineDriver client = SocketEngineDriver.connect(resume ? second : first, TestPki.HOST,
                        server.port(), TIMEOUT)) {
                    TlsSession session = client.handshake();
                    assertThat(session.resumed()).as("resumed").isEqualTo(resume);
                    // Data from s_server reaches us after its tickets, so they are stored for the second connection.
                    byte[] hi = "hi\n".getBytes(StandardCharsets.US_ASCII);
                    server.process().writeAsync(hi).join();
                    assertThat(client.receive(hi.length)).isEqualTo(hi);
                    client.closeOutbound();
                }
            }
            String trace = server.process().stdout().text();
            assertThat(trace.split("ClientHello, Length=508", -1)).as(trace).hasSize(3); // 512 with the header
            assertThat(trace.split("extension_type=padding\\(21\\)", -1)).hasSize(3);
            assertThat(trace).contains("extension_type=psk(41)");
        }
    }

    @Test
    void paddedTls12HelloAgainstOpenSsl() {
        TlsConfig config = TlsConfig.client().trustAnchors(pki.trustAnchors()).versions(List.of(TlsVersion.TLS_1_2))
                .alpn(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "protocol-" + i).toList()).build();
        try (OpenSslServer server = OpenSslServer.builder(pki.ecdsaServer().chain(), pki.ecdsaServer().key())
                .tls12().verbose().arg("-trace").start();
             SocketEngineDriver client = SocketEngineDriver.connect(config, TestPki.HOST, server.port(), TIMEOUT)) {
            assertThat(client.handshake().protocol()).isEqualTo("TLSv1.2");
            client.closeOutbound();
            assertThat(server.process().awaitExit(TIMEOUT)).isZero();
            assertThat(server.process().stdout().text()).contains("ClientHello, Length=508").contains("extension_type=padding(21)");
        }
    }
}
