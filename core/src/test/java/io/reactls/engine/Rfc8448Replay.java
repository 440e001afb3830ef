package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static io.reactls.testing.Rfc8448Trace.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordProtection;
import io.reactls.record.Tls13AeadProtection;
import io.reactls.testing.Rfc8448Trace;
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

/**
 * What the RFC 8448 replays share: the §2 RSA key and certificate, the RSA-PSS salt recovered from a trace signature
 * (so a scripted random makes our signing reproduce it), and helpers to open trace records and read engine state.
 */
final class Rfc8448Replay {

    private Rfc8448Replay() {
    }

    /** §3 "{server} create an ephemeral x25519 key pair", private key. */
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

    static final HashAlgorithm SHA256 = CipherSuites.hash(CipherSuite.TLS_AES_128_GCM_SHA256);

    /** §3's ClientHello. */
    static byte[] clientHello() {
        return bytes(Rfc8448Trace.CLIENT_HELLO);
    }

    /** A hello message's random: header(4), version(2), random(32). */
    static byte[] random(String helloHex) {
        return Arrays.copyOfRange(bytes(helloHex), 6, 38);
    }

    static X509Certificate certificate() throws GeneralSecurityException {
        return firstCertificate(Rfc8448Trace.CERTIFICATE);
    }

    /** The first certificate of a trace Certificate message (empty request context). */
    static X509Certificate firstCertificate(String certificateHex) throws GeneralSecurityException {
        byte[] msg = bytes(certificateHex);
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

    /** A trace CertificateVerify's signature: header(4), scheme(2), length(2), signature. */
    static byte[] traceSignature(String certificateVerifyHex) {
        byte[] cv = bytes(certificateVerifyHex);
        return Arrays.copyOfRange(cv, 8, cv.length);
    }

    /** The salt of the §3 server CertificateVerify. */
    static byte[] traceSalt() throws GeneralSecurityException {
        return pssSalt((RSAPublicKey) certificate().getPublicKey(), traceSignature(Rfc8448Trace.CERTIFICATE_VERIFY));
    }

    /**
     * The RSA-PSS (SHA-256) salt inside a signature (RFC 8017 §9.1.2): EM = s^e mod n = maskedDB || H || 0xbc,
     * DB = maskedDB xor MGF1(H) = zeros || 0x01 || salt.
     */
    static byte[] pssSalt(RSAPublicKey pub, byte[] signature) throws GeneralSecurityException {
        int emLen = (pub.getModulus().bitLength() - 1 + 7) / 8;
        byte[] em = toLength(new BigInteger(1, signature).modPow(pub.getPublicExponent(), pub.getModulus()), emLen);
        assertThat(em[emLen - 1]).isEqualTo((byte) 0xbc);
        int hLen = 32;
        byte[] maskedDb = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        byte[] db = mgf1(h, maskedDb.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= maskedDb[i];
        }
        db[0] &= (byte) (0xFF >>> (8 * emLen - (pub.getModulus().bitLength() - 1))); // the leftmost 8*emLen - emBits bits
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
        return signedContent("TLS 1.3, server CertificateVerify", transcriptHash);
    }

    static byte[] signedContent(String contextString, byte[] transcriptHash) {
        byte[] context = contextString.getBytes(StandardCharsets.US_ASCII);
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

    /** Seals {@code plaintext} as one record under fresh keys (sequence {@code sequence}), as the wire shows it. */
    static String seal(String keyHex, String ivHex, long sequence, ContentType type, byte[] plaintext) {
        Tls13AeadProtection p = new Tls13AeadProtection(AeadAlgorithm.AES_128_GCM, AeadBackends.jce(), bytes(keyHex), bytes(ivHex));
        ByteBuf out = Unpooled.buffer();
        try {
            for (long i = 0; i < sequence; i++) {
                p.seal(type, Unpooled.EMPTY_BUFFER, out); // advance the sequence number
                out.clear();
            }
            p.seal(type, Unpooled.wrappedBuffer(plaintext), out);
            return Rfc8448Trace.hex(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
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

}
