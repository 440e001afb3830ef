package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.AlertDescription;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.ServerHello;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 8446 §4.2.1 and Appendix D, RFC 5246 Appendix E.1, RFC 7507: which version a server picks, and when it refuses. */
class VersionNegotiationTest {

    /** RFC 8446 D.2 / RFC 5246 E.1: without supported_versions a higher legacy_version negotiates TLS 1.2. */
    @ParameterizedTest
    @ValueSource(ints = {0x0304, 0x0305, 0x03FE, 0x03FF, 0x0400, 0xFEFE})
    void helloAboveTls12WithoutSupportedVersionsNegotiatesTls12(int legacyVersion) {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12().legacyVersion(legacyVersion));
            ServerHello sh = ScriptedClient.decodeServerHello(c.readServerFlight12().get(0));
            assertThat(sh.legacyVersion()).isEqualTo(0x0303);
            assertThat(sh.extensions().has(ExtensionType.SUPPORTED_VERSIONS)).isFalse();
            c.expectNoAlert();
        }
    }

    /** RFC 8446 §5.1: legacy_record_version of an initial ClientHello may be anything 0x03xx; only TLS matters. */
    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x03FF})
    void recordVersionOfTheClientHelloIsNotChecked(int recordVersion) {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13(), recordVersion);
            c.readServerFlight13();
            c.sendFinished().expectEcho(Conformance.PING);
        }
    }

    /** RFC 8446 D.5: a ClientHello with legacy_version 0x0300 or less is refused, even when it offers TLS 1.3. */
    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0200, 0x0002, 0x0000})
    void legacyVersionSsl3OrLowerIsProtocolVersionEvenWithSupportedVersions(int legacyVersion) {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().legacyVersion(legacyVersion));
            c.expectAlert(AlertDescription.PROTOCOL_VERSION);
        }
    }

    /** RFC 8446 §4.2.1: supported_versions decides, so a TLS 1.0 legacy_version with TLS 1.3 in the extension is TLS 1.3. */
    @Test
    void supportedVersionsOverridesALowLegacyVersion() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13().legacyVersion(0x0301)).expectEcho(Conformance.PING);
        }
    }

    /** RFC 8446 §4.2.1: without a version in common the server sends protocol_version. */
    @Test
    void supportedVersionsWithoutAVersionInCommonIsProtocolVersion() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls13().supportedVersions(0x0302, 0x0301, 0x7F1C));
            c.expectAlert(AlertDescription.PROTOCOL_VERSION);
        }
    }

    /** RFC 7507 §3: TLS_FALLBACK_SCSV from a client whose highest version is below ours. */
    @Test
    void fallbackScsvFromATls12ClientIsInappropriateFallback() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12().addCipherSuite(ClientHelloBuilder.TLS_FALLBACK_SCSV));
            c.expectAlert(AlertDescription.INAPPROPRIATE_FALLBACK);
        }
    }

    @Test
    void fallbackScsvWithSupportedVersionsTopping12IsInappropriateFallback() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.hello(ClientHelloBuilder.tls12().supportedVersions(0x0303).addCipherSuite(ClientHelloBuilder.TLS_FALLBACK_SCSV));
            c.expectAlert(AlertDescription.INAPPROPRIATE_FALLBACK);
        }
    }

    /** RFC 7507 §3: the SCSV is no fallback when the client offers our highest version. */
    @Test
    void fallbackScsvIsIgnoredWhenTheClientOffersOurHighestVersion() {
        try (ScriptedClient c = Conformance.againstServer()) {
            c.handshake13(ClientHelloBuilder.tls13().addCipherSuite(ClientHelloBuilder.TLS_FALLBACK_SCSV)).expectEcho(Conformance.PING);
        }
        try (ScriptedClient c = Conformance.againstServer(Conformance.tls12Server())) {
            c.hello(ClientHelloBuilder.tls12().addCipherSuite(ClientHelloBuilder.TLS_FALLBACK_SCSV));
            assertThat(c.readServerFlight12()).hasSize(4);
            c.expectNoAlert();
        }
    }
}
