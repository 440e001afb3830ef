package io.reactls.engine;

import static io.reactls.testing.Rfc8448Trace.bytes;
import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.KeyMaterial;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.GroupsInEncryptedExtensions;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.PeerCertificates;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls13.Certificate13;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.Tls13AeadProtection;
import io.reactls.testing.Rfc8448Trace;
import io.reactls.testing.ScriptedRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §6 "Client Authentication". RFC 8448 publishes neither the §6 server's ECDSA private key nor the client's
 * RSA private key, so neither CertificateVerify can be signed here; our server stands in with the §2 RSA key.
 *
 * <p>Server: the ServerHello record and the EncryptedExtensions are the trace's byte for byte (the trace's handshake
 * key opens our flight). Our CertificateRequest is the trace's with the schemes we do not implement (ecdsa_sha1,
 * rsa_pkcs1_sha1, DSA) or that TLS 1.3 forbids in CertificateVerify (PKCS#1 v1.5) left out, order kept; from it on
 * the transcript differs.
 *
 * <p>Client: our Certificate encoding of the trace's client certificate is the trace's message; the trace's client
 * CertificateVerify verifies with our RSA-PSS code over the trace's transcript (its salt recovered as in §3, which
 * would reproduce it given the key); our key schedule's client Finished over that transcript is the trace's, and the
 * three messages sealed with the trace's client handshake key are the trace's client record, byte for byte.
 */
class Rfc8448ClientAuthTest {

    /** {client} construct a ClientHello, 192 octets. */
    static final String CLIENT_HELLO = "010000bc03036a472236328b83af40386d3a3e1f1ce624fa4ed89ab865a4ff0f4144ce3ae23300000613011303130201"
            + "00008d0000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "3300260024001d0020089cc2671f738d9a671e5b2e464981d05b76e361aa22aea91f1d49ca10a7a362002b0003020304"
            + "000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001";

    /** {server} create an ephemeral x25519 key pair, private key, 32 octets. */
    static final String SERVER_X25519_PRIVATE = "7382a5ad1cdd2056ae18cc708bd007d98130dbe2cd4d9ead9b96952becbb0888";

    /** {server} construct a ServerHello, 90 octets. */
    static final String SERVER_HELLO = "0200005603033b50fdf1c3d572e40e68953e7fff4e2758459c59afa0582c0ea032874255fe6e00130100002e00330024"
            + "001d00206c2e50e865919a6b5a12dfaf918f92b442567b0f89bc54478c6921366658f062002b00020304";

    /** {server} derive write traffic keys for handshake data, key, 16 octets. */
    static final String SERVER_HS_KEY = "6cb6e60619d8c7355c5d4c4bc2be90d5";

    /** {server} derive write traffic keys for handshake data, iv, 12 octets. */
    static final String SERVER_HS_IV = "64f239530c3b888fde85e0be";

    /** {server} construct an EncryptedExtensions, 40 octets. */
    static final String ENCRYPTED_EXTENSIONS = "080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000";

    /** {server} construct a CertificateRequest, 43 octets. */
    static final String CERTIFICATE_REQUEST = "0d000027000024000d0020001e040305030603020308040805080604010501060102010402050206020202";

    /** {server} construct a Certificate, 319 octets. */
    static final String SERVER_CERTIFICATE = "0b00013b000001370001323082012e3081d5a003020102020107300a06082a8648ce3d04030230133111300f06035504"
            + "0313086563647361323536301e170d3136303733303031323430305a170d3236303733303031323430305a3013311130"
            + "0f0603550403130865636473613235363059301306072a8648ce3d020106082a8648ce3d0301070342000408d5301615"
            + "75f4cfe7f154ee3448180086001e88431a79ee62ee6e2f83ef38ba61e9fb37f34e007a7df4d2f5b56d1f04ece45d621f"
            + "468406f5c3a15158948dd0a31a301830090603551d1304023000300b0603551d0f040403020780300a06082a8648ce3d"
            + "0403020348003045022100df30fd4507f5edd22c1a6ff86db479ca693feeca3b71b3f9ef556b2937c0594d022062e2a4"
            + "7250d320fea83c7e2dcb5b76a50e0200c09adbd13fee946e513e011d110000";

