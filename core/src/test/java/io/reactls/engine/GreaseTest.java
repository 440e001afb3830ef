package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.decodeClientHello;
import static io.reactls.engine.TlsEngineNegativeTest.decodeServerHello;
import static io.reactls.engine.TlsEngineNegativeTest.encode;
import static io.reactls.engine.TlsEngineNegativeTest.expectAlert;
import static io.reactls.engine.TlsEngineNegativeTest.feed;
import static io.reactls.engine.TlsEngineNegativeTest.hsRecord;
import static io.reactls.engine.TlsEngineNegativeTest.messages;
import static io.reactls.engine.TlsEngineNegativeTest.records;
import static io.reactls.engine.TlsEngineNegativeTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.Grease;
import io.reactls.handshake.HelloExtensions;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls13.Tls13Extensions;
import io.reactls.testing.ScriptedRandom;
import io.reactls.wire.TlsReader;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 8701 GREASE as our client sends it (where BoringSSL puts it, the same values in a retried hello), our client
 * refusing a server that negotiates a GREASE value (§3.1), our server ignoring GREASE everywhere (§3.2) and sending
 * it when asked (§4.1).
 */
class GreaseTest {

    static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);
    static final List<TlsVersion> TLS12 = List.of(TlsVersion.TLS_1_2);

    static TlsConfig.Builder client() {
        return Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC);
    }

    static TlsConfig.Builder server() {
        return Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC);
    }

    static EnginePair started(TlsConfig.Builder client, TlsConfig.Builder server) {
        return Tls13NegativeTest.pair(client, server);
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static List<Integer> u16s(ClientHello ch, int type) {
        return ch.extensions().parse(type, "test", r -> Extensions.readU16List(r, "test"));
    }

    static List<Integer> extensionTypes(ClientHello ch) {
        return new ArrayList<>(ch.extensions().types());
    }

    /** The extension types before padding and pre_shared_key, which come last (RFC 7685 padding, RFC 8446 §4.2.11). */
    static List<Integer> typesBeforePadding(ClientHello ch) {
        return ch.extensions().types().stream()
                .filter(t -> t != ExtensionType.PADDING && t != ExtensionType.PRE_SHARED_KEY).toList();
    }

    /** What BoringSSL sends; returns the values found so callers can compare hellos. */
    static Grease assertGreasedTls13(ClientHello ch, boolean retried) {
        List<Integer> types = typesBeforePadding(ch);
        int ext1 = types.get(0);
        int ext2 = types.get(types.size() - 1);
        assertThat(Grease.isGrease(ext1)).as("first extension 0x%04x is GREASE", ext1).isTrue();
        assertThat(ch.extensions().get(ext1)).isEmpty();
        assertThat(Grease.isGrease(ext2)).as("last extension 0x%04x is GREASE", ext2).isTrue();
        assertThat(ch.extensions().get(ext2)).containsExactly(0);
        assertThat(ext1).isNotEqualTo(ext2);
        assertThat(types.stream().filter(Grease::isGrease)).hasSize(2);

        int suite = ch.cipherSuites().get(0);
        assertThat(Grease.isGrease(suite)).isTrue();
        assertThat(ch.cipherSuites().subList(1, ch.cipherSuites().size())).noneMatch(Grease::isGrease);

        List<Integer> groups = u16s(ch, ExtensionType.SUPPORTED_GROUPS);
        assertThat(Grease.isGrease(groups.get(0))).isTrue();
        List<Tls13Extensions.KeyShare> shares = ch.extensions().parse(ExtensionType.KEY_SHARE, "key_share",
                Tls13Extensions::readClientKeyShares);
        if (retried) {
            assertThat(shares).as("RFC 8446 §4.1.2: only the share asked for").hasSize(1);
            assertThat(Grease.isGrease(shares.get(0).group())).isFalse();
        } else {
            assertThat(shares).hasSize(2);
            assertThat(shares.get(0).group()).as("the GREASE share is for the GREASE group").isEqualTo(groups.get(0));
            assertThat(shares.get(0).keyExchange()).containsExactly(0);
        }
        List<Integer> versions = ch.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "supported_versions",
                Tls13Extensions::readClientSupportedVersions);
        assertThat(Grease.isGrease(versions.get(0))).isTrue();
        assertThat(versions.subList(1, versions.size())).contains(TlsVersion.TLS_1_3.code());
        List<Integer> schemes = u16s(ch, ExtensionType.SIGNATURE_ALGORITHMS);
        assertThat(Grease.isGrease(schemes.get(0))).isTrue();
        assertThat(ch.extensions().parse(ExtensionType.PSK_KEY_EXCHANGE_MODES, "modes", Tls13Extensions::readPskModes))
                .as("psk_key_exchange_modes is not greased (BoringSSL)").containsExactly(Tls13Extensions.PSK_DHE_KE);
        return new Grease(suite, groups.get(0), ext1, ext2, versions.get(0), schemes.get(0));
    }

    // ------------------------------------------------------------------------------------------ what we send

    @Test
    void tls13HelloCarriesGreaseWhereBoringSslPutsIt() {
        try (EnginePair p = started(client().alpn(List.of("h2", "http/1.1")), server())) {
            ClientHello ch = decodeClientHello(take(p.client));
            assertGreasedTls13(ch, false);
            assertThat(ch.extensions().parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn))
                    .as("ALPN is not greased (BoringSSL)").containsExactly("h2", "http/1.1");
        }
    }

    @Test
    void tls12OnlyHelloGreasesSuitesGroupsSchemesAndExtensions() {
        try (EnginePair p = started(client().versions(TLS12), server())) {
            ClientHello ch = decodeClientHello(take(p.client));
            List<Integer> types = typesBeforePadding(ch);
            assertThat(Grease.isGrease(types.get(0))).isTrue();
            assertThat(Grease.isGrease(types.get(types.size() - 1))).isTrue();
            assertThat(Grease.isGrease(ch.cipherSuites().get(0))).isTrue();
            assertThat(Grease.isGrease(u16s(ch, ExtensionType.SUPPORTED_GROUPS).get(0))).isTrue();
            assertThat(Grease.isGrease(u16s(ch, ExtensionType.SIGNATURE_ALGORITHMS).get(0))).isTrue();
            assertThat(ch.extensions().has(ExtensionType.SUPPORTED_VERSIONS)).isFalse();
        }
    }

    @Test
    void greaseOffSendsNone() {
        try (EnginePair p = started(client().grease(false), server())) {
            ClientHello ch = decodeClientHello(take(p.client));
            assertThat(ch.cipherSuites()).noneMatch(Grease::isGrease);
            assertThat(ch.extensions().types()).noneMatch(Grease::isGrease);
            assertThat(u16s(ch, ExtensionType.SUPPORTED_GROUPS)).noneMatch(Grease::isGrease);
            assertThat(u16s(ch, ExtensionType.SIGNATURE_ALGORITHMS)).noneMatch(Grease::isGrease);
        }
    }

    @Test
    void clientDefaultIsOnServerDefaultIsOff() {
        assertThat(TlsConfig.client().build().grease()).isTrue();
        assertThat(server().build().grease()).isFalse();
        assertThat(client().grease(false).build().toBuilder().build().grease()).isFalse();
    }

    @Test
    void valuesComeFromTheConfigRandomAndAreDeterministic() {
        byte[] first;
        try (EnginePair p = started(client().random(seeded(7)), server())) {
            first = take(p.client);
        }
        try (EnginePair p = started(client().random(seeded(7)), server())) {
            assertThat(take(p.client)).as("same seed, same hello").isEqualTo(first);
        }
        // One 6-byte draw: cipher, group, extension 1, extension 2, version, scheme from each byte's high nibble.
        Grease g = Grease.draw(new ScriptedRandom(new byte[] {0x00, 0x17, (byte) 0xF0, (byte) 0xF3, 0x5A, (byte) 0x99}));
        assertThat(g).isEqualTo(new Grease(0x0A0A, 0x1A1A, 0xFAFA, 0xEAEA, 0x5A5A, 0x9A9A));
    }

    @Test
    void theTwoExtensionsNeverShareAType() {
        Grease g = Grease.draw(new ScriptedRandom(new byte[] {0, 0, 0x30, 0x3F, 0, 0}));
        assertThat(g.extension1()).isEqualTo(0x3A3A);
        assertThat(g.extension2()).isEqualTo(0x2A2A);
        for (int i = 0; i < 256; i++) {
            Grease r = Grease.draw(seeded(i));
            assertThat(r.extension1()).isNotEqualTo(r.extension2());
            assertThat(List.of(r.cipherSuite(), r.group(), r.extension1(), r.extension2(), r.version(), r.signatureScheme()))
                    .allMatch(Grease::isGrease);
        }
    }

    @Test
    void isGreaseKnowsExactlyTheSixteenValues() {
        Set<Integer> found = new HashSet<>();
        for (int v = 0; v <= 0xFFFF; v++) {
            if (Grease.isGrease(v)) {
                found.add(v);
            }
        }
        Set<Integer> rfc = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            rfc.add(0x0A0A + 0x1010 * i);
        }
        assertThat(found).isEqualTo(rfc);
    }

    @Test
    void helloAfterHelloRetryRequestRepeatsTheGreaseValues() {
        try (EnginePair p = started(client().versions(TLS13).groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)),
                server().groups(List.of(NamedGroup.SECP384R1)))) {
            byte[] firstWire = take(p.client);
            ClientHello first = decodeClientHello(firstWire);
            Grease g = assertGreasedTls13(first, false);
            feed(p.server, firstWire);
            byte[] retry = take(p.server);
            assertThat(decodeServerHello(messages(retry).get(0)).random()).isEqualTo(Tls13NegativeTest.HelloRetry.HRR_RANDOM);
            feed(p.client, retry);
            byte[] secondWire = take(p.client);
            ClientHello second = decodeClientHello(records(secondWire).stream().filter(r -> r.type() == 22).findFirst()
                    .orElseThrow().encode());
            assertThat(assertGreasedTls13(second, true)).as("RFC 8701 §4 / RFC 8446 §4.1.2: the same values").isEqualTo(g);
            assertThat(second.cipherSuites()).isEqualTo(first.cipherSuites());
            assertThat(typesBeforePadding(second).stream().filter(t -> t != ExtensionType.COOKIE).toList())
                    .as("the same extensions in the same order, plus our server's cookie (padding follows the size)")
                    .isEqualTo(typesBeforePadding(first));
            assertThat(second.extensions().parse(ExtensionType.KEY_SHARE, "ks", Tls13Extensions::readClientKeyShares).get(0).group())
                    .isEqualTo(NamedGroup.SECP384R1.id());
            feed(p.server, secondWire);
            p.pump();
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
        }
    }

    @Test
    void greasedPskHelloKeepsPreSharedKeyLastAndResumes() {
        io.reactls.SessionCache cache = io.reactls.SessionCache.bounded(4);
        TlsConfig c = client().versions(TLS13).sessionCache(cache).build();
        TlsConfig s = server().grease(true).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(c, "localhost", io.netty.buffer.ByteBufAllocator.DEFAULT), TlsEngine.server(s, io.netty.buffer.ByteBufAllocator.DEFAULT)).handshake()) {
            TlsEngineNegativeTest.exchangeData(p); // delivers the tickets, which carry a GREASE extension
        }
        TlsEngine client = TlsEngine.client(c, "localhost", io.netty.buffer.ByteBufAllocator.DEFAULT);
        TlsEngine server = TlsEngine.server(s, io.netty.buffer.ByteBufAllocator.DEFAULT);
        try (EnginePair p = new EnginePair(client, server)) {
            p.client.beginHandshake();
            p.server.beginHandshake();
            byte[] hello = take(p.client);
            ClientHello ch = decodeClientHello(hello);
            List<Integer> types = extensionTypes(ch);
            assertThat(types.get(types.size() - 1)).isEqualTo(ExtensionType.PRE_SHARED_KEY);
            List<Integer> before = typesBeforePadding(ch);
            assertThat(Grease.isGrease(before.get(before.size() - 1))).as("GREASE 2 before padding and pre_shared_key").isTrue();
            feed(p.server, hello);
            p.pump();
            assertThat(p.client.session().resumed()).isTrue();
            assertThat(p.server.session().resumed()).isTrue();
        }
    }

    // ------------------------------------------------------------------------------------------ our server ignores it

    /** A GREASE ALPN id (RFC 8701 §2: 0x0A0A), which our client sends only because it is configured to. */
    static final String GREASE_ALPN = "\n\n";
    /** A GREASE PskKeyExchangeMode (RFC 8701 §2: 0x0B, 0x2A, ... 0xF0). */
    static final byte GREASE_PSK_MODE = 0x0B;

    /** Our client's GREASEd hello with GREASE added to psk_key_exchange_modes too, fed to the server; its ServerHello. */
    static ServerHello answerToFullyGreasedHello(EnginePair p) {
        ClientHello ch = decodeClientHello(take(p.client));
        Extensions ext = Extensions.empty();
        for (int t : ch.extensions().types()) {
            ext.with(t, t == ExtensionType.PSK_KEY_EXCHANGE_MODES ? new byte[] {2, GREASE_PSK_MODE, 1} : ch.extensions().get(t));
        }
        feed(p.server, hsRecord(encode(new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                ch.compressionMethods(), ext))));
        assertThat(p.server.failure()).isNull();
        return decodeServerHello(messages(take(p.server)).get(0));
    }

    @Test
    void ourTls13ServerIgnoresGreaseEverywhere() {
        try (EnginePair p = started(client().alpn(List.of(GREASE_ALPN, "h2")), server().alpn(List.of("h2")))) {
            ServerHello sh = answerToFullyGreasedHello(p);
            assertThat(CipherSuite.fromId(sh.cipherSuite())).isNotNull();
            assertThat(sh.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "v", Tls13Extensions::readSelectedVersion))
                    .isEqualTo(TlsVersion.TLS_1_3.code());
            assertThat(sh.extensions().parse(ExtensionType.KEY_SHARE, "ks", Tls13Extensions::readServerKeyShare).group())
                    .as("the real share, not the GREASE one before it").isEqualTo(NamedGroup.X25519.id());
        }
        // and whole handshakes, ALPN choosing past the GREASE id
        for (List<TlsVersion> v : List.of(TLS13, TLS12)) {
            try (EnginePair p = Tls13HandshakeTest.pair(client().alpn(List.of(GREASE_ALPN, "h2")),
                    server().versions(v).alpn(List.of("h2"))).handshake()) {
                assertThat(p.server.session().applicationProtocol()).isEqualTo("h2");
                assertThat(p.client.session().applicationProtocol()).isEqualTo("h2");
            }
        }
    }

    @Test
    void ourTls12ServerIgnoresGreaseEverywhere() {
        try (EnginePair p = started(client().alpn(List.of(GREASE_ALPN, "h2")), server().versions(TLS12).alpn(List.of("h2")))) {
            ServerHello sh = answerToFullyGreasedHello(p);
            CipherSuite suite = CipherSuite.fromId(sh.cipherSuite());
            assertThat(suite).isNotNull();
            assertThat(suite.isTls13()).isFalse();
            assertThat(sh.extensions().types()).noneMatch(Grease::isGrease);
        }
    }

    // ------------------------------------------------------------------------------------------ our server sends it

    @Test
    void greasingServerPutsGreaseInCertificateRequestAndOurClientIgnoresIt() {
        try (EnginePair p = started(client().versions(TLS13).keyMaterial(TlsEngineHandshakeTest.EC.leaf()),
                server().grease(true).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()))) {
            Tls13NegativeTest.ClientAfterServerHello c = new Tls13NegativeTest.ClientAfterServerHello(p);
            byte[] cr = c.message(Tls13NegativeTest.CERTIFICATE_REQUEST);
            TlsReader r = TlsReader.of(Unpooled.wrappedBuffer(cr, 4, cr.length - 4), "CertificateRequest");
            r.vector8(0, 255);
            Extensions ext = Extensions.decode(r, "CertificateRequest");
            List<Integer> types = new ArrayList<>(ext.types());
            assertThat(Grease.isGrease(types.get(0))).isTrue();
            assertThat(ext.get(types.get(0))).isEmpty();
            assertThat(Grease.isGrease(ext.parse(ExtensionType.SIGNATURE_ALGORITHMS, "s",
                    x -> Extensions.readU16List(x, "s")).get(0))).isTrue();
        }
        try (EnginePair p = Tls13HandshakeTest.pair(client().versions(TLS13).keyMaterial(TlsEngineHandshakeTest.EC.leaf()),
                server().grease(true).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()))
                .handshake()) {
            TlsEngineNegativeTest.exchangeData(p);
            assertThat(p.server.session().peerCertificates()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ server echoes it

    /** The genuine ServerHello to {@code hello}, and a copy rewritten by {@code forge}. */
    static ServerHello serverHello(EnginePair p, byte[] hello) {
        feed(p.server, hello);
        return decodeServerHello(messages(take(p.server)).get(0));
    }

    static byte[] record(ServerHello sh) {
        return hsRecord(encode(sh));
    }

    static ServerHello withExtension(ServerHello sh, int type, byte[] body) {
        Extensions ext = Extensions.empty();
        for (int t : sh.extensions().types()) {
            ext.with(t, t == type ? body : sh.extensions().get(t));
        }
        ext.with(type, body);
        return new ServerHello(sh.legacyVersion(), sh.random(), sh.sessionId(), sh.cipherSuite(), sh.compressionMethod(), ext);
    }

    @Test
    void serverChoosingOurGreaseSuiteIsIllegalParameter() {
        try (EnginePair p = started(client(), server())) {
            byte[] hello = take(p.client);
            int grease = decodeClientHello(hello).cipherSuites().get(0);
            ServerHello sh = serverHello(p, hello);
            TlsAlertException e = expectAlert(p.client, record(new ServerHello(sh.legacyVersion(), sh.random(), sh.sessionId(),
                    grease, 0, sh.extensions())), AlertDescription.ILLEGAL_PARAMETER, null);
            assertThat(e.getMessage()).contains(Integer.toHexString(grease));
        }
    }

    @Test
    void tls12ServerChoosingOurGreaseSuiteIsIllegalParameter() {
        try (EnginePair p = started(client().versions(TLS12), server().versions(TLS12))) {
            byte[] hello = take(p.client);
            int grease = decodeClientHello(hello).cipherSuites().get(0);
            ServerHello sh = serverHello(p, hello);
            expectAlert(p.client, record(new ServerHello(sh.legacyVersion(), sh.random(), sh.sessionId(), grease, 0,
                    sh.extensions())), AlertDescription.ILLEGAL_PARAMETER, null);
        }
    }

    @Test
    void serverSelectingOurGreaseVersionIsIllegalParameter() {
        try (EnginePair p = started(client(), server())) {
            byte[] hello = take(p.client);
            int grease = decodeClientHello(hello).extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "v",
                    Tls13Extensions::readClientSupportedVersions).get(0);
            ServerHello sh = serverHello(p, hello);
            TlsAlertException e = expectAlert(p.client, record(withExtension(sh, ExtensionType.SUPPORTED_VERSIONS,
                    Tls13Extensions.selectedVersion(grease))), AlertDescription.ILLEGAL_PARAMETER, null);
            assertThat(e.getMessage()).contains(Integer.toHexString(grease));
        }
    }

    @Test
    void serverKeyShareForOurGreaseGroupIsIllegalParameter() {
        try (EnginePair p = started(client(), server())) {
            byte[] hello = take(p.client);
            int grease = u16s(decodeClientHello(hello), ExtensionType.SUPPORTED_GROUPS).get(0);
            ServerHello sh = serverHello(p, hello);
            Tls13Extensions.KeyShare real = sh.extensions().parse(ExtensionType.KEY_SHARE, "ks", Tls13Extensions::readServerKeyShare);
            expectAlert(p.client, record(withExtension(sh, ExtensionType.KEY_SHARE,
                    Tls13Extensions.serverKeyShare(new Tls13Extensions.KeyShare(grease, real.keyExchange())))),
                    AlertDescription.ILLEGAL_PARAMETER, null);
        }
    }

    @Test
    void helloRetryRequestForOurGreaseGroupIsIllegalParameter() {
        try (EnginePair p = started(client().versions(TLS13), server())) {
            byte[] hello = take(p.client);
            ClientHello ch = decodeClientHello(hello);
            int grease = u16s(ch, ExtensionType.SUPPORTED_GROUPS).get(0);
            Extensions ext = Extensions.empty()
                    .with(ExtensionType.SUPPORTED_VERSIONS, Tls13Extensions.selectedVersion(TlsVersion.TLS_1_3.code()))
                    .with(ExtensionType.KEY_SHARE, Tls13Extensions.selectedGroup(grease));
            TlsAlertException e = expectAlert(p.client, record(new ServerHello(0x0303, Tls13NegativeTest.HelloRetry.HRR_RANDOM,
                    ch.sessionId(), CipherSuite.TLS_AES_128_GCM_SHA256.id(), 0, ext)), AlertDescription.ILLEGAL_PARAMETER, null);
            assertThat(e.getMessage()).contains("HelloRetryRequest asks for group " + grease);
        }
    }

    @Test
    void serverHelloEchoingOurGreaseExtensionIsRefused() {
        try (EnginePair p = started(client(), server())) {
            byte[] hello = take(p.client);
            int grease = extensionTypes(decodeClientHello(hello)).get(0);
            ServerHello sh = serverHello(p, hello);
            expectAlert(p.client, record(withExtension(sh, grease, new byte[0])), AlertDescription.UNSUPPORTED_EXTENSION, null);
        }
    }
}
