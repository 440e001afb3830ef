package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;

/**
 * Which implementation runs each handshake and record primitive: the JDK's own providers (SunJCE, SunEC,
 * SunRsaSign), Bouncy Castle's lightweight classes, or the optional native backend ({@link NativeCrypto}, Amazon
 * Corretto Crypto Provider). The choice is per primitive and per running JDK, by measurement
 * ({@code PrimitiveBenchmark} in the benchmarks module; the numbers are in {@code benchmarks/README.md}, "Crypto
 * backends per primitive"): whatever was fastest wins, and primitives the native backend lacks (x25519,
 * ChaCha20-Poly1305) stay in Java.
 *
 * <p>Two instances matter: {@link #defaults()} (native where present, healthy, faster, and not switched off by
 * {@value NativeCrypto#SWITCH}) and {@link #pureJava()} (the JDK and Bouncy Castle only); a configuration picks one
 * with {@code nativeCrypto(boolean)}.
 */
public final class CryptoProviders {

    /** The primitives a TLS handshake and record layer run. */
    public enum Primitive {
        AES_GCM, CHACHA20_POLY1305, X25519, ECDH_NIST, ECDSA, RSA_SIGNATURE, HMAC, DIGEST
    }

    private static final CryptoProviders PURE_JAVA = new CryptoProviders(null);

    private final Provider nativeProvider;
    private final Map<Primitive, Provider> chosen = new EnumMap<>(Primitive.class);

    private CryptoProviders(Provider nativeProvider) {
        this.nativeProvider = nativeProvider;
        if (nativeProvider != null) {
            for (Primitive p : Primitive.values()) {
                if (nativeWins(p, Runtime.version().feature())) {
                    chosen.put(p, nativeProvider);
                }
            }
        }
    }

    private static final class Detected {
        static final CryptoProviders INSTANCE = NativeCrypto.provider().map(CryptoProviders::new).orElse(PURE_JAVA);
    }

    /** The native backend for the primitives where it measured fastest, when present and healthy; else {@link #pureJava()}. */
    public static CryptoProviders defaults() {
        return NativeCrypto.provider().isPresent() ? Detected.INSTANCE : PURE_JAVA;
    }

    /** The JDK's providers and Bouncy Castle only, whatever is on the class path. */
    public static CryptoProviders pureJava() {
        return PURE_JAVA;
    }

    /** {@link #defaults()} when {@code allowNative}, else {@link #pureJava()}. */
    public static CryptoProviders of(boolean allowNative) {
        return allowNative ? defaults() : PURE_JAVA;
    }

    /**
     * The native backend wins a primitive when it exists there and measured faster on this JDK. Measured with
     * {@code PrimitiveBenchmark} and {@code PrimitiveCpuProbe} (JDK 17.0.15 and Temurin 25.0.3, ACCP 2.5.0, AMD EPYC
     * with AES-NI/VAES/SHA-NI; benchmarks/README.md, "Crypto backends per primitive"): P-256 ECDH and ECDSA sign/verify
     * 10-30x, RSA-2048 PSS signing 3-5x the JDK's on both JDKs, so they go native; HMAC-SHA256 over handshake-sized
     * inputs level and SHA-256 4x slower through JNI than HotSpot's intrinsics, so those stay on the JDK. ACCP 2.5.0
     * has no x25519 and no ChaCha20-Poly1305.
     * <p>AES-GCM is chosen on what the record layer does, a 16 KiB record sealed and opened in place with its header
     * as AAD ({@code aes128gcm-16k-record}): ACCP 2.3x the JDK per CPU-second on JDK 17 and 1.7x on JDK 25, where
     * SunJCE's open in place skips its fused AES+GHASH intrinsic. Sealing alone into another array, the JDK 25 case
     * once measured here, is level and had kept AES-GCM on the JDK there, at half BoringSSL's record rate.
     */
    static boolean nativeWins(Primitive primitive, int jdkFeature) {
        return switch (primitive) {
            case ECDH_NIST, ECDSA, RSA_SIGNATURE, AES_GCM -> true;
            case X25519, CHACHA20_POLY1305, HMAC, DIGEST -> false;
        };
    }