    /** {server} construct a CertificateVerify, 79 octets. */
    static final String SERVER_CERTIFICATE_VERIFY = "0f00004b040300473045022100d7a4d34bd54f55fee1a89625678c3dd5e5f60dac73ec940c5c7b9304a02084a9022028"
            + "9f595ed488b9ac689a3d192b1a8bb38f34af7874c059c9806a1f38269353e8";

    /** {server} construct a Finished, 36 octets. */
    static final String SERVER_FINISHED = "1400002093b70cdf4781985b96345caac701b4e750d3042df1a689d8faca812251113c11";

    /** {server} derive secret "tls13 c hs traffic", 32 octets. */
    static final String CLIENT_HS_TRAFFIC = "cec7a30c6872070f22a7eeb065768db67c45e29533db879908ce6dc66f5911de";

    /** {client} construct a Certificate, 451 octets. */
    static final String CLIENT_CERTIFICATE = "0b0001bf000001bb0001b6308201b23082011ba003020102020101300d06092a864886f70d01010b05003011310f300d"
            + "06035504031306636c69656e74301e170d3136303733303031323335395a170d3236303733303031323335395a301131"
            + "0f300d06035504031306636c69656e7430819f300d06092a864886f70d010101050003818d0030818902818100c38175"
            + "e004a68d093f823b9c379d201fbc0bb7a1c791905e3fbf76847e44e751ebbcd360bd945c81e5222bcc8846d3a8a0f93e"
            + "9bf5bebabd92edf1de1ff19021703e7ab6c0901513f97e39b111f09c9348971c7b211984a754cd45fe095af0ea423682"
            + "9bccf7a7fe9b2888e78ab477690a5b9e1ccbe91c6a4a0f97a7e02842010203010001a31a301830090603551d13040230"
            + "00300b0603551d0f040403020780300d06092a864886f70d01010b0500038181001a7a5a018532b022af0767d486160c"
            + "ff2d167a1915d23835b54594916dc680be5d2e626076c5d52722ebcc775d7d99f980be2fc94d34acf6cc00ba90cbcfb0"
            + "608aa1e7e3971ef0c07a41d47ad8345d1f81fe418a1cf41054429fd217bd777dc1cf08f05df90799c659361e0f1a8ee4"
            + "ac0f7897420bdbc823da80a2f2ba23081c0000";

    /** {client} construct a CertificateVerify, 136 octets. */
    static final String CLIENT_CERTIFICATE_VERIFY = "0f00008408040080186b2223b503a759c35dba0e9721b4b579138d5f0f5e6ec7feaaf27f3ad7f386c2c7bd7cb2be52fb"
            + "f5ed8393f406ee79369692ec7ac695651d858219e672a8eb7b2a677b640b46ab630edc5f3f2f8272b9c0d906f81f84dd"
            + "c5b8c7bcf955c78a3cf99e5016f73e04eb7dfcb28833f13e8f75ec2ff3581e2f098ad4157fd6d6ad";

    /** {client} construct a Finished, 36 octets. */
    static final String CLIENT_FINISHED = "140000209afe2ba2f63a09d229d8a429e5b37ffd9fcc73bdb5911b82425972aa2892440f";

    /** {server} derive read traffic keys for handshake data (the client's write keys), key, 16 octets. */
    static final String CLIENT_HS_KEY = "916948f728d9823fa41a004d083f217f";

    /** {server} derive read traffic keys for handshake data (the client's write keys), iv, 12 octets. */
    static final String CLIENT_HS_IV = "64153d79bac9ea10ca5a0a88";

