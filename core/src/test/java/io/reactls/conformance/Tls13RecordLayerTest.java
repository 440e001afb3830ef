package io.reactls.conformance;

import static io.reactls.conformance.Wire.APPLICATION_DATA;
import static io.reactls.conformance.Wire.HANDSHAKE;

import io.reactls.AlertDescription;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8446 §5: what a TLS 1.3 server accepts at the record layer, from a scripted client. Message boundaries (§5.1),
 * the compatibility ChangeCipherSpec (§5, D.4), and record sizes (§5.2, §5.4, RFC 8449 §4).
 */
class Tls13RecordLayerTest {

    static final int MAX_PLAINTEXT = 1 << 14;
    /** KeyUpdate(update_not_requested). */
    static final byte[] KEY_UPDATE = Wire.message(24, new byte[] {0});

    /** ClientHello and the server's flight read, our Finished computed but not sent. */
    static ScriptedClient atClientFinished(ScriptedClient c) {
        c.hello(ClientHelloBuilder.tls13());
        c.readServerFlight13();
        return c;
    }

    // ------------------------------------------------------------------------------------ §5.1 message boundaries

    /** §5.1: a handshake message split over records must not have a record of another type in between. */
    @Test
    void changeCipherSpecInsideASplitFinishedIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            byte[] fin = c.finished();
            c.send(c.protect(HANDSHAKE, Arrays.copyOf(fin, 2)), Wire.changeCipherSpec(),
                    c.protect(HANDSHAKE, Arrays.copyOfRange(fin, 2, fin.length)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void alertInsideASplitFinishedIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            byte[] fin = c.finished();
            // user_canceled is the one warning TLS 1.3 does not treat as fatal, so only the interleaving is wrong.
            c.send(c.protect(HANDSHAKE, Arrays.copyOf(fin, 2)), c.protect(Wire.ALERT, new byte[] {1, 90}),
                    c.protect(HANDSHAKE, Arrays.copyOfRange(fin, 2, fin.length)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void applicationDataInsideASplitFinishedIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            byte[] fin = c.finished();
            c.send(c.protect(HANDSHAKE, Arrays.copyOf(fin, 2)), c.protect(APPLICATION_DATA, Conformance.PING),
                    c.protect(HANDSHAKE, Arrays.copyOfRange(fin, 2, fin.length)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** §5.1 applies after the handshake too: a KeyUpdate split around application data. */
    @Test
    void applicationDataInsideASplitKeyUpdateIsUnexpected() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13()).expectEcho(Conformance.PING);
            c.send(c.protect(HANDSHAKE, Arrays.copyOf(KEY_UPDATE, 2)), c.protect(APPLICATION_DATA, Conformance.PING),
                    c.protect(HANDSHAKE, Arrays.copyOfRange(KEY_UPDATE, 2, KEY_UPDATE.length)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** §5.1: a handshake message must not span a key change; here the ClientHello's record also starts the next message. */
    @Test
    void messageSpanningTheHandshakeKeyChangeIsUnexpected() {
        try (ScriptedClient c = Conformance.againstServer()) {
            ClientHelloBuilder hello = ClientHelloBuilder.tls13();
            c.helloSentAs(hello).send(Wire.handshakeRecord(hello.build(), new byte[] {20, 0}));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** The Finished changes the read keys: a KeyUpdate begun in the Finished's record spans that change. */
    @Test
    void messageSpanningTheApplicationKeyChangeIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            c.send(c.protect(HANDSHAKE, Bytes.concat(c.finished(), Arrays.copyOf(KEY_UPDATE, 2))));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    // ------------------------------------------------------------------------------------ §5 ChangeCipherSpec

    @Test
    void oneCompatibilityChangeCipherSpecIsDropped() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            c.send(Wire.changeCipherSpec());
            c.sendFinished().expectEcho(Conformance.PING);
        }
    }

    @Test
    void secondChangeCipherSpecIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            c.send(Wire.changeCipherSpec(), Wire.changeCipherSpec());
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void changeCipherSpecBeforeTheClientHelloIsUnexpected() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.send(Wire.changeCipherSpec());
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void changeCipherSpecAfterTheClientFinishedIsUnexpected() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13()).send(Wire.changeCipherSpec());
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "00", "0101", ""})
    void changeCipherSpecOtherThanTheByteOneIsUnexpected(String body) {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            c.send(Wire.record(Wire.CHANGE_CIPHER_SPEC, Bytes.hex(body)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    @Test
    void protectedChangeCipherSpecIsUnexpected() {
        try (ScriptedClient c = atClientFinished(Conformance.againstServer())) {
            c.send(c.protectInner(new byte[] {1, Wire.CHANGE_CIPHER_SPEC}));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    // ------------------------------------------------------------------------------------ §5.2, §5.4 sizes

    @Test
    void fullSizeRecordIsAccepted() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13()).expectEcho(new byte[MAX_PLAINTEXT]);
        }
    }

    /** §5.4: TLSInnerPlaintext (content, type, padding) is at most 2^14 + 1 bytes; padding counts. */
    @Test
    void innerPlaintextLongerThan2To14Plus1IsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13());
            c.send(c.protectPadded(APPLICATION_DATA, new byte[MAX_PLAINTEXT], 1));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    @Test
    void paddedInnerPlaintextOfExactly2To14Plus1IsAccepted() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13());
            c.send(c.protectPadded(APPLICATION_DATA, new byte[MAX_PLAINTEXT - 100], 100));
            c.expectNoAlert();
        }
    }

    /** §5.2: a TLSCiphertext longer than 2^14 + 256 is record_overflow, before any decryption. */
    @Test
    void ciphertextLongerThan2To14Plus256IsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13());
            c.send(Wire.record(APPLICATION_DATA, new byte[MAX_PLAINTEXT + 257]));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    /** §5.1: a plaintext record longer than 2^14 is record_overflow. */
    @Test
    void plaintextRecordLongerThan2To14IsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.send(Wire.record(HANDSHAKE, new byte[MAX_PLAINTEXT + 1]));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    /** RFC 8449 §4: the limit we announced counts the whole TLSInnerPlaintext, padding included. */
    @Test
    void paddedRecordOverOurRecordSizeLimitIsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.server().recordSizeLimit(1024))) {
            c.handshake13(ClientHelloBuilder.tls13().recordSizeLimit(MAX_PLAINTEXT + 1));
            c.send(c.protectPadded(APPLICATION_DATA, new byte[1000], 24)); // 1000 + 1 + 24 = 1025
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    @Test
    void recordOfExactlyOurRecordSizeLimitIsAccepted() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.server().recordSizeLimit(1024))) {
            c.handshake13(ClientHelloBuilder.tls13().recordSizeLimit(MAX_PLAINTEXT + 1));
            c.send(c.protectPadded(APPLICATION_DATA, new byte[1000], 23));
            c.expectNoAlert();
        }
    }

    @Test
    void contentOverOurRecordSizeLimitIsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.server().recordSizeLimit(1024))) {
            c.handshake13(ClientHelloBuilder.tls13().recordSizeLimit(MAX_PLAINTEXT + 1));
            c.send(c.protect(APPLICATION_DATA, new byte[1024]));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

}
