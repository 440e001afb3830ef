package io.reactls.conformance;

import io.reactls.AlertDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5246 §6.2 and §7.1 at a TLS 1.2 server, with the alerts OpenSSL sends for the same input. */
class Tls12RecordLayerTest {

    static ScriptedClient afterServerFlight() {
        ScriptedClient c = Conformance.againstServer(Conformance.tls12Server());
        c.hello(ClientHelloBuilder.tls12());
        c.readServerFlight12();
        return c;
    }

    /** §7.1: ChangeCipherSpec is the single byte 1; OpenSSL answers anything else with unexpected_message. */
    @ParameterizedTest
    @ValueSource(strings = {"0101", "02", "00", ""})
    void changeCipherSpecOtherThanTheByteOneIsUnexpected(String body) {
        try (ScriptedClient c = afterServerFlight()) {
            c.send(Wire.record(Wire.CHANGE_CIPHER_SPEC, Bytes.hex(body)));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** §6.2.3: a TLSCiphertext fragment longer than 2^14 + 2048 is record_overflow, as soon as its header arrives. */
    @Test
    void recordLongerThan2To14Plus2048IsRecordOverflow() {
        try (ScriptedClient c = afterServerFlight()) {
            c.send(Wire.recordClaiming(Wire.HANDSHAKE, Wire.TLS12, (1 << 14) + 2049, new byte[0]));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    /** §6.2.1: a plaintext record longer than 2^14 is record_overflow. */
    @Test
    void plaintextRecordLongerThan2To14IsRecordOverflow() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.tls12Server())) {
            c.send(Wire.record(Wire.HANDSHAKE, new byte[(1 << 14) + 1]));
            c.expectAlert(AlertDescription.RECORD_OVERFLOW);
        }
    }

    /** §6.2.1: an unknown content type is unexpected_message. */
    @Test
    void unknownContentTypeIsUnexpected() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.tls12Server())) {
            c.send(Wire.record(99, new byte[] {1}));
            c.expectAlert(AlertDescription.UNEXPECTED_MESSAGE);
        }
    }

    /** §6.2.1: zero-length handshake fragments are not allowed. */
    @Test
    void emptyHandshakeRecordIsRefused() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.tls12Server())) {
            c.send(Wire.record(Wire.HANDSHAKE, new byte[0]));
            c.expectAlert(AlertDescription.DECODE_ERROR);
        }
    }
}