    /** {client} send handshake record (Certificate, CertificateVerify, Finished), 645 octets. */
    static final String CLIENT_FLIGHT_RECORD = "1703030280b46a63934e673841abaf267403bc677f6b6d2a1e2f12bb5f62683bfe36a82673f06d6287ddd609bcf2f5fd"
            + "3225923d24af3c76682c180ee571a17ca4bfbe2f510dc9a0e1fca5cff2cee87d11cb531a6ef90bf5309a6b63bbbc0b88"
            + "ea45103a4304091543859fa11ec032ed873444cd5185ead5f6a76420f0f0286acef802c8e4788c23275f1b06da600f4a"
            + "7decd0bc59d7bef10e649ae32690397fc3d4ed6f30f801d8cd569b71ad4fa05ea7cf2ac2dfa150d220505d4011b34d09"
            + "d53853eba61a101e4f8dca47d8171a884b19259a3dd48c5ac141983edc77814d25e7f66bbbdb9096839266e06561828e"
            + "cfb27eafd4e9e81a0b96e3bfa42dae5ad80359b9a6661402c3a2104177030106dbd8f65bb6a0159d512eb13af22a259f"
            + "313bd58c2e21fe053d57f2a962b0a4ea682c96f70b79b560136192823b27be6a2fb7b1c751ccc0e3303615541485b7b3"
            + "07b423332c11efa80b72f9b80a53e53f7bb38a3af4c59f8008bad0544e5614e688ff57bccd6935f81f447f420c1c1bf4"
            + "058818e90bf5dc716ccae42524856df8250bcdbd7af65f82dd53061d024f6d2ff5c11e3792a9a70e0ee2a3c20a1b968a"
            + "c391f8f92831135d25242ada2fe241c2653ec996339dfa12dfae7a3373df88b07ca27aef6dc266a25f13f75c76039c1f"
            + "46fd7a53ae6399c999f4b2aee18e480d6d12bfae226bbdc92a6ad50b4d3bac7abc3b3651eb5be56f33bf41127b3ca886"
            + "dc714a50d1490357bd40d9fd6be42209a4ddb9ebb2987e29f120f05814614d2c79320015b461fe7324447670a1af5f65"
            + "caed15b474ab7faa495016adf808e53b94ef54afbb0e0a3a2732ab597f7d5923c77386aa5124731f8cc73e703b341c17"
            + "5a454939a77ab64313c15cf3fe03c4f33842564976";

