package io.reactls.handshake.tls13;

import static io.reactls.testing.Rfc8448Trace.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.crypto.Hkdf;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordProtection;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key schedule replayed against RFC 8448 §3 (full handshake) and §4 (resumption with a PSK). Transcript hashes
 * are computed here from the trace's handshake messages and checked against the hashes the trace prints.
 */
class Tls13KeyScheduleTest {

    private static final HashAlgorithm SHA256 = HashAlgorithm.SHA256;
    private static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;

    private static byte[] sha256(byte[] data) {
        return SHA256.newDigest().digest(data);
    }

    private static byte[] thClientHelloServerHello() {
        return sha256(messages(CLIENT_HELLO, SERVER_HELLO));
    }

    private static byte[] thThroughCertificateVerify() {
        return sha256(messages(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY));
    }

    private static byte[] thThroughServerFinished() {
        return sha256(messages(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY,
                SERVER_FINISHED));
    }

    private static byte[] thThroughClientFinished() {
        return sha256(messages(CLIENT_HELLO, SERVER_HELLO, ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY,
                SERVER_FINISHED, CLIENT_FINISHED));
    }

    private static HandshakeSecret handshakeSecret() {
        return Tls13KeySchedule.early(SHA256, null).handshake(bytes(ECDHE_SHARED_SECRET));
    }

    @Test
    void transcriptHashesOfTheTraceMessagesMatchTheHashesTheTracePrints() {
        assertThat(hex(thClientHelloServerHello())).isEqualTo(TH_CLIENT_HELLO_SERVER_HELLO);
        assertThat(hex(thThroughServerFinished())).isEqualTo(TH_THROUGH_SERVER_FINISHED);
        assertThat(hex(thThroughClientFinished())).isEqualTo(TH_THROUGH_CLIENT_FINISHED);
    }

    // §3 "{server} extract secret "early"": no PSK, so IKM is 32 zeros.
    @Test
    void earlySecretWithoutPsk() {
        assertThat(hex(Tls13KeySchedule.early(SHA256, null).secret())).isEqualTo(EARLY_SECRET);
        assertThat(hex(Tls13KeySchedule.early(SHA256, new byte[32]).secret())).isEqualTo(EARLY_SECRET);
    }

    // §3 "{server} extract secret "handshake"" with the x25519 shared secret as IKM.
    @Test
    void handshakeSecret_fromTheEcdheSharedSecret() {
        assertThat(hex(handshakeSecret().secret())).isEqualTo(HANDSHAKE_SECRET);
    }

    // §3 "{server} derive secret "tls13 c hs traffic"" / "tls13 s hs traffic".
    @Test
    void handshakeTrafficSecrets() {
        HandshakeSecret hs = handshakeSecret();
        assertThat(hex(hs.clientTrafficSecret(thClientHelloServerHello()))).isEqualTo(CLIENT_HS_TRAFFIC);
        assertThat(hex(hs.serverTrafficSecret(thClientHelloServerHello()))).isEqualTo(SERVER_HS_TRAFFIC);
    }

    // §3 "{server} extract secret "master"".
    @Test
    void masterSecret() {
        assertThat(hex(handshakeSecret().master().secret())).isEqualTo(MASTER_SECRET);
    }

    // §3 "tls13 c ap traffic", "tls13 s ap traffic", "tls13 exp master" (through server Finished), "tls13 res master"
    // (through client Finished).
    @Test
    void applicationExporterAndResumptionSecrets() {
        MasterSecret master = handshakeSecret().master();
        assertThat(hex(master.clientApplicationTrafficSecret(thThroughServerFinished()))).isEqualTo(CLIENT_AP_TRAFFIC);
        assertThat(hex(master.serverApplicationTrafficSecret(thThroughServerFinished()))).isEqualTo(SERVER_AP_TRAFFIC);
        assertThat(hex(master.exporterMasterSecret(thThroughServerFinished()))).isEqualTo(EXPORTER_MASTER);
        assertThat(hex(master.resumptionMasterSecret(thThroughClientFinished()))).isEqualTo(RESUMPTION_MASTER);
    }

    // §3 "{server} generate resumption secret "tls13 resumption"": the NewSessionTicket's nonce is 00 00.
    @Test
    void resumptionPskFromTheTicketNonce() {
        byte[] psk = Tls13KeySchedule.resumptionPsk(SHA256, bytes(RESUMPTION_MASTER), new byte[] {0, 0});
        assertThat(hex(psk)).isEqualTo(RESUMPTION_PSK);
    }

