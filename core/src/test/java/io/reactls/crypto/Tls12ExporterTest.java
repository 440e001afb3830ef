package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 5705 exporter known answers, computed with OpenSSL 3.0's TLS 1.2 PRF over the seed RFC 5705 §4 prescribes, using
 * the master secret and randoms of {@link Tls12PrfTest}:
 * <pre>
 * openssl kdf -keylen 40 -kdfopt digest:SHA256 -kdfopt hexsecret:$MASTER \
 *   -kdfopt hexseed:$(printf 'EXPERIMENTAL reactls' | xxd -p)$CLIENT_RANDOM$SERVER_RANDOM[0003616263] TLS1-PRF
 * </pre>
 */
class Tls12ExporterTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASTER = HEX.parseHex(
            "5486312c2f999182bee93a7896057761bef47ae6c01ead2111394baa634da331b1b23ac093e45962e5911ec8ce37e06e");
    private static final byte[] CLIENT_RANDOM = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SERVER_RANDOM = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final String LABEL = "EXPERIMENTAL reactls";

    private static String export(HashAlgorithm h, byte[] context, int length) {
        return HEX.formatHex(Tls12Exporter.export(h, MASTER, LABEL, CLIENT_RANDOM, SERVER_RANDOM, context, length));
    }

    @Test
    void withoutContext() {
        assertThat(export(HashAlgorithm.SHA256, null, 40))
                .isEqualTo("fa2a8c22ab01849120bea2f76202f6369292df17e33d63220b405b8a02eb86f678bdbaddf58438f6");
    }

    /** An empty context still adds its two length bytes, so it differs from no context (RFC 5705 §4). */
    @Test
    void withEmptyContext() {
        assertThat(export(HashAlgorithm.SHA256, new byte[0], 40))
                .isEqualTo("2a0ce085645db29bcfc413a345417cc0b87da5a3b5428fed2356ba3d4e13964616f828497a980752");
    }

    @Test
    void withContext() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(export(HashAlgorithm.SHA256, abc, 40))
                .isEqualTo("afedf594b2986d40ec7881eac741476fc9521c0786fc42729435baf5eb17bc151af9e97c2733b1de");
        assertThat(export(HashAlgorithm.SHA384, abc, 48))
                .isEqualTo("aee7350fcf120e65cadbbe107e5cbd5aaec75588c4516f222f7497b764798df6b77587076e37ff027fd81b5fe42e4717");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client finished", "server finished", "master secret", "extended master secret", "key expansion"})
    void refusesLabelsThePrfAlreadyUses(String label) {
        assertThatThrownBy(() -> Tls12Exporter.export(HashAlgorithm.SHA256, MASTER, label, CLIENT_RANDOM, SERVER_RANDOM, null, 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void refusesOverlongContextAndWrongRandoms() {
        assertThatThrownBy(() -> Tls12Exporter.export(HashAlgorithm.SHA256, MASTER, LABEL, CLIENT_RANDOM, SERVER_RANDOM,
                new byte[0x10000], 32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tls12Exporter.export(HashAlgorithm.SHA256, MASTER, LABEL, CLIENT_RANDOM, SERVER_RANDOM, new byte[0xFFFF], 32))
                .hasSize(32);
        assertThatThrownBy(() -> Tls12Exporter.export(HashAlgorithm.SHA256, MASTER, LABEL, new byte[31], SERVER_RANDOM, null, 32))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
