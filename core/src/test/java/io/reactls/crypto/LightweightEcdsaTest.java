package io.reactls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.SignatureScheme;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The pure-Java ECDSA signer ({@link LightweightEcdsa}) is what a handshake without the native backend signs and
 * verifies CertificateVerify and ServerKeyExchange with: it must agree with SunEC both ways, refuse what SunEC
 * refuses, and hand the keys it cannot take back to the JDK.
 */
class LightweightEcdsaTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DATA = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), RANDOM);
        return g.generateKeyPair();
    }

    @Test
    void pureJavaEcdsaIsTheLightweightSigner() {
        assertThat(CryptoProviders.pureJava().signatureProvider(SignatureScheme.ECDSA_SECP256R1_SHA256))
                .isSameAs(LightweightEcdsa.INSTANCE);
        assertThat(CryptoProviders.pureJava().describe()).contains("ECDSA=BouncyCastle-lightweight");
    }

    @Test
    void signingOnANonBlockingThreadDrawsOnlyFromTheGivenRandom() throws Exception {
        // Bouncy Castle's own normalisation blinds with its JVM-wide default random, a NativePRNG reading
        // /dev/urandom: BlockHound (installed in every test JVM) refused that on an event loop in CI.
        SecureRandom drbg = SecureRandom.getInstance("DRBG");
        drbg.nextBytes(new byte[1]); // seeded here, not on the non-blocking thread
        for (String[] c : new String[][] {{"secp256r1", "SHA256withECDSA"}, {"secp256r1", "SHA384withECDSA"},
                {"secp384r1", "SHA384withECDSA"}, {"secp384r1", "SHA512withECDSA"}}) {
            KeyPair keys = ec(c[0]);
            byte[] signature = Mono.fromCallable(() -> {
                Signature ours = Signature.getInstance(c[1], LightweightEcdsa.INSTANCE);
                ours.initSign(keys.getPrivate(), drbg);
                ours.update(DATA);
                return ours.sign();
            }).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
            Signature sunEc = Signature.getInstance(c[1], "SunEC");
            sunEc.initVerify(keys.getPublic());
            sunEc.update(DATA);
            assertThat(sunEc.verify(signature)).as("SunEC verifies our %s on %s", c[1], c[0]).isTrue();
        }
    }

    @Test
    void signaturesAgreeWithSunEcBothWays() throws Exception {
        KeyPair keys = ec("secp256r1");
        Signature ours = Signature.getInstance("SHA256withECDSA", LightweightEcdsa.INSTANCE);
        ours.initSign(keys.getPrivate(), RANDOM);
        ours.update(DATA);
        byte[] byUs = ours.sign();
        Signature sunEc = Signature.getInstance("SHA256withECDSA", "SunEC");
        sunEc.initVerify(keys.getPublic());
        sunEc.update(DATA);
        assertThat(sunEc.verify(byUs)).as("SunEC verifies ours").isTrue();

        sunEc.initSign(keys.getPrivate(), RANDOM);
        sunEc.update(DATA);
        byte[] bySunEc = sunEc.sign();
        assertThat(SignatureScheme.ECDSA_SECP256R1_SHA256.verify(keys.getPublic(), DATA, bySunEc, LightweightEcdsa.INSTANCE))
                .as("we verify SunEC's").isTrue();
        // Random k: two signatures of the same content differ.
        assertThat(SignatureScheme.ECDSA_SECP256R1_SHA256.sign(keys.getPrivate(), DATA, RANDOM, LightweightEcdsa.INSTANCE))
                .isNotEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256.sign(keys.getPrivate(), DATA, RANDOM, LightweightEcdsa.INSTANCE));
    }

    @Test
    void wrongKeyTamperedContentAndBadEncodingsDoNotVerify() throws Exception {
        KeyPair keys = ec("secp256r1");
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        byte[] sig = scheme.sign(keys.getPrivate(), DATA, RANDOM, LightweightEcdsa.INSTANCE);
        assertThat(scheme.verify(keys.getPublic(), DATA, sig, LightweightEcdsa.INSTANCE)).isTrue();
        assertThat(scheme.verify(ec("secp256r1").getPublic(), DATA, sig, LightweightEcdsa.INSTANCE)).as("another key").isFalse();
        byte[] tampered = DATA.clone();
        tampered[3] ^= 0x20;
        assertThat(scheme.verify(keys.getPublic(), tampered, sig, LightweightEcdsa.INSTANCE)).as("other content").isFalse();

        byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
        assertThat(scheme.verify(keys.getPublic(), DATA, trailing, LightweightEcdsa.INSTANCE)).as("trailing byte").isFalse();
        assertThat(scheme.verify(keys.getPublic(), DATA, new byte[] {0x30, 0x00}, LightweightEcdsa.INSTANCE)).as("empty").isFalse();

        // (r, s + n) is the same signature modulo n but out of range: refused, as SunEC refuses it.
        BigInteger n = ((java.security.interfaces.ECPublicKey) keys.getPublic()).getParams().getOrder();
        BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(n, sig);
        byte[] highS = StandardDSAEncoding.INSTANCE.encode(null, rs[0], rs[1].add(n));
        assertThat(scheme.verify(keys.getPublic(), DATA, highS, LightweightEcdsa.INSTANCE)).as("s >= n").isFalse();
        assertThat(scheme.verify(keys.getPublic(), DATA, highS, null)).as("SunEC agrees").isFalse();
    }

    @Test
    void aCurveItDoesNotTakeGoesToTheJdk() throws Exception {
        KeyPair p521 = ec("secp521r1");
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP521R1_SHA512;
        byte[] sig = scheme.sign(p521.getPrivate(), DATA, RANDOM, LightweightEcdsa.INSTANCE);
        assertThat(scheme.verify(p521.getPublic(), DATA, sig, LightweightEcdsa.INSTANCE)).isTrue();
        assertThat(scheme.verify(p521.getPublic(), DATA, sig, null)).isTrue();
    }
}