    // §3 "derive write/read traffic keys for handshake/application data": key = Expand-Label(secret, "key", "", 16),
    // iv = Expand-Label(secret, "iv", "", 12).
    @Test
    void trafficKeysAndIvs() {
        assertKeyAndIv(SERVER_HS_TRAFFIC, SERVER_HS_KEY, SERVER_HS_IV);
        assertKeyAndIv(CLIENT_HS_TRAFFIC, CLIENT_HS_KEY, CLIENT_HS_IV);
        assertKeyAndIv(SERVER_AP_TRAFFIC, SERVER_AP_KEY, SERVER_AP_IV);
        assertKeyAndIv(CLIENT_AP_TRAFFIC, CLIENT_AP_KEY, CLIENT_AP_IV);
    }

    private static void assertKeyAndIv(String secret, String key, String iv) {
        assertThat(hex(Hkdf.expandLabel(SHA256, bytes(secret), "key", new byte[0], 16))).isEqualTo(key);
        assertThat(hex(Hkdf.expandLabel(SHA256, bytes(secret), "iv", new byte[0], 12))).isEqualTo(iv);
    }

    // §3 "{server} calculate finished": base key s hs traffic, transcript ClientHello..CertificateVerify.
    @Test
    void serverFinishedVerifyData() {
        byte[] verifyData = Tls13KeySchedule.finishedVerifyData(SHA256, bytes(SERVER_HS_TRAFFIC), thThroughCertificateVerify());
        assertThat(hex(verifyData)).isEqualTo(SERVER_VERIFY_DATA);
        assertThat(SERVER_FINISHED).isEqualTo("14000020" + SERVER_VERIFY_DATA);
        assertThat(hex(Hkdf.expandLabel(SHA256, bytes(SERVER_HS_TRAFFIC), "finished", null, 32))).isEqualTo(SERVER_FINISHED_KEY);
    }

    // §3 "{client} calculate finished": base key c hs traffic, transcript ClientHello..server Finished.
    @Test
    void clientFinishedVerifyData() {
        byte[] verifyData = Tls13KeySchedule.finishedVerifyData(SHA256, bytes(CLIENT_HS_TRAFFIC), thThroughServerFinished());
        assertThat(hex(verifyData)).isEqualTo(CLIENT_VERIFY_DATA);
        assertThat(CLIENT_FINISHED).isEqualTo("14000020" + CLIENT_VERIFY_DATA);
        assertThat(hex(Hkdf.expandLabel(SHA256, bytes(CLIENT_HS_TRAFFIC), "finished", null, 32))).isEqualTo(CLIENT_FINISHED_KEY);
    }

    @Test
    void finishedMatchesOnlyTheExactVerifyData() {
        byte[] key = bytes(CLIENT_HS_TRAFFIC);
        byte[] th = thThroughServerFinished();
        byte[] good = bytes(CLIENT_VERIFY_DATA);
        assertThat(Tls13KeySchedule.finishedMatches(SHA256, key, th, good)).isTrue();
        byte[] flipped = good.clone();
        flipped[31] ^= 1;
        assertThat(Tls13KeySchedule.finishedMatches(SHA256, key, th, flipped)).isFalse();
        assertThat(Tls13KeySchedule.finishedMatches(SHA256, key, th, Arrays.copyOf(good, 31))).isFalse();
        // The server's key over the same transcript is not the client's verify_data.
        assertThat(Tls13KeySchedule.finishedMatches(SHA256, bytes(SERVER_HS_TRAFFIC), th, good)).isFalse();
    }

