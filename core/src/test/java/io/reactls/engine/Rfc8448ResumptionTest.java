package io.reactls.engine;

import static io.reactls.testing.Rfc8448Trace.bytes;
import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.KeyMaterial;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls13.EarlySecret;
import io.reactls.handshake.tls13.HandshakeSecret;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.testing.Rfc8448Trace;
import io.reactls.testing.ScriptedRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §4 "Resumed 0-RTT Handshake". The trace's ticket is NSS's sealed state: our server has no way to open it (and
 * no seam to accept a foreign ticket format: tickets are sealed and opened by {@code TicketKeys} only), and we never
 * accept 0-RTT, so the trace's resumed ServerHello and everything after it cannot come out of our engine.
 *
 * <p>What is shown instead: (1) our key schedule, from the §3 resumption PSK and the §4 key shares, derives the §4
 * early secret, server handshake traffic secret and server Finished over the trace's transcript (the binder is checked
 * in OfferedPsksTest); (2) our server, handed the trace's ClientHello, falls back to a full handshake: its ServerHello
 * is the trace's without pre_shared_key (same random, key share, and, with the extension, the trace's order), and it
 * skips the client's 0-RTT records instead of failing (RFC 8446 §4.2.10).
 */
class Rfc8448ResumptionTest {

    /** {client} create an ephemeral x25519 key pair, private key. */
    static final String CLIENT_X25519_PRIVATE = "bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df";

    /** {server} create an ephemeral x25519 key pair, private key. */
    static final String SERVER_X25519_PRIVATE = "de5b4476e7b490b2652d338acbf2948066f255f9440e23b98fc69835298dc107";

    /** {client} send handshake record, payload: the whole ClientHello with its binder (the trace's "construct a ClientHello" shows
     * only the 477-octet prefix the binder covers), 512 octets. */
    static final String CLIENT_HELLO = "010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d9500000613011303130201"
            + "0001cd0000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "3300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a0000002b00"
            + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "000240010015005700000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "2900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf1b0070ad3c498883c936"
            + "7c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3"
            + "664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf2"
            + "97b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb002120"
            + "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d";

    /** {client} send application_data record (0-RTT), 28 octets. */
    static final String EARLY_DATA_RECORD = "1703030017ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0";

    /** {client} derive secret "tls13 c e traffic", 32 octets. */
    static final String CLIENT_EARLY_TRAFFIC = "3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62";

    /** {server} construct a ServerHello (pre_shared_key selected), 96 octets. */
    static final String SERVER_HELLO = "0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d00130100003400290002"
            + "000000330024001d0020121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31002b00020304";

    /** {server} extract secret "handshake", 32 octets. */
    static final String HANDSHAKE_SECRET = "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6";

    /** {server} extract secret "handshake", IKM, 32 octets. */
    static final String ECDHE_SHARED_SECRET = "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e";

    /** {server} derive secret "tls13 s hs traffic", 32 octets. */
    static final String SERVER_HS_TRAFFIC = "fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803";

    /** {server} construct an EncryptedExtensions (early_data accepted), 44 octets. */
    static final String ENCRYPTED_EXTENSIONS = "080000280026000a00140012001d00170018001901000101010201030104001c0002400100000000002a0000";

    /** {server} construct a Finished, 36 octets. */
    static final String SERVER_FINISHED = "1400002048d3e0e1b3d907c6acff145e16090388c77b05c050b634ab1a88bbd0dd1a34b2";

    @Test
    void ourKeyScheduleDerivesTheResumedTracesSecrets() throws Exception {
        byte[] shared = Rfc8448SimpleHandshakeTest.x25519(CLIENT_X25519_PRIVATE, SERVER_HELLO);
        assertThat(hex(shared)).isEqualTo(ECDHE_SHARED_SECRET);
        EarlySecret early = Tls13KeySchedule.early(Rfc8448Replay.SHA256, bytes(Rfc8448Trace.RESUMPTION_PSK));
        assertThat(hex(early.clientEarlyTrafficSecret(Rfc8448Replay.sha256(bytes(CLIENT_HELLO))))).isEqualTo(CLIENT_EARLY_TRAFFIC);
        HandshakeSecret hs = early.handshake(shared);
        byte[] th = Rfc8448Replay.sha256(bytes(CLIENT_HELLO), bytes(SERVER_HELLO));
        byte[] serverHs = hs.serverTrafficSecret(th);
        assertThat(hex(serverHs)).isEqualTo(SERVER_HS_TRAFFIC);
        byte[] thEe = Rfc8448Replay.sha256(bytes(CLIENT_HELLO), bytes(SERVER_HELLO), bytes(ENCRYPTED_EXTENSIONS));
        assertThat(hex(Tls13KeySchedule.finishedVerifyData(Rfc8448Replay.SHA256, serverHs, thEe)))
                .isEqualTo(SERVER_FINISHED.substring(8));
    }

    @Test
    void ourServerFallsBackToAFullHandshakeAndSkipsTheEarlyData() throws Exception {
        TlsConfig config = TlsConfig.server(new KeyMaterial(List.of(Rfc8448Replay.certificate()), Rfc8448Replay.privateKey()))
                // The trace's signatures come from its scripted randomness; the native backend draws on its own.
                .nativeCrypto(false)
                .versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .random(new ScriptedRandom(bytes(SERVER_X25519_PRIVATE), Rfc8448Replay.random(SERVER_HELLO), new byte[32]))
                .build();
        TlsEngine server = TlsEngine.server(config, ByteBufAllocator.DEFAULT);
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, bytes(CLIENT_HELLO)));
            byte[] serverHello = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server)).get(0).body();
            String psk = "0029" + "0002" + "0000";
            assertThat(SERVER_HELLO).contains(psk);
            // Without pre_shared_key (6 octets): message length 0x5c -> 0x56, extensions 0x34 -> 0x2e.
            String expected = SERVER_HELLO.replace(psk, "").replaceFirst("^0200005c", "02000056").replace("00130100" + "0034", "00130100" + "002e");
            assertThat(hex(serverHello)).isEqualTo(expected);

            TlsEngineNegativeTest.feed(server, bytes(EARLY_DATA_RECORD));
            assertThat(server.failure()).as("0-RTT data we did not accept is skipped").isNull();
            ByteBuf nothing = server.takeOutbound();
            assertThat(nothing).isNull();
            assertThat(server.takePlaintext()).isNull();
        } finally {
            server.release();
        }
    }
}
