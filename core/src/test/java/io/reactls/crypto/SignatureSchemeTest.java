package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.SignatureScheme;
import io.reactls.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RSASSA-PSS keys (SPKI id-RSASSA-PSS) against the rsa_pss_pss_* schemes, and rsaEncryption keys kept apart from them. */
class SignatureSchemeTest {

    static final KeyPair PSS = KeyType.RSA_PSS_2048.generate();
    static final KeyPair PSS_SHA384_ONLY = KeyType.rsaPss(2048, "SHA-384").generate();
    static final KeyPair RSA = KeyType.RSA_2048.generate();
    static final Set<SignatureScheme> PSS_PSS = EnumSet.of(SignatureScheme.RSA_PSS_PSS_SHA256,
            SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512);
    static final byte[] DATA = "transcript hash and context".getBytes(StandardCharsets.US_ASCII);
    static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void codePointsAreThoseOfRfc8446() {
        assertThat(SignatureScheme.fromId(0x0809)).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA256);
        assertThat(SignatureScheme.fromId(0x080a)).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA384);
        assertThat(SignatureScheme.fromId(0x080b)).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA512);
        assertThat(SignatureScheme.RSA_PSS_PSS_SHA384.rfcName()).isEqualTo("rsa_pss_pss_sha384");
    }

    @Test
    void keyFamilies() {
        assertThat(PSS.getPublic().getAlgorithm()).isEqualTo("RSASSA-PSS");
        assertThat(SignatureScheme.keyTypeOf(PSS.getPublic())).isEqualTo(SignatureScheme.KeyType.RSA_PSS);
        assertThat(SignatureScheme.keyTypeOf(PSS.getPrivate())).isEqualTo(SignatureScheme.KeyType.RSA_PSS);
        assertThat(SignatureScheme.keyTypeOf(RSA.getPublic())).isEqualTo(SignatureScheme.KeyType.RSA);
        assertThat(SignatureScheme.keyTypeOf(RSA.getPrivate())).isEqualTo(SignatureScheme.KeyType.RSA);
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = "RSA_PSS_PSS_.*", mode = EnumSource.Mode.MATCH_ALL)
    void roundTripWithAnRsassaPssKey(SignatureScheme scheme) throws Exception {
        byte[] signature = scheme.sign(PSS.getPrivate(), DATA, RANDOM);
        assertThat(signature).hasSize(256);
        assertThat(scheme.verify(PSS.getPublic(), DATA, signature)).isTrue();
        byte[] other = DATA.clone();
        other[0] ^= 1;
        assertThat(scheme.verify(PSS.getPublic(), other, signature)).isFalse();
        byte[] broken = signature.clone();
        broken[100] ^= 1;
        assertThat(scheme.verify(PSS.getPublic(), DATA, broken)).isFalse();
        // Two signatures differ (random salt) yet both verify.
        byte[] again = scheme.sign(PSS.getPrivate(), DATA, RANDOM);
        assertThat(again).isNotEqualTo(signature);
        assertThat(scheme.verify(PSS.getPublic(), DATA, again)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = "RSA_PSS_PSS_.*", mode = EnumSource.Mode.MATCH_ALL)
    void pssAndRsaeSchemesOfOneHashMakeTheSameKindOfSignature(SignatureScheme pss) throws Exception {
        // The schemes differ only in which certificate key they accept; the signature itself is identical in form,
        // so an rsae signature over the same data verifies under the matching pss scheme with the same modulus.
        SignatureScheme rsae = SignatureScheme.valueOf(pss.name().replace("PSS_PSS", "PSS_RSAE"));
        assertThat(rsae.pssHash()).isEqualTo(pss.pssHash());
        byte[] signature = pss.sign(PSS.getPrivate(), DATA, RANDOM);
        java.security.PublicKey asRsa = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(((java.security.interfaces.RSAPublicKey) PSS.getPublic()).getModulus(),
                        ((java.security.interfaces.RSAPublicKey) PSS.getPublic()).getPublicExponent()));
        assertThat(rsae.verify(asRsa, DATA, signature)).isTrue();
    }

    @Test
    void anRsaEncryptionKeyNeverFitsRsaPssPss() {
        for (SignatureScheme s : PSS_PSS) {
            assertThat(s.fits(RSA.getPrivate())).as(s.rfcName()).isFalse();
            assertThat(s.fits(RSA.getPublic())).as(s.rfcName()).isFalse();
        }
        assertThat(fitting(RSA)).containsExactlyInAnyOrder(SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512);
    }

    @Test
    void anRsassaPssKeyOnlyFitsRsaPssPss() {
        assertThat(fitting(PSS)).containsExactlyInAnyOrderElementsOf(PSS_PSS);
    }

    @Test
    void aRestrictedRsassaPssKeyOnlyFitsItsHash() throws Exception {
        assertThat(fitting(PSS_SHA384_ONLY)).containsExactly(SignatureScheme.RSA_PSS_PSS_SHA384);
        byte[] signature = SignatureScheme.RSA_PSS_PSS_SHA384.sign(PSS_SHA384_ONLY.getPrivate(), DATA, RANDOM);
        assertThat(SignatureScheme.RSA_PSS_PSS_SHA384.verify(PSS_SHA384_ONLY.getPublic(), DATA, signature)).isTrue();
    }

    private static List<SignatureScheme> fitting(KeyPair pair) {
        return Arrays.stream(SignatureScheme.values()).filter(s -> s.fits(pair.getPrivate()))
                .peek(s -> assertThat(s.fits(pair.getPublic())).as("public key fits %s too", s).isTrue()).toList();
    }
}
