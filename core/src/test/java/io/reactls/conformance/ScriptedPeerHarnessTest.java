package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import org.junit.jupiter.api.Test;

/** The harness itself: a correct script completes, and the assertions fail when the peer does not do as expected. */
class ScriptedPeerHarnessTest {

    @Test
    void scriptedTls13HandshakeCompletesAndEchoes() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13()).expectEcho(Conformance.PING);
        }
    }

    @Test
    void messagesSplitOverRecordsAndRecordsCoalescedInOneWrite() {
        try (ScriptedClient c = Conformance.againstServer()) {
            ClientHelloBuilder hello = ClientHelloBuilder.tls13();
            c.helloSentAs(hello).send(Wire.fragmented(hello.build(), 1, 5, 40));
            c.readServerFlight13();
            byte[] fin = c.finished();
            c.recordSent(fin);
            // Finished in two protected records, then application data, all in one write.
            byte[] first = c.protect(Wire.HANDSHAKE, java.util.Arrays.copyOfRange(fin, 0, 3));
            byte[] second = c.protect(Wire.HANDSHAKE, java.util.Arrays.copyOfRange(fin, 3, fin.length));
            c.switchToApplicationKeys();
            c.send(first, second, c.protect(Wire.APPLICATION_DATA, Conformance.PING));
            assertThat(c.nextRecord().content()).isEqualTo(Conformance.PING);
        }
    }

    @Test
    void scriptedTls12HelloGetsTheServerFlight() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12());
            assertThat(c.readServerFlight12()).extracting(m -> (int) m[0]).containsExactly(2, 11, 12, 14);
            c.expectNoAlert();
        }
    }

    @Test
    void scriptedServerReadsTheClientHelloAndTheClientsAlert() {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client())) {
            ClientHello ch = s.readClientHello();
            s.serverHello(ServerHelloBuilder.tls13(ch).cipherSuite(0x1305), ch); // a suite the client never offered
            s.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void expectAlertFailsWhenTheAlertDiffers() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().without(ExtensionType.SIGNATURE_ALGORITHMS));
            assertThatThrownBy(() -> c.expectAlert(AlertDescription.DECODE_ERROR)).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void expectAlertFailsWhenNoAlertComes() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13());
            assertThatThrownBy(() -> c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE)).isInstanceOf(AssertionError.class);
        }
    }
}
