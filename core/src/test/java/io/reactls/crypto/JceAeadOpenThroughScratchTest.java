package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The in-place open that goes through the thread's {@link ScratchArray} (SunJCE's AES-GCM on JDK 25+, where opening
 * in place is its slow case): forced on here so it runs on every JDK the tests run on.
 */
class JceAeadOpenThroughScratchTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final AeadKnownAnswerTest.Vector V = AeadKnownAnswerTest.GCM_TC4;

    private static Aead throughScratch() {
        return new JceAead(V.algorithm(), HEX.parseHex(V.key()), CryptoProviders.pureJava(), true);
    }

    /** The published ciphertext at {@code at} in an array with other bytes around it, as a record in a receive buffer. */
    private static byte[] recordAt(int at) {
        byte[] sealed = HEX.parseHex(V.sealed());
        byte[] buf = new byte[at + sealed.length + 7];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(sealed, 0, buf, at, sealed.length);
        return buf;
    }

    @Test
    void opensInPlaceToThePublishedPlaintextAndLeavesTheBytesAroundIt() throws AeadTagException {
        byte[] buf = recordAt(5);
        int len = HEX.parseHex(V.sealed()).length;
        int n = throughScratch().open(HEX.parseHex(V.nonce()), HEX.parseHex(V.aad()), buf, 5, len, buf, 5);
        assertThat(HEX.formatHex(buf, 5, 5 + n)).isEqualTo(V.plaintext());
        assertThat(Arrays.copyOf(buf, 5)).containsOnly(0x5a);
        assertThat(Arrays.copyOfRange(buf, 5 + len, buf.length)).containsOnly(0x5a);
    }

    @Test
    void aTamperedRecordIsRefusedAndNoPlaintextReachesTheRecordOrTheScratch() {
        byte[] buf = recordAt(5);
        int len = HEX.parseHex(V.sealed()).length;
        buf[5 + len - 1] ^= 1;
        byte[] before = buf.clone();
        assertThatThrownBy(() -> throughScratch().open(HEX.parseHex(V.nonce()), HEX.parseHex(V.aad()), buf, 5, len, buf, 5))
                .isInstanceOf(AeadTagException.class);
        assertThat(buf).isEqualTo(before);
        byte[] scratch = ScratchArray.get(len, 0);
        assertThat(HEX.formatHex(scratch, 0, len - 16)).doesNotContain(V.plaintext().substring(0, 16));
    }

    @Test
    void aRecordAlreadyInTheScratchIsOpenedInPlaceThere() throws AeadTagException {
        byte[] sealed = HEX.parseHex(V.sealed());
        byte[] scratch = ScratchArray.get(sealed.length, 0);
        System.arraycopy(sealed, 0, scratch, 0, sealed.length);
        int n = throughScratch().open(HEX.parseHex(V.nonce()), HEX.parseHex(V.aad()), scratch, 0, sealed.length, scratch, 0);
        assertThat(HEX.formatHex(scratch, 0, n)).isEqualTo(V.plaintext());
    }

    @Test
    void onlySunJceAesGcmFromJdk25GoesThroughTheScratch() {
        assertThat(JceAead.opensInPlaceThroughScratch(AeadAlgorithm.AES_128_GCM, "SunJCE", 25)).isTrue();
        assertThat(JceAead.opensInPlaceThroughScratch(AeadAlgorithm.AES_256_GCM, "SunJCE", 26)).isTrue();
        assertThat(JceAead.opensInPlaceThroughScratch(AeadAlgorithm.AES_128_GCM, "SunJCE", 17)).isFalse();
        assertThat(JceAead.opensInPlaceThroughScratch(AeadAlgorithm.AES_128_GCM, "AmazonCorrettoCryptoProvider", 25)).isFalse();
        assertThat(JceAead.opensInPlaceThroughScratch(AeadAlgorithm.CHACHA20_POLY1305, "SunJCE", 25)).isFalse();
    }
}
