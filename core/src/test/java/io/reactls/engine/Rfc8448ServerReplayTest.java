package io.reactls.engine;

import static io.reactls.testing.Rfc8448Trace.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.alert.AlertDescription;
import io.reactls.alert.TlsAlertException;
import io.reactls.cert.KeyMaterial;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackends;
import io.reactls.crypto.CipherSuite;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.NamedGroup;
import io.reactls.crypto.SignatureScheme;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.TlsVersion;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordProtection;
import io.reactls.record.Tls13AeadProtection;
import io.reactls.testing.Rfc8448Trace;
import io.reactls.testing.ScriptedRandom;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 (simple 1-RTT) replayed against our SERVER engine: the trace's exact ClientHello goes in, our server
 * holds the trace's RSA key and certificate, and a scripted random yields the trace's x25519 key and server random.
 *
 * <p>What matches the trace byte for byte: the ServerHello record (95 octets), the Certificate message, both
 * handshake traffic secrets (and so the server's handshake write key and IV: the trace's keys open our encrypted
 * flight), and the trace's client Finished record, which our server's read keys open and whose verify_data our
 * client handshake secret confirms over the trace's transcript.
 *
 * <p>What does not, and why: our EncryptedExtensions is empty, while the trace's server acknowledges SNI and sends
 * supported_groups (with secp521r1 and ffdhe groups we lack) and record_size_limit (RFC 8449, not implemented).
 * Everything hashed after it differs, so CertificateVerify (RSA-PSS over another transcript hash), the server
 * Finished and the application secrets differ, and the engine itself rightly refuses the trace's client Finished.
 * Our RSA-PSS signing still reproduces the trace's CertificateVerify exactly when given the trace's transcript and
 * salt, which the test recovers from the trace's signature.
 */
class Rfc8448ServerReplayTest {

    /** "{server} create an ephemeral x25519 key pair", private key. */
    static final String SERVER_X25519_PRIVATE = "b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e";

    /** RFC 8448 §2: the server's RSA key. */
    static final String MODULUS = "b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f";
    static final String PUBLIC_EXPONENT = "010001";
    static final String PRIVATE_EXPONENT = "04dea705d43a6ea7209dd8072111a83c81e322a59278b33480641eaf7c0a6985b8e31c44f6de62e1b4c2309f6126e77b7c41e923314bbfa3881305dc1217f16c819ce538e922f369828d0e57195d8c8488460207b2faa726bcf708bbd7db7f679f893492fc2a622e08970aac441ce4e0c3088df25ae679233df8a3bda2ff9941";
    static final String PRIME1 = "e435fb7cc83737756dacea96ab7f59a2cc1069db7deb190e17e33a532b273f30a327aa0aaabc58cd67466af9845fadc675fe094af92c4bd1f2c1bc33dd2e0515";
    static final String PRIME2 = "cabd3bc0e0438664c8d4cc9f99977a94d9bbfead8e43870abae3f7eb8b4e0eee8af1d9b4719ba6196cf2cbbaeeebf8b3490afe9e9ffa74a88aa51fc645629303";
    static final String EXPONENT1 = "3f57345c27fe1b687e6e761627b78b1b826433dd760fa0bea6a6acf39490aa1b47cda4869d68f584dd5b5029bd32093b8258661fe715025e5d70a45a08d3d319";
    static final String EXPONENT2 = "183da01363bd2f2885cacbdc9964bf4764f1517636f86401286f71893c52ccfe40a6c23d0d086b47c6fb10d8fd1041e04def7e9a40ce957c417794e10412d139";
    static final String COEFFICIENT = "839ca9a085e4286b2c90e466997a2c681f21339aa3477814e4dec11833050ed50dd13cc038048a43c59b2acc416889c037665fe5afa605969f8c01dfa5ca969d";

    static final HashAlgorithm SHA256 = CipherSuite.TLS_AES_128_GCM_SHA256.hash();

    static byte[] clientHello() {
        return bytes(Rfc8448Trace.CLIENT_HELLO);
    }

    static byte[] serverRandom() {
        return Arrays.copyOfRange(bytes(Rfc8448Trace.SERVER_HELLO), 6, 38);
    }

