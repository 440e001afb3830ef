package io.reactls.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterialException;
import io.reactls.Pem;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.handshake.CertificateMessage;
import io.reactls.handshake.CertificateRequest;
import io.reactls.handshake.CertificateVerify;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ClientKeyExchange;
import io.reactls.handshake.EcdheServerKeyExchange;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Finished;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.RecordSizeLimit;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.ServerHelloDone;
import io.reactls.handshake.resumption.SessionState;
import io.reactls.handshake.resumption.TicketSealer;
import io.reactls.TicketKeys;
import io.reactls.handshake.tls12.NewSessionTicket12;
import io.reactls.handshake.tls13.Certificate13;
import io.reactls.handshake.tls13.CertificateRequest13;
import io.reactls.handshake.tls13.EncryptedExtensions;
import io.reactls.handshake.tls13.KeyUpdate;
import io.reactls.handshake.tls13.NewSessionTicket;
import io.reactls.handshake.tls13.Tls13Extensions;
import io.reactls.wire.TlsReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The decoders alone, where the fuzzer needs no engine around them: each may return or throw a
 * {@link TlsAlertException} (never internal_error), nothing else. PEM text may only fail with
 * {@link KeyMaterialException}; a forged session ticket is refused (null), never an exception.
 */
class DecoderFuzzTest {

    private static final List<Function<TlsReader, ?>> MESSAGES = List.of(
            ClientHello::decode, ServerHello::decode, CertificateMessage::decode, Certificate13::decode,
            CertificateRequest::decode, CertificateRequest13::decode, NewSessionTicket::decode,
            NewSessionTicket12::decode, EncryptedExtensions::decode, KeyUpdate::decode, EcdheServerKeyExchange::decode,
            CertificateVerify::decode, ServerHelloDone::decode, r -> Finished.decode(r, 12),
            r -> ClientKeyExchange.decode(r, KeyExchangeAlgorithm.RSA),
            r -> ClientKeyExchange.decode(r, KeyExchangeAlgorithm.ECDHE_ECDSA));

    /** One parser per extension a peer may send us, by type. */
    private static final List<Extension> EXTENSIONS = List.of(
            new Extension(ExtensionType.SERVER_NAME, HelloExtensions::readServerName),
            new Extension(ExtensionType.ALPN, HelloExtensions::readAlpn),
            new Extension(ExtensionType.EC_POINT_FORMATS, HelloExtensions::readEcPointFormats),
            new Extension(ExtensionType.SUPPORTED_GROUPS, r -> Extensions.readU16List(r, "supported_groups")),
            new Extension(ExtensionType.SIGNATURE_ALGORITHMS, r -> Extensions.readU16List(r, "signature_algorithms")),
            new Extension(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions::readClientSupportedVersions),
            new Extension(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions::readSelectedVersion),
            new Extension(ExtensionType.KEY_SHARE, Tls13Extensions::readClientKeyShares),
            new Extension(ExtensionType.KEY_SHARE, Tls13Extensions::readServerKeyShare),
            new Extension(ExtensionType.COOKIE, Tls13Extensions::readCookie),
            new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, Tls13Extensions::readPskModes),
            new Extension(ExtensionType.RECORD_SIZE_LIMIT, RecordSizeLimit::read));

    private record Extension(int type, Function<TlsReader, ?> parser) {
    }

    private static final TicketSealer TICKET_KEYS = new TicketSealer(TicketKeys.fromSecret(
            FuzzConfigs.filled(32, (byte) 0x7C), TicketKeys.DEFAULT_ROTATION, 1, FuzzConfigs.random(7)));

    /** [decoder][body...]: one handshake message body through its decoder; a decoded hello's extensions too. */
    @FuzzTest(maxDuration = FuzzBudget.DECODER)
    void handshakeMessage(byte[] data) {
        if (data.length < 1) {
            return;
        }
        Function<TlsReader, ?> decoder = MESSAGES.get(Math.floorMod(data[0], MESSAGES.size()));
        Object message = decode(decoder, Arrays.copyOfRange(data, 1, data.length));
        if (message instanceof ClientHello hello) {
            parseAll(hello.extensions());
        } else if (message instanceof ServerHello hello) {
            parseAll(hello.extensions());
        }
    }

    /** An extensions block, then every extension in it through the parsers for its type. */
    @FuzzTest(maxDuration = FuzzBudget.DECODER)
    void extensions(byte[] data) {
        Extensions extensions = decode(r -> Extensions.decode(r, "fuzzed extensions"), data);
        if (extensions != null) {
            parseAll(extensions);
        }
    }

    /** Fuzzed text as PEM certificates and as a PEM private key (with and without a password). */
    @FuzzTest(maxDuration = FuzzBudget.DECODER)
    void pem(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        try {
            Pem.parseCertificates(text, "fuzzed PEM");
        } catch (KeyMaterialException expected) {
            // the one way PEM parsing may fail
        }
        try {
            Pem.parsePrivateKey(text, "fuzzed PEM", (data.length & 1) == 0 ? null : "secret".toCharArray());
        } catch (KeyMaterialException expected) {
            // the one way PEM parsing may fail
        }
    }

    /** Fuzzed DER as a peer's certificate: bad_certificate or a certificate. */
    @FuzzTest(maxDuration = FuzzBudget.DECODER)
    void peerCertificate(byte[] data) {
        try {
            PeerCertificates.parse(List.of(data));
        } catch (TlsAlertException e) {
            if (e.alert() != AlertDescription.BAD_CERTIFICATE) {
                throw new AssertionError("a certificate that does not parse is bad_certificate, not " + e.alert(), e);
            }
        }
    }

    /**
     * Fuzzed bytes as a session ticket: our keys refuse them (null). The opened state of a real ticket, and fuzzed
     * bytes as a ticket's plaintext, decode to a state or to null ("a format we no longer read").
     */
    @FuzzTest(maxDuration = FuzzBudget.DECODER)
    void ticket(byte[] data) {
        byte[] opened = TICKET_KEYS.open(FuzzPki.NOW, data);
        if (opened != null) {
            throw new AssertionError("a fuzzed ticket of " + data.length + " bytes opened under our keys");
        }
        SessionState.decode(data);
        byte[] real = TICKET_KEYS.seal(FuzzPki.NOW, data);
        byte[] reopened = TICKET_KEYS.open(FuzzPki.NOW, real);
        if (!Arrays.equals(reopened, data)) {
            throw new AssertionError("a ticket we sealed did not open to what we sealed");
        }
    }

    private static void parseAll(Extensions extensions) {
        for (Extension e : EXTENSIONS) {
            if (extensions.has(e.type())) {
                decode(e.parser(), extensions.get(e.type()));
            }
        }
    }

    /** The decoded value, or null when the decoder refused the bytes with an alert (never internal_error). */
    private static <T> T decode(Function<TlsReader, T> decoder, byte[] body) {
        try {
            return decoder.apply(TlsReader.of(Unpooled.wrappedBuffer(body), "fuzzed"));
        } catch (TlsAlertException e) {
            if (e.alert() == AlertDescription.INTERNAL_ERROR) {
                throw new AssertionError("a decoder called malformed input an internal_error", e);
            }
            return null;
        }
    }
}
