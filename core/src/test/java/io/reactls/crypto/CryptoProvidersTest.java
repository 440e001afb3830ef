package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactls.AlertDescription;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.TlsAlertException;
import io.reactls.testing.ChildJvm;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Every implementation {@link CryptoProviders} may pick computes the same thing: key shares agree across the JDK,
 * Bouncy Castle's lightweight classes and the native backend (when present), signatures made by one verify on the
 * others, and bad peer keys are an {@code illegal_parameter} everywhere.
 */
class CryptoProvidersTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Every way reactls can make an ECDHE share of {@code group}. */
    private static List<KeyShare> sharesOf(NamedGroup group) {
        List<KeyShare> shares = new ArrayList<>();
        shares.add(EcdheKeyPair.generate(group, RANDOM));
        shares.add(JceEcdheKeyPair.generate(group, null, RANDOM));
        NativeCrypto.provider().filter(p -> group != NamedGroup.X25519)
                .ifPresent(p -> shares.add(JceEcdheKeyPair.generate(group, p, RANDOM)));
        return shares;
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"X25519", "SECP256R1", "SECP384R1"})
    void everyImplementationAgreesWithEveryOther(NamedGroup group) {
        List<KeyShare> a = sharesOf(group);
        List<KeyShare> b = sharesOf(group);
        for (KeyShare x : a) {
            for (KeyShare y : b) {
                assertThat(x.agree(y.publicKey())).as(x.getClass().getSimpleName() + " with " + y.getClass().getSimpleName())
                        .isEqualTo(y.agree(x.publicKey()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1"})
    void anOffCurvePointIsAnIllegalParameterEverywhere(NamedGroup group) {
        for (KeyShare share : sharesOf(group)) {
            byte[] bad = share.publicKey();
            bad[bad.length - 1] ^= 0x01; // y no longer satisfies the curve equation
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> share.agree(bad));
            assertThat(e).as(share.getClass().getSimpleName()).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void aLowOrderX25519PointIsAnIllegalParameterEverywhere() {
        byte[] zero = new byte[32]; // u = 0 has order 4: the shared secret would be all zeros
        for (KeyShare share : sharesOf(NamedGroup.X25519)) {
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> share.agree(zero));
            assertThat(e).as(share.getClass().getSimpleName()).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void pureJavaNeverUsesTheNativeBackend() {
        CryptoProviders pure = CryptoProviders.pureJava();
        assertThat(pure.usesNative()).isFalse();
        for (CryptoProviders.Primitive p : CryptoProviders.Primitive.values()) {
            assertThat(pure.providerFor(p)).isEmpty();
        }
        assertThat(CryptoProviders.of(false)).isSameAs(pure);
        assertThat(AeadBackends.jce(pure).name()).isEqualTo("jce");
    }

    @Test
    void theNativeBackendIsUsedWhereItWonWhenPresent() {
        Provider accp = NativeCrypto.provider().orElse(null);
        assumeThat(accp).as("Amazon Corretto Crypto Provider on the class path and healthy").isNotNull();
        CryptoProviders defaults = CryptoProviders.defaults();
        assertThat(defaults.signatureProvider(SignatureScheme.ECDSA_SECP256R1_SHA256)).isSameAs(accp);
        assertThat(defaults.providerFor(CryptoProviders.Primitive.X25519)).as("ACCP 2.5 has no x25519").isEmpty();
        assertThat(defaults.providerFor(CryptoProviders.Primitive.CHACHA20_POLY1305)).isEmpty();
        assertThat(defaults.ecdhe(NamedGroup.SECP256R1, RANDOM)).isInstanceOf(JceEcdheKeyPair.class);
        assertThat(defaults.providerFor(CryptoProviders.Primitive.AES_GCM)).containsSame(accp);
    }

    /**
     * On JDK 25 too, the record layer's AES-GCM runs on the native backend (it won there on records opened in place,
     * where SunJCE skips its fused intrinsic; see {@link CryptoProviders#nativeWins}), and what it seals the JDK's own
     * AES-GCM opens. Checked in a Temurin 25 JVM since CI runs the tests on 17; skipped when no JDK 25 is installed.
     */
    @Test
    void onJdk25AesGcmGoesNative() throws Exception {
        assumeTrue(Files.isExecutable(ChildJvm.TEMURIN_25), "no JDK 25 at " + ChildJvm.TEMURIN_25);
        ChildJvm.Run run = ChildJvm.run(ChildJvm.TEMURIN_25, List.of("--enable-native-access=ALL-UNNAMED"),
                ChildJvm.testClassPath(), AesGcmBackendProbe.class);
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout().lines()).as(run.stderr()).contains("jdk 25",
                "native backend AmazonCorrettoCryptoProvider",
                "AES_GCM chosen AmazonCorrettoCryptoProvider",
                "AES_GCM cipher AmazonCorrettoCryptoProvider",
                "record backend jce+native",
                "chosen sealed, JDK opened true",
                "JDK sealed, chosen opened true");
    }

    @Test
    void theSwitchTurnsTheNativeBackendOff() {
        String before = System.getProperty(NativeCrypto.SWITCH);
        System.setProperty(NativeCrypto.SWITCH, "false");
        try {
            assertThat(NativeCrypto.provider()).isEmpty();
            assertThat(CryptoProviders.defaults().usesNative()).isFalse();
        } finally {
            if (before == null) {
                System.clearProperty(NativeCrypto.SWITCH);
            } else {
                System.setProperty(NativeCrypto.SWITCH, before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignatureScheme.class, names = {"ECDSA_SECP256R1_SHA256", "ECDSA_SECP384R1_SHA384", "RSA_PSS_RSAE_SHA256", "RSA_PKCS1_SHA256"})
    void signaturesVerifyAcrossProviders(SignatureScheme scheme) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(scheme.keyType() == SignatureScheme.KeyType.EC ? "EC" : "RSA");
        if (scheme.keyType() == SignatureScheme.KeyType.EC) {
            g.initialize(new ECGenParameterSpec(scheme == SignatureScheme.ECDSA_SECP384R1_SHA384 ? "secp384r1" : "secp256r1"));
        } else {
            g.initialize(2048);
        }
        KeyPair keys = g.generateKeyPair();
        byte[] data = "CertificateVerify content".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<Provider> providers = new ArrayList<>();
        providers.add(null);
        if (scheme.keyType() == SignatureScheme.KeyType.EC) {
            providers.add(CryptoProviders.pureJava().signatureProvider(scheme));
        }
        NativeCrypto.provider().ifPresent(providers::add);
        for (Provider signer : providers) {
            byte[] signature = scheme.sign(keys.getPrivate(), data, RANDOM, signer);
            for (Provider verifier : providers) {
                assertThat(scheme.verify(keys.getPublic(), data, signature, verifier)).isTrue();
                byte[] tampered = data.clone();
                tampered[0] ^= 1;
                assertThat(scheme.verify(keys.getPublic(), tampered, signature, verifier)).isFalse();
            }
        }
    }
}
