package io.reactls.engine;

import static io.reactls.testing.Rfc8448Trace.bytes;
import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.GroupsInEncryptedExtensions;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.ScriptedRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §5 "HelloRetryRequest": the client sends an x25519 share, the server prefers P-256 and asks for it.
 *
 * <p>Server: with {@code retryForPreferredGroup} (NSS's policy) and the trace's groups, the trace's first ClientHello
 * gets the trace's HelloRetryRequest byte for byte except the cookie: the trace's is 114 bytes of NSS's sealed state,
 * ours 32 random bytes kept in the connection. Because the cookie is in the transcript (and our server insists the
 * second ClientHello echoes its own), the rest of the server's §5 flight cannot be replayed; the test shows the
 * refusal names the cookie.
 *
 * <p>Client: with middlebox compatibility off (the trace's empty legacy_session_id), our client takes the trace's
 * HelloRetryRequest and its second ClientHello carries the trace's random, P-256 key share, cookie, groups,
 * supported_versions, psk_key_exchange_modes, record_size_limit and server_name, byte for byte. The whole message
 * differs in extension order, signature schemes and NSS's padding extension, as in §3.
 */
class Rfc8448HelloRetryTest {

    /** {client} create an ephemeral x25519 key pair, private key. */
    static final String CLIENT_X25519_PRIVATE = "0ed02f8e8117efc75ca7ac32aa7e34eda64cdc0ddad154a5e85289f959f63204";

    /** the first {client} ClientHello, 180 octets. */
    static final String CLIENT_HELLO_1 = "010000b00303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f00000613011303130201"
            + "0000810000000b0009000006736572766572ff01000100000a00080006001d00170018003300260024001d0020e8e8e3"
            + "f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f002b0003020304000d0020001e040305030603"
            + "020308040805080604010501060102010402050206020202002d00020101001c00024001";

    /** {server} construct a ServerHello (the HelloRetryRequest), 176 octets. */
    static final String HELLO_RETRY_REQUEST = "020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c00130100008400330002"
            + "0017002c0074007271dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf6256"
            + "36e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16"
            + "aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b7cff0f934b0002b00020304";

    /** {client} create an ephemeral P-256 key pair, private key. */
    static final String CLIENT_P256_PRIVATE = "ab5473467e19346ceb0a0414e41da21d4d2445bc3025afe97c4e8dc8d513da39";

    /** the second {client} ClientHello, 512 octets. */
    static final String CLIENT_HELLO_2 = "010001fc0303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f00000613011303130201"
            + "0001cd0000000b0009000006736572766572ff01000100000a00080006001d001700180033004700450017004104a6da"
            + "7392ec591e17abfd535964b99894d13befb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d6910cfb83954e"
            + "76ba7352830534159897e8065780002b0003020304000d0020001e040305030603020308040805080604010501060102"
            + "010402050206020202002c0074007271dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd00"
            + "30953f4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b"
            + "0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b7cff0f934b0002d00020101001c00024001001500"
            + "af0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000000";

    /** The trace's HelloRetryRequest cookie (extension body: length(2), cookie). */
    static String traceCookieExtension() {
        String hrr = HELLO_RETRY_REQUEST;
        int at = hrr.indexOf("002c0074") + 8;
        return hrr.substring(at, at + 2 * 0x74);
    }

    static String u16(int v) {
        return String.format("%04x", v);
    }

    /** The trace's HelloRetryRequest with {@code cookie} in place of NSS's: lengths recomputed, all else kept. */
    static String traceRetryWithCookie(byte[] cookie) {
        String cookieExt = "002c" + u16(cookie.length + 2) + u16(cookie.length) + hex(cookie);
        String extensions = "00330002" + "0017" + cookieExt + "002b0002" + "0304";
        assertThat(HELLO_RETRY_REQUEST).contains("00330002" + "0017" + "002c0074" + traceCookieExtension() + "002b0002" + "0304");
        String body = HELLO_RETRY_REQUEST.substring(8, HELLO_RETRY_REQUEST.indexOf("00330002")  - 4) + u16(extensions.length() / 2) + extensions;
        return "02" + String.format("%06x", body.length() / 2) + body;
    }

    static TlsEngine traceServer(byte[] cookie) throws Exception {
        TlsConfig config = TlsConfig.server(new KeyMaterial(List.of(Rfc8448Replay.certificate()), Rfc8448Replay.privateKey()))
                // The trace's signatures come from its scripted randomness; the native backend draws on its own.
                .nativeCrypto(false)
                .versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X25519))
                .retryForPreferredGroup(true)
                .groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS)
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .random(new ScriptedRandom(cookie))
                .build();
        return TlsEngine.server(config, ByteBufAllocator.DEFAULT);
    }

    @Test
    void ourServerSendsTheTracesRetryRequestButForTheCookie() throws Exception {
        byte[] cookie = bytes(traceCookieExtension().substring(4, 4 + 64)); // any 32 bytes: the trace's first 32
        TlsEngine server = traceServer(cookie);
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, bytes(CLIENT_HELLO_1)));
            List<TlsEngineNegativeTest.Rec> out = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server));
            assertThat(out).as("no ChangeCipherSpec: the client's legacy_session_id is empty").hasSize(1);
            assertThat(hex(out.get(0).body())).isEqualTo(traceRetryWithCookie(cookie));

            // The trace's second ClientHello echoes NSS's cookie, not ours.
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> TlsEngineNegativeTest.feed(server,
                    TlsEngineNegativeTest.record(22, 0x0303, bytes(CLIENT_HELLO_2))));
            assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
            assertThat(e.getMessage()).contains("cookie");
        } finally {
            server.release();
        }
    }

    @Test
    void withoutThePolicyOurServerTakesTheX25519Share() throws Exception {
        TlsConfig config = TlsConfig.server(new KeyMaterial(List.of(Rfc8448Replay.certificate()), Rfc8448Replay.privateKey()))
                // The trace's signatures come from its scripted randomness; the native backend draws on its own.
                .nativeCrypto(false)
                .versions(List.of(TlsVersion.TLS_1_3)).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(List.of(NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X25519)).build();
        TlsEngine server = TlsEngine.server(config, ByteBufAllocator.DEFAULT);
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, bytes(CLIENT_HELLO_1)));
            byte[] serverHello = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server)).get(0).body();
            assertThat(hex(serverHello)).as("a ServerHello with an x25519 share, not a HelloRetryRequest")
                    .contains("0033" + "0024" + "001d0020");
        } finally {
            server.release();
        }
    }

    @Test
    void ourClientAnswersTheTracesRetryRequestWithTheTracesShareAndCookie() {
        ScriptedRandom random = new ScriptedRandom(Rfc8448Replay.random(CLIENT_HELLO_1), bytes(CLIENT_X25519_PRIVATE),
                bytes(CLIENT_P256_PRIVATE));
        TlsConfig config = TlsConfig.client().nativeCrypto(false).versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384))
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1))
                .middleboxCompatibility(false)
                .grease(false) // the trace has no GREASE
                .random(random).build();
        TlsEngine client = TlsEngine.client(config, "server", ByteBufAllocator.DEFAULT);
        try {
            client.beginHandshake();
            ClientHello first = TlsEngineNegativeTest.decodeClientHello(TlsEngineNegativeTest.take(client));
            ClientHello traceFirst = TlsEngineNegativeTest.decodeClientHello(TlsEngineNegativeTest.record(22, bytes(CLIENT_HELLO_1)));
            assertThat(first.sessionId()).isEmpty();
            assertThat(hex(first.extensions().get(ExtensionType.KEY_SHARE))).isEqualTo(hex(traceFirst.extensions().get(ExtensionType.KEY_SHARE)));

            TlsEngineNegativeTest.feed(client, TlsEngineNegativeTest.record(22, bytes(HELLO_RETRY_REQUEST)));
            byte[] wire = TlsEngineNegativeTest.take(client);
            assertThat(TlsEngineNegativeTest.records(wire)).as("no ChangeCipherSpec without compatibility mode").hasSize(1);
            assertThat(random.exhausted()).isTrue();
            ClientHello second = TlsEngineNegativeTest.decodeClientHello(wire);
            ClientHello trace = TlsEngineNegativeTest.decodeClientHello(TlsEngineNegativeTest.record(22, bytes(CLIENT_HELLO_2)));
            assertThat(hex(second.random())).isEqualTo(hex(trace.random()));
            assertThat(second.sessionId()).isEmpty();
            assertThat(second.cipherSuites()).isEqualTo(trace.cipherSuites());
            for (int type : List.of(ExtensionType.SERVER_NAME, ExtensionType.SUPPORTED_GROUPS, ExtensionType.KEY_SHARE,
                    ExtensionType.SUPPORTED_VERSIONS, ExtensionType.COOKIE, ExtensionType.PSK_KEY_EXCHANGE_MODES,
                    ExtensionType.RECORD_SIZE_LIMIT)) {
                assertThat(hex(second.extensions().get(type))).as("extension " + type).isEqualTo(hex(trace.extensions().get(type)));
            }
        } finally {
            client.release();
        }
    }
}
