package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.GroupsInEncryptedExtensions;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.tls13.EncryptedExtensions;
import io.reactls.record.ContentType;
import io.reactls.testing.Rfc8448Trace;
import io.reactls.wire.TlsReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What our TLS 1.3 server says in EncryptedExtensions, read off the wire with the client's handshake keys. */
class EncryptedExtensionsTest {

    static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;

    /** Runs ClientHello → server flight, hands the client only the ServerHello, and opens the flight with its keys. */
    static Extensions serverEncryptedExtensions(TlsConfig.Builder client, TlsConfig.Builder server, String sni) {
        TlsEngine c = TlsEngine.client(client.trustAnchors(RSA.trustAnchors()).build(), sni, ByteBufAllocator.DEFAULT);
        TlsEngine s = TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT);
        try {
            c.beginHandshake();
            TlsEngineNegativeTest.feed(s, TlsEngineNegativeTest.take(c));
            List<TlsEngineNegativeTest.Rec> out = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(s));
            TlsEngineNegativeTest.feed(c, out.get(0).encode());
            TlsEngineNegativeTest.Rec flight = out.stream().filter(r -> r.type() == TlsEngineNegativeTest.APPDATA).findFirst().orElseThrow();
            byte[] plain = Rfc8448Replay.open(TlsEngineNegativeTest.protection(c, "readProtection"), flight.encode(), ContentType.HANDSHAKE);
            byte[] ee = TlsEngineNegativeTest.messages(TlsEngineNegativeTest.record(22, plain)).get(0);
            assertThat(ee[0]).isEqualTo((byte) HandshakeType.ENCRYPTED_EXTENSIONS.code());
            return EncryptedExtensions.decode(TlsReader.of(io.netty.buffer.Unpooled.wrappedBuffer(ee, 4, ee.length - 4),
                    "EncryptedExtensions")).extensions();
        } finally {
            c.release();
            s.release();
        }
    }

    static TlsConfig.Builder client() {
        return TlsConfig.client().cipherSuites(List.of(SUITE));
    }

    static TlsConfig.Builder server() {
        return TlsConfig.server(RSA.leaf()).cipherSuites(List.of(SUITE));
    }

    @Test
    void byDefaultSniIsAcknowledgedAndTheLimitAnsweredButPreferredGroupsNotListed() {
        Extensions ee = serverEncryptedExtensions(client(), server(), "localhost");
        assertThat(ee.types()).containsExactly(ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.SERVER_NAME);
        assertThat(Rfc8448Trace.hex(ee.get(ExtensionType.RECORD_SIZE_LIMIT))).isEqualTo("4001");
        assertThat(ee.get(ExtensionType.SERVER_NAME)).isEmpty();
    }

    @Test
    void groupsAreListedWhenTheClientsShareIsNotOurFavourite() {
        Extensions ee = serverEncryptedExtensions(client().groups(List.of(NamedGroup.SECP256R1, NamedGroup.X25519)), server(), "localhost");
        assertThat(ee.types()).containsExactly(ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.SERVER_NAME);
        assertThat(Rfc8448Trace.hex(ee.get(ExtensionType.SUPPORTED_GROUPS))).isEqualTo("0006" + "001d" + "0017" + "0018");
    }

    @Test
    void everyAnswerFollowsItsKnob() {
        Extensions none = serverEncryptedExtensions(client().recordSizeLimit(0),
                server().acknowledgeServerName(false).groupsInEncryptedExtensions(GroupsInEncryptedExtensions.NEVER), "localhost");
        assertThat(none.types()).isEmpty();
        Extensions always = serverEncryptedExtensions(client().alpn(List.of("h2")),
                server().alpn(List.of("h2")).recordSizeLimit(1024).groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS), null);
        assertThat(always.types()).as("no SNI sent, none acknowledged; ALPN last")
                .containsExactly(ExtensionType.SUPPORTED_GROUPS, ExtensionType.RECORD_SIZE_LIMIT, ExtensionType.ALPN);
        assertThat(Rfc8448Trace.hex(always.get(ExtensionType.RECORD_SIZE_LIMIT))).isEqualTo("0400");
    }

    @Test
    void aClientCompletesWithEveryAnswer() {
        try (EnginePair p = new EnginePair(
                TlsEngine.client(client().alpn(List.of("h2")).groups(List.of(NamedGroup.SECP384R1, NamedGroup.X25519))
                        .trustAnchors(RSA.trustAnchors()).build(), "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server().alpn(List.of("h2")).groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS).build(),
                        ByteBufAllocator.DEFAULT)).handshake()) {
            assertThat(p.client.session().applicationProtocol()).isEqualTo("h2");
            TlsEngineNegativeTest.exchangeData(p);
        }
    }
}
