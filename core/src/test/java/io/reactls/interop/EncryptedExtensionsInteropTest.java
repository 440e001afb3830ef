package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.NamedGroup;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.GroupsInEncryptedExtensions;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.EngineEchoServer;
import io.reactls.testing.GnuTlsClient;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our TLS 1.3 EncryptedExtensions (supported_groups, record_size_limit, the server_name acknowledgement) and the
 * record_size_limit cutting of our records, against gnutls-cli (which implements RFC 8449 and refuses records over
 * the limit it announced) and openssl s_client; plus key exchange over every RFC 7919 ffdhe group and P-521 with openssl.
 */
class EncryptedExtensionsInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GNUTLS_TLS13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3";
    private final TestPki pki = TestPki.get();

    /** The content bytes per record our engine settled on for what it sends. */
    static int sendContentLimit(TlsEngine engine) {
        try {
            Field f = TlsEngine.class.getDeclaredField("sendContentLimit");
            f.setAccessible(true);
            return f.getInt(engine);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("TlsEngine.sendContentLimit is gone; update this test", e);
        }
    }

    /**
     * Our server pushes 64 KiB in one write right after the handshake (it goes out with the echo of the client's first
     * bytes): gnutls-cli, having announced 512, must get it in records it accepts. gnutls-cli itself is no use as the
     * sender here: with a small limit it sends only the first record's worth of each chunk it reads from stdin.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {GNUTLS_TLS13, GnuTlsClient.TLS12})
    void gnutlsWithRecordSize512Gets64KiBInSmallRecords(String priority) throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial())
                .groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS).build();
        byte[] big = InteropCases.randomBytes(64 * 1024, 7);
        AtomicInteger limit = new AtomicInteger();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT, e -> {
                 limit.set(sendContentLimit(e));
                 e.send(io.netty.buffer.Unpooled.wrappedBuffer(big));
             });
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(priority).arg("--recordsize=512")
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            String status = GnuTlsClient.awaitHandshake(client, TIMEOUT);
            assertThat(status).contains(priority.equals(GNUTLS_TLS13) ? "(TLS1.3" : "(TLS1.2");
            byte[] hello = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            client.writeAsync(hello).join();
            byte[] expected = java.util.Arrays.copyOf(big, big.length + hello.length);
            System.arraycopy(hello, 0, expected, big.length, hello.length);
            assertThat(GnuTlsClient.awaitData(client, expected.length, TIMEOUT)).isEqualTo(expected);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
            assertThat(server.result(TIMEOUT).echoedBytes()).isEqualTo(hello.length);
            // --recordsize counts plaintext: GnuTLS announces 513 in TLS 1.3 (content type included, RFC 8449 §4)
            // and 512 in TLS 1.2, so either way we send at most 512 bytes of content per record.
            assertThat(limit.get()).isEqualTo(512);
        }
    }

    /** The control: without our record_size_limit support gnutls-cli would refuse our 16 KiB records. */
    @Test
    void gnutlsRefusesFullRecordsAfterAnnouncing512() throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial()).build();
        byte[] big = InteropCases.randomBytes(64 * 1024, 7);
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT, e -> {
                 io.reactls.engine.EngineTestAccess.recordSizeLimits(e, io.reactls.record.RecordProtection.MAX_PLAINTEXT,
                         io.reactls.record.RecordProtection.MAX_PLAINTEXT);
                 e.send(io.netty.buffer.Unpooled.wrappedBuffer(big));
             });
             PeerProcess client = GnuTlsClient.connect(server.port()).priority(GNUTLS_TLS13).arg("--recordsize=512")
                     .verify(pki.caFile(), TestPki.HOST).start()) {
            GnuTlsClient.awaitHandshake(client, TIMEOUT);
            client.writeAsync("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).join();
            assertThat(client.awaitExit(TIMEOUT)).as("gnutls-cli fails on an oversized record").isNotZero();
            assertThat(client.describeOutput()).containsIgnoringCase("record");
        }
    }

    @Test
    void opensslTakesOurGroupsWhenItsShareIsNotOurFavourite() throws Exception {
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial()).build(); // x25519 first, P-256 second
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).groups("P-256:X25519").verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(OpenSslClient.awaitEstablished(client, TIMEOUT)).contains("TLSv1.3");
            InteropCases.echo(client, 1000);
            assertThat(server.result(TIMEOUT).session().group()).isEqualTo(NamedGroup.SECP256R1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192", "P-521"})
    void opensslTls13Over(String group) throws Exception {
        NamedGroup ours = NamedGroup.fromName(group);
        TlsConfig config = TlsConfig.server(pki.rsaServer().keyMaterial()).groups(List.of(NamedGroup.X25519, ours)).build();
        try (EngineEchoServer server = EngineEchoServer.start(config, TIMEOUT);
             PeerProcess client = OpenSslClient.connect(server.port()).groups(group).verify(pki.caFile(), TestPki.HOST).start()) {
            assertThat(OpenSslClient.awaitEstablished(client, TIMEOUT)).contains("TLSv1.3");
            InteropCases.echo(client, 1000);
            assertThat(server.result(TIMEOUT).session().group()).isEqualTo(ours);
        }
    }
}