    /**
     * The protections built from the traffic secrets open the trace's encrypted records: this checks the key and IV
     * that {@link Tls13KeySchedule#protection} derives, end to end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"JCE", "BouncyCastle"})
    void protectionsFromTheTrafficSecretsOpenTheTraceRecords(String backendName) {
        AeadBackend backend = backendName.equals("JCE") ? AeadBackends.jce() : AeadBackends.bouncyCastle();
        RecordProtection serverHs = Tls13KeySchedule.protection(SUITE, backend, bytes(SERVER_HS_TRAFFIC));
        assertOpens(serverHs, SERVER_FLIGHT_RECORD, ContentType.HANDSHAKE,
                ENCRYPTED_EXTENSIONS + CERTIFICATE + CERTIFICATE_VERIFY + SERVER_FINISHED);
        RecordProtection clientHs = Tls13KeySchedule.protection(SUITE, backend, bytes(CLIENT_HS_TRAFFIC));
        assertOpens(clientHs, CLIENT_FINISHED_RECORD, ContentType.HANDSHAKE, CLIENT_FINISHED);
        RecordProtection clientAp = Tls13KeySchedule.protection(SUITE, backend, bytes(CLIENT_AP_TRAFFIC));
        assertOpens(clientAp, CLIENT_APPLICATION_DATA_RECORD, ContentType.APPLICATION_DATA, APPLICATION_DATA);
        RecordProtection serverAp = Tls13KeySchedule.protection(SUITE, backend, bytes(SERVER_AP_TRAFFIC));
        assertOpens(serverAp, NEW_SESSION_TICKET_RECORD, ContentType.HANDSHAKE, NEW_SESSION_TICKET);
    }

    private static void assertOpens(RecordProtection p, String recordHex, ContentType type, String plaintextHex) {
        byte[] record = bytes(recordHex);
        ByteBuf fragment = Unpooled.wrappedBuffer(record, 5, record.length - 5);
        PlainRecord plain = p.open(new OpaqueRecord(ContentType.fromCode(record[0]), 0x0303, fragment));
        try {
            assertThat(plain.type()).isEqualTo(type);
            assertThat(hex(ByteBufUtil.getBytes(plain.fragment()))).isEqualTo(plaintextHex);
        } finally {
            plain.fragment().release();
        }
    }

    @Test
    void protectionRefusesATls12Suite() {
        assertThatThrownBy(() -> Tls13KeySchedule.protection(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                AeadBackends.jce(), new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    /** A SHA-384 suite gets a 32-byte key: sealing with one secret and opening with a protection from the same secret works. */
    @Test
    void sha384SuiteRoundTrips() {
        CipherSuite suite = CipherSuite.TLS_AES_256_GCM_SHA384;
        byte[] secret = Tls13KeySchedule.early(HashAlgorithm.SHA384, null).handshake(new byte[48])
                .serverTrafficSecret(new byte[48]);
        assertThat(secret).hasSize(48);
        RecordProtection seal = Tls13KeySchedule.protection(suite, AeadBackends.jce(), secret);
        RecordProtection open = Tls13KeySchedule.protection(suite, AeadBackends.bouncyCastle(), secret);
        ByteBuf wire = Unpooled.buffer();
        seal.seal(ContentType.HANDSHAKE, Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), wire);
        wire.skipBytes(5);
        PlainRecord plain = open.open(new OpaqueRecord(ContentType.APPLICATION_DATA, 0x0303, wire));
        assertThat(ByteBufUtil.getBytes(plain.fragment())).containsExactly(1, 2, 3);
        plain.fragment().release();
    }

    /**
     * No trace covers KeyUpdate; the answer is OpenSSL 3.0's:
     * {@code openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:<c ap traffic>
     * -kdfopt prefix:"tls13 " -kdfopt label:"traffic upd" -kdfopt hexdata:"" TLS13-KDF}.
     */
    @Test
    void nextTrafficSecretMatchesOpenSsl() {
        byte[] next = Tls13KeySchedule.nextTrafficSecret(SHA256, bytes(CLIENT_AP_TRAFFIC));
        assertThat(hex(next)).isEqualTo("fcdfcc72725aaee48bf64e4fd8b749cdbdbab39d90da0b26e2245ca6ea167207");
    }

    /**
     * No trace covers exporters; the answer is OpenSSL 3.0's TLS13-KDF in the two RFC 8446 §7.5 steps, from the trace's
     * exporter master secret:
     * <pre>
     * S=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:<exp master> \
     *     -kdfopt prefix:"tls13 " -kdfopt label:"EXPERIMENTAL reactls" -kdfopt hexdata:<SHA-256("")> TLS13-KDF)
     * openssl kdf -keylen 40 ... -kdfopt hexkey:$S -kdfopt label:"exporter" -kdfopt hexdata:<SHA-256("abc")> TLS13-KDF
     * </pre>
     */
    @Test
    void exporterMatchesOpenSsl() {
        byte[] out = Tls13KeySchedule.exporter(SHA256, bytes(EXPORTER_MASTER), "EXPERIMENTAL reactls", "abc".getBytes(), 40);
        assertThat(hex(out)).isEqualTo("229cd8471695fcd7dbf6cd003092a606ef70682e972c3b0e06344686fd0b0b0762d7d37357d581e4");
    }

    /** RFC 8446 §7.5: no context and an empty context are the same in TLS 1.3 (OpenSSL as above, hexdata SHA-256("")). */
    @Test
    void exporterWithoutContextEqualsEmptyContext() {
        String expected = "051ef4e13550638acae0ca691071ddd998152d248ef53cb8f210a9aec3b47cc5";
        assertThat(hex(Tls13KeySchedule.exporter(SHA256, bytes(EXPORTER_MASTER), "EXPERIMENTAL reactls", null, 32))).isEqualTo(expected);
        assertThat(hex(Tls13KeySchedule.exporter(SHA256, bytes(EXPORTER_MASTER), "EXPERIMENTAL reactls", new byte[0], 32))).isEqualTo(expected);
        assertThat(Tls13KeySchedule.exporter(SHA256, bytes(EXPORTER_MASTER), "EXPERIMENTAL other", null, 32))
                .isNotEqualTo(bytes(expected));
    }

    // RFC 8448 §4 "Resumed 0-RTT Handshake": the PSK is §3's resumption PSK.
    private static final String RESUMED_EARLY_SECRET = "9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c";
    // §4 "{client} calculate PSK binder": PRK is the "res binder" key, "binder hash" the truncated ClientHello's hash.
    private static final String RESUMED_BINDER_KEY = "69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256";
    private static final String RESUMED_BINDER_HASH = "63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14";
    private static final String RESUMED_BINDER = "3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d";
    // §4 "{client} derive secret "tls13 c e traffic"" and "tls13 e exp master": hash is that of the whole ClientHello.
    private static final String RESUMED_CLIENT_HELLO_HASH = "08ad0fa05d7c7233b1775ba2ff9f4c5b8b59276b7f227f13a976245f5d960913";
    private static final String RESUMED_CLIENT_EARLY_TRAFFIC = "3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62";
    private static final String RESUMED_EARLY_EXPORTER_MASTER = "b2026866610937d7423e5be90862ccf24c0e6091186d34f812089ff5be2ef7df";
    // §4 "{server} extract secret "handshake"": PSK early secret plus the x25519 shared secret.
    private static final String RESUMED_ECDHE_SHARED_SECRET = "f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e";
    private static final String RESUMED_HANDSHAKE_SECRET = "005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6";

    @Test
    void resumptionEarlySecretBinderAndEarlyTraffic() {
        EarlySecret early = Tls13KeySchedule.early(SHA256, bytes(RESUMPTION_PSK));
        assertThat(hex(early.secret())).isEqualTo(RESUMED_EARLY_SECRET);
        byte[] binderKey = early.binderKey(true);
        assertThat(hex(binderKey)).isEqualTo(RESUMED_BINDER_KEY);
        assertThat(early.binderKey(false)).isNotEqualTo(binderKey);
        assertThat(hex(Tls13KeySchedule.finishedVerifyData(SHA256, binderKey, bytes(RESUMED_BINDER_HASH)))).isEqualTo(RESUMED_BINDER);
        assertThat(hex(early.clientEarlyTrafficSecret(bytes(RESUMED_CLIENT_HELLO_HASH)))).isEqualTo(RESUMED_CLIENT_EARLY_TRAFFIC);
        assertThat(hex(early.earlyExporterMasterSecret(bytes(RESUMED_CLIENT_HELLO_HASH)))).isEqualTo(RESUMED_EARLY_EXPORTER_MASTER);
        assertThat(hex(early.handshake(bytes(RESUMED_ECDHE_SHARED_SECRET)).secret())).isEqualTo(RESUMED_HANDSHAKE_SECRET);
    }

    @Test
    void stagesCarryTheirHash() {
        EarlySecret early = Tls13KeySchedule.early(HashAlgorithm.SHA384, null);
        assertThat(early.hash()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(early.handshake(null).hash()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(early.handshake(null).master().hash()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(early.handshake(null).master().clientApplicationTrafficSecret(new byte[48])).hasSize(48);
        assertThat(MessageDigest.isEqual(early.handshake(null).secret(), early.handshake(new byte[48]).secret()))
                .as("a PSK-only handshake uses zeros for the (EC)DHE input").isTrue();
    }
}
