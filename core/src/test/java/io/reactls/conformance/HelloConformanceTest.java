package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.AlertDescription;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.ServerHello;
import org.junit.jupiter.api.Test;

/** What a server does with ClientHellos the RFCs forbid, or require it to accept, from a scripted client. */
class HelloConformanceTest {

    /** RFC 8446 §4.1.2 / RFC 5246 §7.4.1.4: an extension the server does not know is ignored. */
    @Test
    void unknownExtensionIsIgnored() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13().extension(0x7777, Bytes.hex("0102"))).expectEcho(Conformance.PING);
        }
    }

    /** RFC 8446 §4.1.2: a TLS 1.3 ClientHello's compression methods are exactly the null method. */
    @Test
    void tls13HelloWithAnotherCompressionMethodIsIllegalParameter() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().compressionMethods(1, 0));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8446 §9.2: a certificate-based TLS 1.3 hello without signature_algorithms is missing_extension. */
    @Test
    void tls13HelloWithoutSignatureAlgorithmsIsMissingExtension() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().without(ExtensionType.SIGNATURE_ALGORITHMS));
            c.expectAlert(AlertDescription.MISSING_EXTENSION);
        }
    }

    /** RFC 8446 §9.2: supported_groups and key_share come together. */
    @Test
    void tls13HelloWithoutKeyShareIsMissingExtension() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().without(ExtensionType.KEY_SHARE));
            c.expectAlert(AlertDescription.MISSING_EXTENSION);
        }
    }

    /** RFC 8446 §4.2.2 / §4.2: one extension of each type per block. */
    @Test
    void duplicatedExtensionIsRefused() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().extension(0x7777, new byte[0]).extension(0x7777, new byte[0]));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8446 §4.2.11: pre_shared_key must be the last extension. */
    @Test
    void preSharedKeyNotLastIsIllegalParameter() {
        byte[] identity = Bytes.create().vec16(new byte[16]).raw(new byte[4]).toArray();
        byte[] binder = Bytes.create().vec8(new byte[32]).toArray();
        byte[] psk = Bytes.create().vec16(identity).vec16(binder).toArray();
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().extension(ExtensionType.PRE_SHARED_KEY, psk).extension(0x7777, new byte[0]));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8446 §4.2.9: pre_shared_key without psk_key_exchange_modes is refused. */
    @Test
    void preSharedKeyWithoutKeyExchangeModesIsMissingExtension() {
        byte[] identity = Bytes.create().vec16(new byte[16]).raw(new byte[4]).toArray();
        byte[] binder = Bytes.create().vec8(new byte[32]).toArray();
        byte[] psk = Bytes.create().vec16(identity).vec16(binder).toArray();
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().without(ExtensionType.PSK_KEY_EXCHANGE_MODES).extension(ExtensionType.PRE_SHARED_KEY, psk));
            c.expectAlert(AlertDescription.MISSING_EXTENSION);
        }
    }

    /** RFC 7748 §6.1 / RFC 8446 §7.4.2: an X25519 share giving the all-zero secret is refused. */
    @Test
    void lowOrderX25519ShareIsIllegalParameter() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().replace(ExtensionType.KEY_SHARE,
                    ClientHelloBuilder.keyShares(ClientHelloBuilder.X25519, new byte[32])));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8446 §4.2.8.2: an X25519 key_exchange is 32 bytes. */
    @Test
    void x25519ShareOfTheWrongLengthIsRefused() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().replace(ExtensionType.KEY_SHARE,
                    ClientHelloBuilder.keyShares(ClientHelloBuilder.X25519, new byte[31])));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 5746 §3.6: a non-empty renegotiation_info in an initial ClientHello aborts the handshake. */
    @Test
    void nonEmptyRenegotiationInfoIsHandshakeFailure() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12().replace(ExtensionType.RENEGOTIATION_INFO, Bytes.hex("0C000102030405060708090A0B")));
            c.expectAlert(AlertDescription.HANDSHAKE_FAILURE);
        }
    }

    /** RFC 5746 §3.6: the SCSV alone gets an empty renegotiation_info in the ServerHello. */
    @Test
    void renegotiationScsvIsAnsweredWithRenegotiationInfo() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12().without(ExtensionType.RENEGOTIATION_INFO)
                    .addCipherSuite(ClientHelloBuilder.TLS_EMPTY_RENEGOTIATION_INFO_SCSV));
            ServerHello sh = ScriptedClient.decodeServerHello(c.readServerFlight12().get(0));
            assertThat(sh.extensions().get(ExtensionType.RENEGOTIATION_INFO)).containsExactly(0);
        }
    }

    /** RFC 7627 §5.1: a server that sees extended_master_secret echoes it. */
    @Test
    void extendedMasterSecretIsEchoed() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12());
            ServerHello sh = ScriptedClient.decodeServerHello(c.readServerFlight12().get(0));
            assertThat(sh.extensions().get(ExtensionType.EXTENDED_MASTER_SECRET)).isEmpty();
        }
    }

    /** RFC 7301 §3.2: no protocol in common is no_application_protocol. */
    @Test
    void alpnWithoutACommonProtocolIsNoApplicationProtocol() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.server().alpn(java.util.List.of("h2")))) {
            c.hello(ClientHelloBuilder.tls13().alpn("spdy/1"));
            c.expectAlert(AlertDescription.NO_APPLICATION_PROTOCOL);
        }
    }

    /** RFC 7301 §3.1: empty protocol names are not allowed. */
    @Test
    void alpnWithAnEmptyProtocolNameIsDecodeError() {
        try (ScriptedClient c = Conformance.againstServer(Conformance.server().alpn(java.util.List.of("h2")))) {
            c.hello(ClientHelloBuilder.tls13().replace(ExtensionType.ALPN, Bytes.hex("0003 02 6832 00")));
            c.expectAlert(AlertDescription.DECODE_ERROR);
        }
    }

    /** RFC 6066 §3: the server_name list holds at most one name of each type. */
    @Test
    void twoHostNamesInServerNameAreRefused() {
        byte[] a = Bytes.create().u8(0).vec16("a.test".getBytes()).toArray();
        byte[] b = Bytes.create().u8(0).vec16("b.test".getBytes()).toArray();
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().replace(ExtensionType.SERVER_NAME, Bytes.create().vec16(Bytes.concat(a, b)).toArray()));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8449 §4: a record_size_limit below 64 is illegal_parameter. */
    @Test
    void recordSizeLimitBelow64IsIllegalParameter() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().recordSizeLimit(63));
            c.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    /** RFC 8446 §4.1.2: TLS 1.3 hello without a TLS 1.3 suite in common: handshake_failure. */
    @Test
    void noCommonTls13SuiteIsHandshakeFailure() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().cipherSuites(0x1304));
            c.expectAlert(AlertDescription.HANDSHAKE_FAILURE);
        }
    }

    /** RFC 8446 §4.2.10: a client must not offer early_data in the ClientHello that answers a HelloRetryRequest. */
    @Test
    void earlyDataInTheSecondClientHelloIsIllegalParameter() {
        try (ScriptedClient c = Conformance.againstServer()) {
            ClientHelloBuilder hello = ClientHelloBuilder.tls13().supportedVersions(0x0304);
            byte[] share = hello.keyShare().publicKey();
            hello.replace(ExtensionType.KEY_SHARE, Bytes.create().vec16(new byte[0]).toArray()); // no share: HRR
            c.hello(hello);
            ServerHello retry = ScriptedClient.decodeServerHello(c.nextHandshakeMessage());
            assertThat(retry.random()).isEqualTo(ServerHelloBuilder.HELLO_RETRY_REQUEST_RANDOM);
            hello.replace(ExtensionType.KEY_SHARE, ClientHelloBuilder.keyShares(ClientHelloBuilder.X25519, share))
                    .extension(ExtensionType.EARLY_DATA, new byte[0]);
            if (retry.extensions().has(ExtensionType.COOKIE)) {
                hello.extension(ExtensionType.COOKIE, retry.extensions().get(ExtensionType.COOKIE));
            }
            c.send(Wire.handshakeRecord(hello.build()));
            assertThat(c.expectAlert(AlertDescription.ILLEGAL_PARAMETER).getMessage()).contains("early_data");
        }
    }
}