    static List<byte[]> serverFlight() throws Exception {
        TlsConfig config = TlsConfig.server(new KeyMaterial(List.of(Rfc8448Replay.certificate()), Rfc8448Replay.privateKey()))
                // The trace's signatures come from its scripted randomness; the native backend draws on its own.
                .nativeCrypto(false)
                .versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(Rfc8448SimpleHandshakeTest.TRACE_GROUPS)
                .groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS)
                .signatureSchemes(List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                        SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                        SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384,
                        SignatureScheme.RSA_PKCS1_SHA512))
                .clientAuth(ClientAuthMode.REQUIRE)
                .certificateCompression(List.of()) // the trace's CertificateRequest has no compress_certificate
                .random(new ScriptedRandom(bytes(SERVER_X25519_PRIVATE), Rfc8448Replay.random(SERVER_HELLO), new byte[32]))
                .build();
        TlsEngine server = TlsEngine.server(config, ByteBufAllocator.DEFAULT);
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, bytes(CLIENT_HELLO)));
            List<TlsEngineNegativeTest.Rec> out = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server));
            assertThat(hex(out.get(0).encode())).as("ServerHello record").isEqualTo("160303005a" + SERVER_HELLO);
            Tls13AeadProtection traceKeys = new Tls13AeadProtection(AeadAlgorithm.AES_128_GCM, AeadBackends.jce(),
                    bytes(SERVER_HS_KEY), bytes(SERVER_HS_IV));
            byte[] plain = Rfc8448Replay.open(traceKeys, out.get(1).encode(), ContentType.HANDSHAKE);
            return TlsEngineNegativeTest.messages(TlsEngineNegativeTest.record(22, plain));
        } finally {
            server.release();
        }
    }

    @Test
    void ourServerAsksForACertificateAsTheTraceDoes() throws Exception {
        List<byte[]> messages = serverFlight();
        assertThat(messages).extracting(m -> m[0] & 0xFF).containsExactly(8, 13, 11, 15, 20);
        assertThat(hex(messages.get(0))).isEqualTo(ENCRYPTED_EXTENSIONS);

        String ours = hex(messages.get(1));
        String traceSchemes = CERTIFICATE_REQUEST.substring(CERTIFICATE_REQUEST.length() - 2 * 0x1e);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < traceSchemes.length(); i += 4) {
            String s = traceSchemes.substring(i, i + 4);
            if (List.of("0403", "0503", "0603", "0804", "0805", "0806").contains(s)) {
                kept.add(s);
            }
        }
        String list = String.join("", kept);
        int n = list.length() / 2;
        String expected = "0d" + String.format("%06x", n + 9) + "00" + String.format("%04x", n + 6) + "000d"
                + String.format("%04x", n + 2) + String.format("%04x", n) + list;
        assertThat(ours).as("the trace's CertificateRequest, minus schemes we do not implement or TLS 1.3 forbids").isEqualTo(expected);
    }

    @Test
    void ourClientSideReproducesTheTracesClientRecord() throws Exception {
        X509Certificate clientCert = Rfc8448Replay.firstCertificate(CLIENT_CERTIFICATE);
        byte[] certificate = HandshakeReassembler.encode(new Certificate13(new byte[0], PeerCertificates.encode(List.of(clientCert))));
        assertThat(hex(certificate)).isEqualTo(CLIENT_CERTIFICATE);

        byte[] thCertificate = Rfc8448Replay.sha256(Rfc8448Trace.messages(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS,
                CERTIFICATE_REQUEST, SERVER_CERTIFICATE, SERVER_CERTIFICATE_VERIFY, SERVER_FINISHED, CLIENT_CERTIFICATE));
        byte[] signature = Rfc8448Replay.traceSignature(CLIENT_CERTIFICATE_VERIFY);
        assertThat(SignatureScheme.RSA_PSS_RSAE_SHA256.verify(clientCert.getPublicKey(),
                Rfc8448Replay.signedContent("TLS 1.3, client CertificateVerify", thCertificate), signature)).isTrue();
        assertThat(Rfc8448Replay.pssSalt((RSAPublicKey) clientCert.getPublicKey(), signature)).as("a 32-byte salt, as RFC 8446 asks").hasSize(32);

        byte[] thCertificateVerify = Rfc8448Replay.sha256(Rfc8448Trace.messages(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS,
                CERTIFICATE_REQUEST, SERVER_CERTIFICATE, SERVER_CERTIFICATE_VERIFY, SERVER_FINISHED, CLIENT_CERTIFICATE,
                CLIENT_CERTIFICATE_VERIFY));
        byte[] finished = TlsEngineNegativeTest.handshake(HandshakeType.FINISHED.code(),
                Tls13KeySchedule.finishedVerifyData(Rfc8448Replay.SHA256, bytes(CLIENT_HS_TRAFFIC), thCertificateVerify));
        assertThat(hex(finished)).isEqualTo(CLIENT_FINISHED);
        assertThat(Rfc8448Replay.seal(CLIENT_HS_KEY, CLIENT_HS_IV, 0, ContentType.HANDSHAKE,
                Rfc8448Trace.messages(CLIENT_CERTIFICATE, CLIENT_CERTIFICATE_VERIFY, CLIENT_FINISHED))).isEqualTo(CLIENT_FLIGHT_RECORD);
    }
}
