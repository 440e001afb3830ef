package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Published AEAD vectors through both backends, plus the failure behaviour the record layer relies on. */
class AeadKnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One published vector: key, nonce, aad, plaintext, ciphertext||tag. */
    record Vector(String name, AeadAlgorithm algorithm, String key, String nonce, String aad, String plaintext, String sealed) {
    }

    // RFC 8439 §2.8.2.
    static final Vector CHACHA_RFC8439 = new Vector("RFC 8439 2.8.2", AeadAlgorithm.CHACHA20_POLY1305,
            "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
            "070000004041424344454647",
            "50515253c0c1c2c3c4c5c6c7",
            HEX.formatHex("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                    + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                    + "3ff4def08e4b7a9de576d26586cec64b6116"
                    + "1ae10b594f09e26a7e902ecbd0600691");

    // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 4 (AES-128, 60-byte plaintext, 20-byte AAD).
    static final Vector GCM_TC4 = new Vector("GCM spec test case 4", AeadAlgorithm.AES_128_GCM,
            "feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                    + "5bc94fbc3221a5db94fae95ae7121a47");

    // The same specification, test case 16 (test case 4 with a 256-bit key).
    static final Vector GCM_TC16 = new Vector("GCM spec test case 16", AeadAlgorithm.AES_256_GCM,
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                    + "76fc6ece0f4e1768cddf8853bb2d551b");

    static Stream<Arguments> cases() {
        return Stream.of(AeadBackends.jce(), AeadBackends.bouncyCastle())
                .flatMap(b -> Stream.of(CHACHA_RFC8439, GCM_TC4, GCM_TC16).map(v -> Arguments.of(b, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sealsToThePublishedCiphertext(AeadBackend backend, Vector v) {
        Aead aead = backend.create(v.algorithm(), HEX.parseHex(v.key()));
        byte[] pt = HEX.parseHex(v.plaintext());
        byte[] out = new byte[pt.length + 16 + 3];
        int n = aead.seal(HEX.parseHex(v.nonce()), HEX.parseHex(v.aad()), pt, 0, pt.length, out, 3);
        assertThat(n).isEqualTo(pt.length + 16);
        assertThat(HEX.formatHex(out, 3, 3 + n)).isEqualTo(v.sealed());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void opensThePublishedCiphertext(AeadBackend backend, Vector v) throws AeadTagException {
        Aead aead = backend.create(v.algorithm(), HEX.parseHex(v.key()));
        byte[] ct = HEX.parseHex(v.sealed());
        byte[] out = new byte[ct.length];
        int n = aead.open(HEX.parseHex(v.nonce()), HEX.parseHex(v.aad()), ct, 0, ct.length, out, 0);
        assertThat(HEX.formatHex(out, 0, n)).isEqualTo(v.plaintext());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void sealsAndOpensInPlace(AeadBackend backend, Vector v) throws AeadTagException {
        Aead aead = backend.create(v.algorithm(), HEX.parseHex(v.key()));
        byte[] pt = HEX.parseHex(v.plaintext());
        byte[] buf = Arrays.copyOf(pt, pt.length + 16);
        aead.seal(HEX.parseHex(v.nonce()), HEX.parseHex(v.aad()), buf, 0, pt.length, buf, 0);
        assertThat(HEX.formatHex(buf)).isEqualTo(v.sealed());
        int n = aead.open(HEX.parseHex(v.nonce()), HEX.parseHex(v.aad()), buf, 0, buf.length, buf, 0);
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(pt);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void tamperedTagCiphertextOrAadIsRefusedAndNoPlaintextIsLeft(AeadBackend backend, Vector v) {
        Aead aead = backend.create(v.algorithm(), HEX.parseHex(v.key()));
        byte[] nonce = HEX.parseHex(v.nonce());
        byte[] aad = HEX.parseHex(v.aad());
        byte[] sealed = HEX.parseHex(v.sealed());
        int last = sealed.length - 1;
        for (int flip : new int[] {0, last - 16, last}) {
            byte[] ct = sealed.clone();
            ct[flip] ^= 0x01;
            assertOpenFailsCleanly(aead, nonce, aad, ct);
        }
        byte[] badAad = aad.clone();
        badAad[0] ^= (byte) 0x80;
        assertOpenFailsCleanly(aead, nonce, badAad, sealed.clone());
        // The key still works after failures: the cipher was not left half-initialised.
        byte[] out = new byte[sealed.length];
        assertThat(catchOpen(aead, nonce, aad, sealed, out)).isEqualTo(HEX.parseHex(v.plaintext()).length);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void ciphertextShorterThanTheTagIsATagFailure(AeadBackend backend, Vector v) {
        Aead aead = backend.create(v.algorithm(), HEX.parseHex(v.key()));
        assertThatThrownBy(() -> aead.open(HEX.parseHex(v.nonce()), new byte[0], new byte[15], 0, 15, new byte[15], 0))
                .isInstanceOf(AeadTagException.class);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void wrongKeyLengthIsRefused(AeadBackend backend, Vector v) {
        assertThatThrownBy(() -> backend.create(v.algorithm(), new byte[v.algorithm().keyLength() - 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertOpenFailsCleanly(Aead aead, byte[] nonce, byte[] aad, byte[] ct) {
        byte[] out = new byte[ct.length];
        Arrays.fill(out, (byte) 0x5A);
        assertThatThrownBy(() -> aead.open(nonce, aad, ct, 0, ct.length, out, 0)).isInstanceOf(AeadTagException.class);
        byte[] expectedWiped = new byte[ct.length - 16];
        // Either untouched sentinel or zeros, but never plaintext.
        byte[] region = Arrays.copyOf(out, ct.length - 16);
        byte[] sentinel = new byte[ct.length - 16];
        Arrays.fill(sentinel, (byte) 0x5A);
        assertThat(region).satisfiesAnyOf(r -> assertThat(r).isEqualTo(expectedWiped), r -> assertThat(r).isEqualTo(sentinel));
    }

    private static int catchOpen(Aead aead, byte[] nonce, byte[] aad, byte[] ct, byte[] out) {
        try {
            return aead.open(nonce, aad, ct, 0, ct.length, out, 0);
        } catch (AeadTagException e) {
            throw new AssertionError("untampered record refused", e);
        }
    }
}
