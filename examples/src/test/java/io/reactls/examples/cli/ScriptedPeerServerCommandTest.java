package io.reactls.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.AlertDescription;
import io.reactls.conformance.Bytes;
import io.reactls.conformance.ClientHelloBuilder;
import io.reactls.conformance.ScriptedClient;
import io.reactls.conformance.SocketPeer;
import io.reactls.conformance.Wire;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.ServerHello;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scripted peer of core's conformance suite against {@code reactls server} (its own JVM, default settings) over
 * 127.0.0.1: one representative case of each conformance area, through real TCP writes, split and coalesced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptedPeerServerCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private final TestPki pki = TestPki.get();
    private PeerProcess server;
    private int port;

    @BeforeAll
    void startServer() {
        server = ReactlsProcess.start("server", "--port", "0", "--cert", pki.ecdsaServer().chain().toString(),
                "--key", pki.ecdsaServer().key().toString());
        port = ReactlsProcess.awaitListening(server);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            assertThat(server.isAlive()).as("server survived every script\n" + server.describeOutput()).isTrue();
            server.close();
        }
    }

    private ScriptedClient script() {
        return ScriptedClient.against(SocketPeer.connect(port));
    }

    @Test
    void tls13HandshakeFromFragmentedAndCoalescedRecordsCompletes() {
        try (ScriptedClient c = script()) {
            ClientHelloBuilder hello = ClientHelloBuilder.tls13();
            byte[] records = Wire.fragmented(hello.build(), 1, 7, 100);
            c.helloSentAs(hello);
            for (byte[] piece : Wire.chunks(records, 50)) { // one TCP write per 50 bytes, across record boundaries
                c.send(piece);
            }
            c.readServerFlight13();
            c.send(Wire.changeCipherSpec());
            c.sendFinished().expectEcho(PING);
        }
    }

    /** RFC 8446 D.2: no supported_versions and legacy_version 0xFEFE is TLS 1.2, not protocol_version. */
    @Test
    void legacyVersionAboveTls12WithoutSupportedVersionsNegotiatesTls12() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls12().legacyVersion(0xFEFE));
            ServerHello sh = ScriptedClient.decodeServerHello(c.readServerFlight12().get(0));
            assertThat(sh.legacyVersion()).isEqualTo(0x0303);
            assertThat(sh.extensions().has(ExtensionType.SUPPORTED_VERSIONS)).isFalse();
        }
    }

    @Test
    void fallbackScsvIsInappropriateFallback() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls12().addCipherSuite(ClientHelloBuilder.TLS_FALLBACK_SCSV));
            c.expectAlert(AlertDescription.INAPPROPRIATE_FALLBACK);
        }
    }

    @Test
    void ssl3LegacyVersionIsProtocolVersionEvenWithSupportedVersions() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls13().legacyVersion(0x0300));
            c.expectAlert(AlertDescription.PROTOCOL_VERSION);
        }
    }

    /** RFC 8446 §5: the second compatibility ChangeCipherSpec, sent in its own TCP write. */
    @Test
    void secondChangeCipherSpecIsUnexpectedMessage() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls13());
            c.readServerFlight13();
            c.sendEach(Wire.changeCipherSpec(), Wire.changeCipherSpec());
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void changeCipherSpecInsideASplitFinishedIsUnexpectedMessage() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls13());
            c.readServerFlight13();
            byte[] fin = c.finished();
            c.send(c.protect(Wire.HANDSHAKE, Arrays.copyOf(fin, 2)), Wire.changeCipherSpec(),
                    c.protect(Wire.HANDSHAKE, Arrays.copyOfRange(fin, 2, fin.length)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** RFC 8446 §5.4: padding counts toward the 2^14 + 1 bytes of TLSInnerPlaintext. */
    @Test
    void paddedInnerPlaintextOverTheLimitIsRecordOverflow() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls13());
            c.readServerFlight13();
            c.sendFinished().expectEcho(PING);
            c.send(c.protectPadded(Wire.APPLICATION_DATA, new byte[1 << 14], 1));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    /** RFC 5246 §7.1 with OpenSSL's alert: a ChangeCipherSpec of two bytes is unexpected_message. */
    @Test
    void tls12ChangeCipherSpecOfTwoBytesIsUnexpectedMessage() {
        try (ScriptedClient c = script()) {
            c.hello(ClientHelloBuilder.tls12());
            c.readServerFlight12();
            c.send(Wire.record(Wire.CHANGE_CIPHER_SPEC, Bytes.hex("0101")));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }
}
