package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * HKDF known answers from RFC 5869 Appendix A (test cases 1-3, SHA-256) and HKDF-Expand-Label answers: the RFC 8448
 * §3 "derived" step for SHA-256, and OpenSSL 3.0's TLS13-KDF for SHA-384 (command next to the test).
 */
class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    // RFC 5869 A.1
    @Test
    void rfc5869TestCase1() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] prk = Hkdf.extract(HashAlgorithm.SHA256, hex("000102030405060708090a0b0c"), ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] okm = Hkdf.expand(HashAlgorithm.SHA256, prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    // RFC 5869 A.2: 82 bytes take three HMAC blocks.
    @Test
    void rfc5869TestCase2() {
        byte[] ikm = new byte[80];
        byte[] salt = new byte[80];
        byte[] info = new byte[80];
        for (int i = 0; i < 80; i++) {
            ikm[i] = (byte) i;
            salt[i] = (byte) (0x60 + i);
            info[i] = (byte) (0xb0 + i);
        }
        byte[] prk = Hkdf.extract(HashAlgorithm.SHA256, salt, ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
        byte[] okm = Hkdf.expand(HashAlgorithm.SHA256, prk, info, 82);
        assertThat(HEX.formatHex(okm)).isEqualTo(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    // RFC 5869 A.3: an empty salt is HashLen zeros; null salt and info mean the same as empty.
    @Test
    void rfc5869TestCase3() {
        byte[] ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        String prkHex = "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04";
        String okmHex = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
        byte[] prk = Hkdf.extract(HashAlgorithm.SHA256, new byte[0], ikm);
        assertThat(HEX.formatHex(prk)).isEqualTo(prkHex);
        assertThat(HEX.formatHex(Hkdf.extract(HashAlgorithm.SHA256, null, ikm))).isEqualTo(prkHex);
        assertThat(HEX.formatHex(Hkdf.extract(HashAlgorithm.SHA256, new byte[32], ikm))).isEqualTo(prkHex);
        assertThat(HEX.formatHex(Hkdf.expand(HashAlgorithm.SHA256, prk, new byte[0], 42))).isEqualTo(okmHex);
        assertThat(HEX.formatHex(Hkdf.expand(HashAlgorithm.SHA256, prk, null, 42))).isEqualTo(okmHex);
    }

    @Test
    void shorterOutputIsAPrefixOfLongerOutput() {
        byte[] prk = hex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        byte[] info = hex("f0f1f2f3f4f5f6f7f8f9");
        byte[] longOut = Hkdf.expand(HashAlgorithm.SHA256, prk, info, 100);
        for (int len : new int[] {0, 1, 31, 32, 33, 64, 99}) {
            assertThat(Hkdf.expand(HashAlgorithm.SHA256, prk, info, len)).isEqualTo(Arrays.copyOf(longOut, len));
        }
    }

    @Test
    void expandRefusesMoreThan255Blocks() {
        byte[] prk = new byte[32];
        assertThat(Hkdf.expand(HashAlgorithm.SHA256, prk, null, 255 * 32)).hasSize(255 * 32);
        assertThatThrownBy(() -> Hkdf.expand(HashAlgorithm.SHA256, prk, null, 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.expand(HashAlgorithm.SHA256, prk, null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * RFC 8448 §3 "{server} derive secret for handshake "tls13 derived"": PRK is the early secret, the context is
     * SHA-256(""), and the trace also prints the HkdfLabel (info) this must encode.
     */
    @Test
    void expandLabelMatchesRfc8448DerivedStep() {
        byte[] prk = hex("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
        byte[] emptyHash = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        byte[] info = hex("0020 0d 746c7331332064657269766564 20"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        String expanded = "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba";
        assertThat(HEX.formatHex(Hkdf.expand(HashAlgorithm.SHA256, prk, info, 32))).isEqualTo(expanded);
        assertThat(HEX.formatHex(Hkdf.expandLabel(HashAlgorithm.SHA256, prk, "derived", emptyHash, 32))).isEqualTo(expanded);
        assertThat(HEX.formatHex(Hkdf.deriveSecret(HashAlgorithm.SHA256, prk, "derived", emptyHash))).isEqualTo(expanded);
    }

    /**
     * <pre>
     * openssl kdf -keylen 48 -kdfopt digest:SHA384 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:(48 x 11) \
     *   -kdfopt prefix:"tls13 " -kdfopt label:"c hs traffic" -kdfopt hexdata:00112233 TLS13-KDF
     * </pre>
     */
    @Test
    void expandLabelSha384MatchesOpenSsl() {
        byte[] secret = new byte[48];
        Arrays.fill(secret, (byte) 0x11);
        byte[] out = Hkdf.expandLabel(HashAlgorithm.SHA384, secret, "c hs traffic", hex("00112233"), 48);
        assertThat(HEX.formatHex(out)).isEqualTo(
                "7b6d76f5faadd35992135a640b679b075e7d934930d28d983269bbfc9c1f19ef9046ef0d828000a2cf8d12a64ebec97d");
    }

    @Test
    void expandLabelRefusesOverlongLabelOrContext() {
        byte[] secret = new byte[32];
        assertThat(Hkdf.expandLabel(HashAlgorithm.SHA256, secret, "x".repeat(249), null, 32)).hasSize(32);
        assertThatThrownBy(() -> Hkdf.expandLabel(HashAlgorithm.SHA256, secret, "x".repeat(250), null, 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Hkdf.expandLabel(HashAlgorithm.SHA256, secret, "key", new byte[255], 16)).hasSize(16);
        assertThatThrownBy(() -> Hkdf.expandLabel(HashAlgorithm.SHA256, secret, "key", new byte[256], 16))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