    /**
     * The native provider chosen for {@code primitive}: empty means the pure-Java choice (the JDK's ordinary lookup,
     * or Bouncy Castle's lightweight classes for x25519, ECDSA and, on JDKs before 25, NIST ECDH).
     */
    public Optional<Provider> providerFor(Primitive primitive) {
        return Optional.ofNullable(chosen.get(primitive));
    }

    /** True when a native backend was found and is used for at least one primitive. */
    public boolean usesNative() {
        return !chosen.isEmpty();
    }

    /** A new ephemeral key pair for an ECDHE group, on the implementation measured fastest for it. */
    public KeyShare ecdhe(NamedGroup group, SecureRandom random) {
        if (group == NamedGroup.X25519) {
            // Bouncy Castle's lightweight x25519 measured ~2-5x SunEC's XDH on JDK 17 and ahead on 25 (key pair + agree).
            return EcdheKeyPair.generate(group, random);
        }
        Provider p = chosen.get(Primitive.ECDH_NIST);
        // Without the native backend: Bouncy Castle's lightweight NIST curves against SunEC, measured in
        // PrimitiveBenchmark (p256-ecdh); see pureJavaNistEcdhOnJdk.
        if (p == null && !pureJavaNistEcdhOnJdk(Runtime.version().feature())) {
            return EcdheKeyPair.generate(group, random);
        }
        return JceEcdheKeyPair.generate(group, p, random);
    }

    /** Without a native backend, whether SunEC beats Bouncy Castle's lightweight NIST ECDH on this JDK. */
    static boolean pureJavaNistEcdhOnJdk(int jdkFeature) {
        return jdkFeature >= 25;
    }

    /**
     * The provider to sign or verify {@code scheme} on, or null for the JDK's selection (Ed25519 always; the
     * scheme's {@code sign}/{@code verify} fall back to the JDK for keys the provider cannot take). ECDSA without the
     * native backend runs on Bouncy Castle's lightweight signer ({@link LightweightEcdsa}): per CPU-second 5-7x
     * SunEC on JDK 17 and 1.5-2.7x on JDK 25 for P-256, signing and verifying.
     */
    public Provider signatureProvider(SignatureScheme scheme) {
        return switch (scheme.keyType()) {
            case EC -> {
                Provider p = chosen.get(Primitive.ECDSA);
                yield p != null ? p : LightweightEcdsa.INSTANCE;
            }
            case RSA, RSA_PSS -> chosen.get(Primitive.RSA_SIGNATURE);
            case ED25519 -> null;
        };
    }

    /** The AEAD cipher for {@code algorithm}, on the provider chosen for it. */
    public Cipher aeadCipher(AeadAlgorithm algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        String transformation = chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding";
        Provider p = chosen.get(chacha ? Primitive.CHACHA20_POLY1305 : Primitive.AES_GCM);
        return p == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, p);
    }

    /** An HMAC on the provider chosen for it. */
    public Mac mac(String jcaName) throws NoSuchAlgorithmException {
        Provider p = chosen.get(Primitive.HMAC);
        return p == null ? Mac.getInstance(jcaName) : Mac.getInstance(jcaName, p);
    }

    /** A message digest on the provider chosen for it. */
    public MessageDigest digest(String jcaName) throws NoSuchAlgorithmException {
        Provider p = chosen.get(Primitive.DIGEST);
        return p == null ? MessageDigest.getInstance(jcaName) : MessageDigest.getInstance(jcaName, p);
    }

    /** One line naming the implementation of every primitive, for logs and benchmark reports. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        for (Primitive p : Primitive.values()) {
            Provider provider = chosen.get(p);
            String who;
            if (provider != null) {
                who = provider.getName();
            } else if (p == Primitive.X25519 || p == Primitive.ECDSA
                    || p == Primitive.ECDH_NIST && !pureJavaNistEcdhOnJdk(Runtime.version().feature())) {
                who = "BouncyCastle-lightweight";
            } else {
                who = "JDK";
            }
            j.add(p + "=" + who);
        }
        return j.toString();
    }

    @Override
    public String toString() {
        return "CryptoProviders[" + describe() + "]";
    }
}