    static X509Certificate certificate() throws GeneralSecurityException {
        byte[] msg = bytes(Rfc8448Trace.CERTIFICATE);
        // header(4) context length(1) list length(3) cert length(3), then the DER
        int length = ((msg[8] & 0xFF) << 16) | ((msg[9] & 0xFF) << 8) | (msg[10] & 0xFF);
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(msg, 11, length));
    }

    static PrivateKey privateKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(big(MODULUS), big(PUBLIC_EXPONENT),
                big(PRIVATE_EXPONENT), big(PRIME1), big(PRIME2), big(EXPONENT1), big(EXPONENT2), big(COEFFICIENT)));
    }

    static BigInteger big(String hex) {
        return new BigInteger(1, bytes(hex));
    }

    /** The trace's CertificateVerify signature: header(4), scheme(2), length(2), signature. */
    static byte[] traceSignature() {
        byte[] cv = bytes(Rfc8448Trace.CERTIFICATE_VERIFY);
        return Arrays.copyOfRange(cv, 8, cv.length);
    }

    /**
     * The RSA-PSS salt inside the trace's signature (RFC 8017 §9.1.2): EM = s^e mod n = maskedDB || H || 0xbc,
     * DB = maskedDB xor MGF1(H) = zeros || 0x01 || salt.
     */
    static byte[] traceSalt() throws GeneralSecurityException {
        RSAPublicKey pub = (RSAPublicKey) certificate().getPublicKey();
        int emLen = (pub.getModulus().bitLength() - 1 + 7) / 8;
        byte[] em = toLength(new BigInteger(1, traceSignature()).modPow(pub.getPublicExponent(), pub.getModulus()), emLen);
        assertThat(em[emLen - 1]).isEqualTo((byte) 0xbc);
        int hLen = 32;
        byte[] maskedDb = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        byte[] db = mgf1(h, maskedDb.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= maskedDb[i];
        }
        db[0] &= 0x7F; // 8*emLen - emBits = 1 leftmost bit
        int one = 0;
        while (db[one] == 0) {
            one++;
        }
        assertThat(db[one]).isEqualTo((byte) 1);
        return Arrays.copyOfRange(db, one + 1, db.length);
    }

    static byte[] mgf1(byte[] seed, int length) throws GeneralSecurityException {
        byte[] out = new byte[length];
        for (int counter = 0, at = 0; at < length; counter++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - at);
            System.arraycopy(block, 0, out, at, n);
            at += n;
        }
        return out;
    }

    static byte[] toLength(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    static byte[] serverSignedContent(byte[] transcriptHash) {
        byte[] context = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }

    static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** Our server with the trace's key, certificate and randomness, after the trace's ClientHello. */
    static TlsEngine replayedServer() throws GeneralSecurityException {
        ScriptedRandom random = new ScriptedRandom(bytes(SERVER_X25519_PRIVATE), serverRandom(), traceSalt());
        TlsConfig config = TlsConfig.server(new KeyMaterial(List.of(certificate()), privateKey()))
                .versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256))
                .groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1))
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .random(random)
                .build();
        TlsEngine server = TlsEngine.server(config, ByteBufAllocator.DEFAULT);
        TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, clientHello()));
        assertThat(random.exhausted()).as("every scripted draw used: x25519 key, server random, PSS salt").isTrue();
        return server;
    }

    static byte[] open(RecordProtection protection, byte[] wireRecord, ContentType expected) {
        TlsEngineNegativeTest.Rec r = TlsEngineNegativeTest.records(wireRecord).get(0);
        PlainRecord plain = protection.open(new OpaqueRecord(ContentType.fromCode(r.type()), r.version(),
                Unpooled.copiedBuffer(r.body())));
        try {
            assertThat(plain.type()).isEqualTo(expected);
            return ByteBufUtil.getBytes(plain.fragment());
        } finally {
            plain.fragment().release();
        }
    }

    static byte[] stateField(TlsEngine engine, String name) {
        try {
            Field state = TlsEngine.class.getDeclaredField("state");
            state.setAccessible(true);
            Object s = state.get(engine);
            Field d = s.getClass().getDeclaredField("d");
            d.setAccessible(true);
            Object data = d.get(s);
            Field f = data.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return (byte[]) f.get(data);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the server handshake state changed shape; update this test", e);
        }
    }

    @Test
    void serverHelloAndHandshakeSecretsMatchTheTrace() throws Exception {
        TlsEngine server = replayedServer();
        try {
            byte[] out = TlsEngineNegativeTest.take(server);
            List<TlsEngineNegativeTest.Rec> records = TlsEngineNegativeTest.records(out);
            assertThat(records).as("ServerHello, then one encrypted record with the whole flight").hasSize(2);

            // "{server} send handshake record" for the ServerHello: 95 octets, byte for byte.
            byte[] serverHelloRecord = records.get(0).encode();
            assertThat(Rfc8448Trace.hex(serverHelloRecord)).isEqualTo("160303005a" + Rfc8448Trace.SERVER_HELLO);

            assertThat(stateField(server, "clientHandshakeSecret")).isEqualTo(bytes(Rfc8448Trace.CLIENT_HS_TRAFFIC));

            // The trace's server handshake key and IV open our flight: our server handshake traffic secret is the trace's.
            Tls13AeadProtection traceServerKeys = new Tls13AeadProtection(AeadAlgorithm.AES_128_GCM, AeadBackends.jce(),
                    bytes(Rfc8448Trace.SERVER_HS_KEY), bytes(Rfc8448Trace.SERVER_HS_IV));
            byte[] flight = open(traceServerKeys, records.get(1).encode(), ContentType.HANDSHAKE);
            List<byte[]> messages = TlsEngineNegativeTest.messages(TlsEngineNegativeTest.record(22, flight));
            assertThat(messages).extracting(m -> m[0] & 0xFF).containsExactly(8, 11, 15, 20);
            byte[] ee = messages.get(0);
            byte[] certificate = messages.get(1);
            byte[] certificateVerify = messages.get(2);
            byte[] finished = messages.get(3);

            assertThat(Rfc8448Trace.hex(ee)).as("empty EncryptedExtensions (the trace's has SNI, groups, record_size_limit)")
                    .isEqualTo("080000020000");
            assertThat(Rfc8448Trace.hex(certificate)).isEqualTo(Rfc8448Trace.CERTIFICATE);

            byte[] serverHello = bytes(Rfc8448Trace.SERVER_HELLO);
            byte[] thCertificate = sha256(clientHello(), serverHello, ee, certificate);
            assertThat(Arrays.copyOfRange(certificateVerify, 4, 8)).as("rsa_pss_rsae_sha256, 128-byte signature")
                    .containsExactly(0x08, 0x04, 0x00, 0x80);
            byte[] signature = Arrays.copyOfRange(certificateVerify, 8, certificateVerify.length);
            assertThat(SignatureScheme.RSA_PSS_RSAE_SHA256.verify(certificate().getPublicKey(), serverSignedContent(thCertificate),
                    signature)).isTrue();

            byte[] thCertificateVerify = sha256(clientHello(), serverHello, ee, certificate, certificateVerify);
            assertThat(Arrays.copyOfRange(finished, 4, finished.length)).isEqualTo(Tls13KeySchedule.finishedVerifyData(SHA256,
                    bytes(Rfc8448Trace.SERVER_HS_TRAFFIC), thCertificateVerify));
        } finally {
            server.release();
        }
    }

    @Test
    void ourServerOpensAndConfirmsTheTracesClientFinished() throws Exception {
        TlsEngine server = replayedServer();
        try {
            TlsEngineNegativeTest.take(server);
            RecordProtection readKeys = TlsEngineNegativeTest.protection(server, "readProtection");
            byte[] clientFinished = open(readKeys, bytes(Rfc8448Trace.CLIENT_FINISHED_RECORD), ContentType.HANDSHAKE);
            assertThat(Rfc8448Trace.hex(clientFinished)).isEqualTo(Rfc8448Trace.CLIENT_FINISHED);

            byte[] traceTranscript = Rfc8448Trace.messages(Rfc8448Trace.CLIENT_HELLO, Rfc8448Trace.SERVER_HELLO,
                    Rfc8448Trace.ENCRYPTED_EXTENSIONS, Rfc8448Trace.CERTIFICATE, Rfc8448Trace.CERTIFICATE_VERIFY,
                    Rfc8448Trace.SERVER_FINISHED);
            assertThat(Tls13KeySchedule.finishedMatches(SHA256, stateField(server, "clientHandshakeSecret"), sha256(traceTranscript),
                    Arrays.copyOfRange(clientFinished, 4, clientFinished.length))).isTrue();
        } finally {
            server.release();
        }
    }

    @Test
    void theEngineRefusesTheTracesClientFinishedBecauseOurEncryptedExtensionsDiffer() throws Exception {
        TlsEngine server = replayedServer();
        try {
            TlsEngineNegativeTest.take(server);
            ByteBuf record = TlsEngineNegativeTest.buf(bytes(Rfc8448Trace.CLIENT_FINISHED_RECORD));
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> server.receive(record));
            // decrypt_error from the Finished check, not bad_record_mac: the record itself opened.
            assertThat(e.alert()).isEqualTo(AlertDescription.DECRYPT_ERROR);
            assertThat(e.getMessage()).contains("client Finished does not match");
            ByteBuf alert = server.takeOutbound();
            assertThat(alert).isNotNull();
            alert.release();
        } finally {
            server.release();
        }
    }

    @Test
    void ourRsaPssSigningReproducesTheTracesCertificateVerify() throws Exception {
        byte[] thCertificate = sha256(Rfc8448Trace.messages(Rfc8448Trace.CLIENT_HELLO, Rfc8448Trace.SERVER_HELLO,
                Rfc8448Trace.ENCRYPTED_EXTENSIONS, Rfc8448Trace.CERTIFICATE));
        byte[] signature = SignatureScheme.RSA_PSS_RSAE_SHA256.sign(privateKey(), serverSignedContent(thCertificate),
                new ScriptedRandom(traceSalt()));
        assertThat(Rfc8448Trace.hex(signature)).isEqualTo(Rfc8448Trace.hex(traceSignature()));
    }
}
