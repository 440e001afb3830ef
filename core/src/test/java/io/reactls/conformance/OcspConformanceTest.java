package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.AlertDescription;
import io.reactls.RevocationPolicy;
import io.reactls.TlsAlertException;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.tls13.Certificate13;
import org.junit.jupiter.api.Test;

/**
 * A scripted TLS 1.3 server against our client: the status_request of a CertificateEntry (RFC 8446 §4.4.2.1) is
 * refused when we did not ask for it (§4.4.2: entry extensions answer the ClientHello) and must be a well-formed
 * CertificateStatus (RFC 6066 §8) when we did.
 */
class OcspConformanceTest {

    static final byte[] EMPTY_ENCRYPTED_EXTENSIONS = Wire.message(8, new byte[] {0, 0});

    @Test
    void aStapleInTheCertificateEntryWeDidNotAskForIsUnsupportedExtension() {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client())) {
            ClientHello ch = s.readClientHello();
            assertThat(ch.extensions().has(ExtensionType.STATUS_REQUEST)).as("revocation is off by default").isFalse();
            s.serverHello(ServerHelloBuilder.tls13(ch), ch);
            s.send(s.protect(Wire.HANDSHAKE, EMPTY_ENCRYPTED_EXTENSIONS));
            s.send(s.protect(Wire.HANDSHAKE, HandshakeReassembler.encode(new Certificate13(new byte[0],
                    PeerCertificates.encode(Conformance.PKI.chain()), new byte[] {0x30, 0x03, 0x0A, 0x01, 0x01}))));
            TlsAlertException e = s.expectAlert(AlertDescription.UNSUPPORTED_EXTENSION);
            assertThat(e.getMessage()).contains("did not ask");
        }
    }

    @Test
    void aCertificateStatusOfAnotherStatusTypeIsIllegalParameter() {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client().revocationPolicy(RevocationPolicy.SOFT_FAIL))) {
            ClientHello ch = s.readClientHello();
            assertThat(ch.extensions().get(ExtensionType.STATUS_REQUEST)).as("ocsp, no responder ids, no extensions")
                    .containsExactly(1, 0, 0, 0, 0);
            s.serverHello(ServerHelloBuilder.tls13(ch), ch);
            s.send(s.protect(Wire.HANDSHAKE, EMPTY_ENCRYPTED_EXTENSIONS));
            byte[] plain = HandshakeReassembler.encode(new Certificate13(new byte[0], PeerCertificates.encode(Conformance.PKI.chain()),
                    new byte[] {0x30, 0x03, 0x0A, 0x01, 0x01}));
            // The entry's extension body is status_type (1), then the response: make the type 2 (ocsp_multi, not asked).
            int at = indexOfStatusType(plain);
            plain[at] = 2;
            s.send(s.protect(Wire.HANDSHAKE, plain));
            TlsAlertException e = s.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
            assertThat(e.getMessage()).contains("status_type 2");
        }
    }

    /** The status_type byte: right after the extension header 00 05 LL LL, past the leaf certificate. */
    private static int indexOfStatusType(byte[] message) {
        for (int i = message.length - 10; i > 0; i--) {
            if (message[i] == 0 && message[i + 1] == 5 && message[i + 4] == 1
                    && (((message[i + 2] & 0xFF) << 8) | (message[i + 3] & 0xFF)) == 1 + 3 + 5) {
                return i + 4;
            }
        }
        throw new AssertionError("no status_request extension in the Certificate");
    }
}
