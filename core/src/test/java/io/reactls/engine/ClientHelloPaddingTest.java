package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.decodeClientHello;
import static io.reactls.engine.TlsEngineNegativeTest.messages;
import static io.reactls.engine.TlsEngineNegativeTest.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.CipherSuite;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ClientHelloPadding;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7685 padding with BoringSSL's rule: a ClientHello of 256 to 511 bytes grows to 512, nothing else changes. */
class ClientHelloPaddingTest {

    static TlsConfig.Builder client() {
        return Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC);
    }

    /** The first ClientHello handshake message (header included) a client with {@code config} sends. */
    static byte[] hello(TlsConfig.Builder config) {
        TlsEngine engine = TlsEngine.client(config.build(), "localhost", ByteBufAllocator.DEFAULT);
        try {
            engine.beginHandshake();
            return messages(take(engine)).get(0);
        } finally {
            engine.release();
        }
    }

    static int expectedPadded(int unpadded) {
        if (unpadded < 256 || unpadded >= 512) {
            return unpadded;
        }
        return unpadded <= 507 ? 512 : unpadded + 5; // a padding extension is never empty
    }

    /** Configs whose unpadded hellos fall below, inside and above the range; GREASE off so sizes do not vary. */
    static final List<UnaryOperator<TlsConfig.Builder>> CONFIGS = List.of(
            b -> b.versions(List.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)),
            b -> b.versions(List.of(TlsVersion.TLS_1_3)),
            b -> b,
            b -> b.alpn(List.of("h2", "http/1.1")),
            b -> b.alpn(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "protocol-" + i).toList()));

    @Test
    void sizesBeforeAndAfter() {
        List<String> report = new ArrayList<>();
        boolean sawBelow = false;
        boolean sawInside = false;
        boolean sawAbove = false;
        for (UnaryOperator<TlsConfig.Builder> c : CONFIGS) {
            int unpadded = hello(c.apply(client().grease(false).padding(false))).length;
            byte[] padded = hello(c.apply(client().grease(false)));
            report.add(unpadded + " -> " + padded.length);
            assertThat(padded.length).as("hello of %d bytes", unpadded).isEqualTo(expectedPadded(unpadded));
            ClientHello ch = decodeClientHello(TlsEngineNegativeTest.hsRecord(padded));
            assertThat(ch.extensions().has(ExtensionType.PADDING)).isEqualTo(padded.length != unpadded);
            if (ch.extensions().has(ExtensionType.PADDING)) {
                assertThat(ch.extensions().get(ExtensionType.PADDING)).containsOnly(0);
                List<Integer> types = new ArrayList<>(ch.extensions().types());
                assertThat(types.get(types.size() - 1)).isEqualTo(ExtensionType.PADDING);
            }
            sawBelow |= unpadded < 256;
            sawInside |= unpadded >= 256 && unpadded < 512;
            sawAbove |= unpadded >= 512;
        }
        assertThat(sawBelow && sawInside && sawAbove).as("sizes covered: " + report).isTrue();
    }

    @ParameterizedTest(name = "unpadded {0} bytes")
    @ValueSource(ints = {255, 256, 300, 507, 508, 509, 511, 512, 600})
    void theRuleAtItsEdges(int unpadded) {
        // A ClientHello made to measure with one filler extension.
        ClientHello probe = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[] {0},
                Extensions.empty().with(0xFFFE, new byte[0]));
        int base = HandshakeReassembler.encode(probe).length;
        Extensions ext = Extensions.empty().with(0xFFFE, new byte[unpadded - base]);
        ClientHello hello = new ClientHello(0x0303, new byte[32], new byte[0], List.of(0x1301), new byte[] {0}, ext);
        assertThat(HandshakeReassembler.encode(hello)).hasSize(unpadded);
        ClientHelloPadding.pad(hello, ext, 0);
        assertThat(HandshakeReassembler.encode(hello)).hasSize(expectedPadded(unpadded));
    }

    @Test
    void pskHelloIsPaddedBeforePreSharedKeyAndItsBinderStillVerifies() {
        SessionCache cache = SessionCache.bounded(4);
        TlsConfig c = client().versions(List.of(TlsVersion.TLS_1_3)).grease(false).sessionCache(cache).build();
        TlsConfig s = Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(c, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(s, ByteBufAllocator.DEFAULT)).handshake()) {
            TlsEngineNegativeTest.exchangeData(p);
        }
        try (EnginePair p = new EnginePair(TlsEngine.client(c, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(s, ByteBufAllocator.DEFAULT))) {
            p.client.beginHandshake();
            p.server.beginHandshake();
            byte[] wire = take(p.client);
            byte[] message = messages(wire).get(0);
            ClientHello ch = decodeClientHello(wire);
            List<Integer> types = new ArrayList<>(ch.extensions().types());
            assertThat(types.get(types.size() - 1)).as("RFC 8446 §4.2.11").isEqualTo(ExtensionType.PRE_SHARED_KEY);
            assertThat(types.get(types.size() - 2)).isEqualTo(ExtensionType.PADDING);
            assertThat(message).hasSize(512);
            TlsEngineNegativeTest.feed(p.server, wire);
            p.pump();
            assertThat(p.server.session().resumed()).as("the binder covers the padding").isTrue();
            assertThat(p.client.session().resumed()).isTrue();
        }
    }

    @Test
    void paddingIsOnByDefault() {
        assertThat(TlsConfig.client().build().padding()).isTrue();
        assertThat(TlsConfig.client().padding(false).build().toBuilder().build().padding()).isFalse();
    }
}
