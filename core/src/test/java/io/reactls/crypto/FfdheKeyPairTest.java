package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.NamedGroup;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.spec.DHParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RFC 7919 groups (Bouncy Castle's parameters, the JDK's DH): agreement, wire lengths and peer-value checks.
 * Interop over every group with openssl is in EncryptedExtensionsInteropTest.
 */
class FfdheKeyPairTest {

    static final SecureRandom RANDOM = new SecureRandom();

    /** RFC 7919 Appendix A.1, ffdhe2048's p, as the RFC prints it. */
    static final BigInteger FFDHE2048_P = new BigInteger(1, HexFormat.of().parseHex(
            "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC939DCE249B3EF9"
            + "7D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935"
            + "984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182B324FB61D108A94BB2C8E3FB"
            + "B96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F61"
            + "9172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D1683B2C6F34A26C1B2EFFA"
            + "886B423861285C97FFFFFFFFFFFFFFFF"));

    @Test
    void ffdhe2048IsTheRfcGroup() {
        DHParameterSpec params = FfdheKeyPair.params(NamedGroup.FFDHE2048);
        assertThat(params.getP()).isEqualTo(FFDHE2048_P);
        assertThat(params.getG()).isEqualTo(BigInteger.TWO);
        assertThat(params.getL()).isEqualTo(225);
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = "FFDHE.*", mode = EnumSource.Mode.MATCH_ANY)
    void everyGroupHasTheRfcShapeAndAgrees(NamedGroup group) {
        DHParameterSpec params = FfdheKeyPair.params(group);
        int bits = Integer.parseInt(group.rfcName().substring("ffdhe".length()));
        BigInteger p = params.getP();
        BigInteger ones64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        // RFC 7919 Appendix A: p is b bits with its top and bottom 64 bits all ones, and g = 2.
        assertThat(p.bitLength()).isEqualTo(bits);
        assertThat(p.shiftRight(bits - 64)).isEqualTo(ones64);
        assertThat(p.and(ones64)).isEqualTo(ones64);
        assertThat(params.getG()).isEqualTo(BigInteger.TWO);

        FfdheKeyPair client = FfdheKeyPair.generate(group, RANDOM);
        FfdheKeyPair server = FfdheKeyPair.generate(group, RANDOM);
        assertThat(client.publicKey()).hasSize(bits / 8);
        byte[] secret = client.agree(server.publicKey());
        assertThat(secret).hasSize(bits / 8).isEqualTo(server.agree(client.publicKey()));
        assertThat(client.publicKey()).isNotEqualTo(server.publicKey());
    }

    @Test
    void peerValuesOutsideOneToPMinusOneAreIllegalParameters() {
        FfdheKeyPair ours = FfdheKeyPair.generate(NamedGroup.FFDHE2048, RANDOM);
        BigInteger p = FFDHE2048_P;
        for (BigInteger bad : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p}) {
            assertThatThrownBy(() -> ours.agree(padded(bad, 256)))
                    .isInstanceOfSatisfying(TlsAlertException.class,
                            e -> assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER));
        }
        // The smallest and largest legal values are accepted.
        assertThat(ours.agree(padded(BigInteger.TWO, 256))).hasSize(256);
        assertThat(ours.agree(padded(p.subtract(BigInteger.TWO), 256))).hasSize(256);
    }

    @Test
    void aShareOfTheWrongLengthIsAnIllegalParameter() {
        FfdheKeyPair ours = FfdheKeyPair.generate(NamedGroup.FFDHE2048, RANDOM);
        byte[] theirs = FfdheKeyPair.generate(NamedGroup.FFDHE2048, RANDOM).publicKey();
        assertThatThrownBy(() -> ours.agree(java.util.Arrays.copyOf(theirs, 255)))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER));
    }

    @Test
    void notAFiniteFieldGroup() {
        assertThatThrownBy(() -> FfdheKeyPair.generate(NamedGroup.X25519, RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] padded(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }
}
