package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Grease;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client engine accepts from a scripted server: the ServerHello's versions, HelloRetryRequest, alerts. */
class ClientConformanceTest {

    /** EncryptedExtensions with no extensions. */
    static final byte[] EMPTY_ENCRYPTED_EXTENSIONS = Wire.message(8, new byte[] {0, 0});

    /**
     * RFC 8446 §4.2.1: with supported_versions in the ServerHello the client ignores legacy_version (OpenSSL 3.0
     * goes on with the handshake for 0x0304 or 0x0302 there). The EncryptedExtensions that follows is read under the
     * keys of that ServerHello, so no alert means the client took it.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x0304, 0x0302, 0x0301, 0x0300, 0x0403})
    void tls13ServerHelloLegacyVersionIsIgnored(int legacyVersion) {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client())) {
            ClientHello ch = s.readClientHello();
            s.serverHello(ServerHelloBuilder.tls13(ch).legacyVersion(legacyVersion), ch);
            s.send(s.protect(Wire.HANDSHAKE, EMPTY_ENCRYPTED_EXTENSIONS));
            s.expectNoAlert();
        }
    }

    /** RFC 8446 §4.2.1: supported_versions selecting anything but TLS 1.3 is illegal_parameter, and the reason says where. */
    @ParameterizedTest
    @ValueSource(ints = {0x0303, 0x0302, 0x7F1C})
    void serverHelloSelectingAnotherVersionInSupportedVersionsIsIllegalParameter(int selected) {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client())) {
            ClientHello ch = s.readClientHello();
            s.serverHello(ServerHelloBuilder.tls13(ch).replace(ExtensionType.SUPPORTED_VERSIONS, Bytes.create().u16(selected).toArray()), ch);
            TlsAlertException e = s.expectAlert(AlertDescription.ILLEGAL_PARAMETER);
            assertThat(e.getMessage()).contains("supported_versions").contains("0x" + Integer.toHexString(selected));
        }
    }

    /**
     * RFC 8446 §4.1.2: the second ClientHello is the first with only key_share (one share, of the group asked for),
     * cookie, early_data, pre_shared_key and padding changed: every GREASE value stays exactly as it was.
     */
    @Test
    void helloAfterHelloRetryRequestRepeatsEveryGreaseValue() {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client().grease(true))) {
            ClientHello first = s.readClientHello();
            s.send(Wire.handshakeRecord(ServerHelloBuilder.helloRetryRequest(first, ClientHelloBuilder.SECP256R1).build()));
            ClientHello second = s.readClientHello();
            assertThat(second.cipherSuites()).isEqualTo(first.cipherSuites());
            assertThat(second.cipherSuites().stream().filter(Grease::isGrease).toList()).hasSize(1);
            Set<Integer> mayChange = Set.of(ExtensionType.KEY_SHARE, ExtensionType.COOKIE, ExtensionType.EARLY_DATA,
                    ExtensionType.PRE_SHARED_KEY, ExtensionType.PADDING);
            assertThat(unchanging(second, mayChange)).isEqualTo(unchanging(first, mayChange));
            assertThat(first.extensions().types().stream().filter(Grease::isGrease).toList()).as("GREASE extensions").hasSize(2);
            s.expectNoAlert();
        }
    }

    private static List<String> unchanging(ClientHello hello, Set<Integer> mayChange) {
        List<String> out = new ArrayList<>();
        for (int type : hello.extensions().types()) {
            if (!mayChange.contains(type)) {
                out.add(type + "=" + Bytes.hex(hello.extensions().get(type)));
            }
        }
        return out;
    }

    /** An alert code no RFC defines is reported as that code, not as some other alert. */
    @ParameterizedTest
    @ValueSource(ints = {200, 255, 1})
    void unknownAlertFromTheServerIsReportedAsUnknown(int code) {
        try (ScriptedServer s = Conformance.againstClient(Conformance.client())) {
            s.readClientHello();
            s.send(Wire.alert(Wire.FATAL, code));
            TlsAlertException e = s.peer().localFailure();
            assertThat(e).isNotNull();
            assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.PEER);
            assertThat(e.alert()).isEqualTo(AlertDescription.UNKNOWN);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo("received unknown alert " + code + " (level 2): the peer ended the connection");
            assertThat(s.nextRecord()).as("no alert answers the peer's").isNull();
        }
    }

    @Test
    void unknownAlertFromTheClientIsReportedAsUnknown() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12());
            c.readServerFlight12();
            c.send(Wire.alert(Wire.FATAL, 200));
            TlsAlertException e = c.peer().localFailure();
            assertThat(e.alert()).isEqualTo(AlertDescription.UNKNOWN);
            assertThat(e.code()).isEqualTo(200);
            assertThat(e.getMessage()).contains("unknown alert 200").doesNotContain("illegal_parameter");
        }
    }
}
