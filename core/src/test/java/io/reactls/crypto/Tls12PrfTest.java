package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the TLS 1.2 PRF. The P_SHA256 / P_SHA384 "test label" vectors are the ones posted to the IETF TLS
 * list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html); they were also recomputed with OpenSSL 3.0:
 * <pre>
 * openssl kdf -keylen 100 -kdfopt digest:SHA256 -kdfopt hexsecret:9bbe436ba940f017b17652849a71db35 \
 *   -kdfopt hexseed:$(printf 'test label' | xxd -p)a0ba9f936cda311827a6f796ffd5198c TLS1-PRF
 * </pre>
 * The master secret, EMS, key block and verify_data answers were produced with the same command and the inputs below.
 */
class Tls12PrfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final byte[] PRE_MASTER = HEX.parseHex("0303" + "aa".repeat(46));
    private static final byte[] CLIENT_RANDOM = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SERVER_RANDOM = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final String MASTER_256 = "5486312c2f999182bee93a7896057761bef47ae6c01ead2111394baa634da331b1b23ac093e45962e5911ec8ce37e06e";

    @Test
    void pSha256MatchesTheIetfListVector() {
        byte[] out = Tls12Prf.prf(HashAlgorithm.SHA256, HEX.parseHex("9bbe436ba940f017b17652849a71db35"), "test label",
                HEX.parseHex("a0ba9f936cda311827a6f796ffd5198c"), 100);
        assertThat(HEX.formatHex(out)).isEqualTo(
                "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17"
                        + "abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
    }

    @Test
    void pSha384MatchesTheIetfListVector() {
        byte[] out = Tls12Prf.prf(HashAlgorithm.SHA384, HEX.parseHex("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                HEX.parseHex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
        assertThat(HEX.formatHex(out)).isEqualTo(
                "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700"
                        + "884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec4"
                        + "79e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f");
    }

    @Test
    void shorterOutputIsAPrefixOfLongerOutput() {
        byte[] secret = HEX.parseHex("9bbe436ba940f017b17652849a71db35");
        byte[] seed = HEX.parseHex("a0ba9f936cda311827a6f796ffd5198c");
        byte[] longOut = Tls12Prf.prf(HashAlgorithm.SHA256, secret, "test label", seed, 100);
        for (int len : new int[] {0, 1, 31, 32, 33, 64, 99}) {
            assertThat(Tls12Prf.prf(HashAlgorithm.SHA256, secret, "test label", seed, len))
                    .isEqualTo(java.util.Arrays.copyOf(longOut, len));
        }
    }

    // openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:0303aa..(46 x aa) \
    //   -kdfopt hexseed:$(printf 'master secret' | xxd -p)<client random><server random> TLS1-PRF
    @Test
    void masterSecretSha256() {
        assertThat(HEX.formatHex(Tls12Prf.masterSecret(HashAlgorithm.SHA256, PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM)))
                .isEqualTo(MASTER_256);
    }

    // The same with -kdfopt digest:SHA384.
    @Test
    void masterSecretSha384() {
        assertThat(HEX.formatHex(Tls12Prf.masterSecret(HashAlgorithm.SHA384, PRE_MASTER, CLIENT_RANDOM, SERVER_RANDOM)))
                .isEqualTo("abad1d42dd4d23340932c5477dc27901dc02dee7d489c8b0d7ce469fb02e710f4a71642eed934f7a9ff632152b54c3f5");
    }

    // session hash = SHA-256("session hash");
    // openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:0303aa.. \
    //   -kdfopt hexseed:$(printf 'extended master secret' | xxd -p)<session hash> TLS1-PRF
    @Test
    void extendedMasterSecret() {
        byte[] sessionHash = HashAlgorithm.SHA256.newDigest().digest("session hash".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(Tls12Prf.extendedMasterSecret(HashAlgorithm.SHA256, PRE_MASTER, sessionHash)))
                .isEqualTo("aebb4c46bdc0236775d8971ee009cf51ed9edc1d23655e3bf86ef106499d4dc2f278aedc9a4cd01ef833353d1fe04753");
    }

    // openssl kdf -keylen 40 -kdfopt digest:SHA256 -kdfopt hexsecret:<MASTER_256> \
    //   -kdfopt hexseed:$(printf 'key expansion' | xxd -p)<server random><client random> TLS1-PRF
    @Test
    void keyBlockPutsTheServerRandomFirst() {
        assertThat(HEX.formatHex(Tls12Prf.keyBlock(HashAlgorithm.SHA256, HEX.parseHex(MASTER_256), SERVER_RANDOM, CLIENT_RANDOM, 40)))
                .isEqualTo("df161fa772e899a4b2fd045a6c5682460e8f27809352ed88291703695fb620fd9faad1078a55d8cf");
    }

    // handshake hash = SHA-256("handshake messages");
    // openssl kdf -keylen 12 -kdfopt digest:SHA256 -kdfopt hexsecret:<MASTER_256> \
    //   -kdfopt hexseed:$(printf 'client finished' | xxd -p)<handshake hash> TLS1-PRF
    @Test
    void clientVerifyData() {
        byte[] handshakeHash = HashAlgorithm.SHA256.newDigest().digest("handshake messages".getBytes(StandardCharsets.US_ASCII));
        assertThat(HEX.formatHex(Tls12Prf.verifyData(HashAlgorithm.SHA256, HEX.parseHex(MASTER_256), Tls12Prf.CLIENT_FINISHED, handshakeHash)))
                .isEqualTo("e7b26e6af73b5fc86fbe7fad");
    }
}
