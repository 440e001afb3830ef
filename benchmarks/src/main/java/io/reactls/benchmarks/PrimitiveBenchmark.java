package io.reactls.benchmarks;

import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.crypto.CryptoProviders;
import io.reactls.crypto.EcdheKeyPair;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One handshake primitive on one provider, the measurement behind {@code io.reactls.crypto.CryptoBackends}' choice
 * per primitive. {@code provider}: {@code jdk} (the JDK's own providers, SunEC/SunRsaSign/SunJCE, chosen the
 * ordinary way), {@code bc-lw} (Bouncy Castle's lightweight classes as reactls used them: {@link EcdheKeyPair}),
 * {@code bc} (Bouncy Castle's JCA provider), {@code accp} (Amazon Corretto Crypto Provider). A combination a
 * provider lacks fails in setup with the reason.
 *
 * <p>{@code x25519}/{@code p256-ecdh}: one side of an ECDHE exchange (generate a key pair, agree with the peer's
 * fixed public key); {@code ecdsa-p256-sign}/{@code -verify}: SHA256withECDSA over 200 bytes (a CertificateVerify;
 * {@code bc-lw}: the lightweight signer a pure-Java reactls uses), {@code ecdsa-p384-*} the same with SHA384withECDSA;
 * {@code rsa2048-pss-sign}, {@code rsa2048-pkcs1-verify} (a chain signature), {@code rsa2048-decrypt} (TLS 1.2 RSA
 * key exchange); {@code hmac-sha256} over 100 bytes with a fresh {@code init} (one HKDF step);
 * {@code sha256-1k}; {@code aes128gcm-16k} (seal 16 KiB into another array); {@code aes128gcm-16k-record} (what a
 * record layer on heap arrays does: seal 16 KiB in place with a 5-byte AAD, then open it again in place, one op =
 * both; the one the AES-GCM choice is made on, since SunJCE's open in place is its slow case on JDK 25).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PrimitiveBenchmark {

    @Param({"x25519", "p256-ecdh", "ecdsa-p256-sign", "ecdsa-p256-verify", "ecdsa-p384-sign", "ecdsa-p384-verify",
            "rsa2048-pss-sign", "rsa2048-pkcs1-verify",
            "rsa2048-decrypt", "hmac-sha256", "sha256-1k", "aes128gcm-16k", "aes128gcm-16k-record"})
    public String primitive;

    @Param({"jdk", "bc-lw", "bc", "accp"})
    public String provider;

    private final SecureRandom random = new SecureRandom();
    private Provider jca;
    private byte[] data;
    private byte[] peerPublic;
    private java.security.PublicKey peerKey;
    private KeyPair keys;
    private byte[] signature;
    private byte[] ciphertext;
    private SecretKeySpec secret;
    private Runnable op;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        jca = switch (provider) {
            case "jdk", "bc-lw" -> null;
            case "bc" -> new BouncyCastleProvider();
            case "accp" -> accp();
            default -> throw new IllegalArgumentException("provider: jdk, bc-lw, bc or accp, not " + provider);
        };
        data = new byte[primitive.equals("sha256-1k") ? 1024 : primitive.startsWith("aes128gcm-16k") ? 16384
                : primitive.equals("hmac-sha256") ? 100 : 200];
        random.nextBytes(data);
        switch (primitive) {
            case "x25519", "p256-ecdh" -> setUpEcdh(primitive.equals("x25519") ? NamedGroup.X25519 : NamedGroup.SECP256R1);
            case "ecdsa-p256-sign", "ecdsa-p256-verify" -> setUpSignature("EC", "SHA256withECDSA", null);
            case "ecdsa-p384-sign", "ecdsa-p384-verify" -> setUpSignature("EC", "SHA384withECDSA", null);
            case "rsa2048-pss-sign" -> setUpSignature("RSA", "RSASSA-PSS",
                    new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            case "rsa2048-pkcs1-verify" -> setUpSignature("RSA", "SHA256withRSA", null);
            case "rsa2048-decrypt" -> setUpDecrypt();
            case "hmac-sha256" -> {
                secret = new SecretKeySpec(data, 0, 32, "HmacSHA256");
                op = () -> call(() -> {
                    Mac mac = jca == null ? Mac.getInstance("HmacSHA256") : Mac.getInstance("HmacSHA256", jca);
                    mac.init(secret);
                    return mac.doFinal(data);
                });
            }
            case "sha256-1k" -> op = () -> call(() ->
                    (jca == null ? MessageDigest.getInstance("SHA-256") : MessageDigest.getInstance("SHA-256", jca)).digest(data));
            case "aes128gcm-16k" -> setUpGcm();
            case "aes128gcm-16k-record" -> setUpGcmRecord();
            default -> throw new IllegalArgumentException("unknown primitive " + primitive);
        }
        if (provider.equals("bc-lw") && !primitive.endsWith("ecdh") && !primitive.equals("x25519")
                && !primitive.startsWith("ecdsa")) {
            throw new UnsupportedOperationException("bc-lw is measured for the key exchanges and ECDSA only");
        }
        op.run();
    }

    private void setUpEcdh(NamedGroup group) throws Exception {
        peerPublic = EcdheKeyPair.generate(group, random).publicKey();
        if (provider.equals("bc-lw")) {
            op = () -> EcdheKeyPair.generate(group, random).agree(peerPublic);
            return;
        }
        boolean x = group == NamedGroup.X25519;
        String kpg = x ? "XDH" : "EC";
        KeyPairGenerator g = jca == null ? KeyPairGenerator.getInstance(kpg) : KeyPairGenerator.getInstance(kpg, jca);
        g.initialize(new ECGenParameterSpec(x ? "X25519" : "secp256r1"), random);
        peerKey = g.generateKeyPair().getPublic();
        String ka = x ? "XDH" : "ECDH";
        op = () -> call(() -> {
            KeyPairGenerator gen = jca == null ? KeyPairGenerator.getInstance(kpg) : KeyPairGenerator.getInstance(kpg, jca);
            gen.initialize(new ECGenParameterSpec(x ? "X25519" : "secp256r1"), random);
            KeyPair mine = gen.generateKeyPair();
            KeyAgreement a = jca == null ? KeyAgreement.getInstance(ka) : KeyAgreement.getInstance(ka, jca);
            a.init(mine.getPrivate());
            a.doPhase(peerKey, true);
            return a.generateSecret();
        });
    }

    private void setUpSignature(String keyType, String algorithm, PSSParameterSpec pss) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(keyType);
        if (keyType.equals("EC")) {
            g.initialize(new ECGenParameterSpec(primitive.contains("p384") ? "secp384r1" : "secp256r1"), random);
        } else {
            g.initialize(2048, random);
        }
        keys = g.generateKeyPair(); // JDK keys, as KeyMaterial and certificates hand them over
        Signature s = signature(algorithm, pss);
        s.initSign(keys.getPrivate(), random);
        s.update(data);
        signature = s.sign();
        boolean sign = primitive.endsWith("sign");
        op = () -> call(() -> {
            Signature t = signature(algorithm, pss);
            if (sign) {
                t.initSign(keys.getPrivate(), random);
                t.update(data);
                return t.sign();
            }
            t.initVerify(keys.getPublic());
            t.update(data);
            if (!t.verify(signature)) {
                throw new IllegalStateException("signature did not verify");
            }
            return signature;
        });
    }

    private Signature signature(String algorithm, PSSParameterSpec pss) throws Exception {
        if (provider.equals("bc-lw")) { // what a pure-Java reactls signs ECDSA with
            return Signature.getInstance(algorithm, CryptoProviders.pureJava().signatureProvider(SignatureScheme.ECDSA_SECP256R1_SHA256));
        }
        Signature s = jca == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, jca);
        if (pss != null) {
            s.setParameter(pss);
        }
        return s;
    }

    private void setUpDecrypt() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, random);
        keys = g.generateKeyPair();
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, keys.getPublic(), random);
        ciphertext = c.doFinal(data, 0, 48);
        op = () -> call(() -> {
            Cipher d = jca == null ? Cipher.getInstance("RSA/ECB/PKCS1Padding") : Cipher.getInstance("RSA/ECB/PKCS1Padding", jca);
            d.init(Cipher.DECRYPT_MODE, keys.getPrivate());
            return d.doFinal(ciphertext);
        });
    }

    private void setUpGcm() throws Exception {
        SecretKeySpec key = new SecretKeySpec(data, 0, 16, "AES");
        byte[] out = new byte[data.length + 16];
        byte[] nonce = new byte[12];
        Cipher c = jca == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", jca);
        op = () -> call(() -> {
            nonce[11]++;
            nonce[10] += nonce[11] == 0 ? 1 : 0;
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.doFinal(data, 0, data.length, out, 0);
            return out;
        });
    }

    private void setUpGcmRecord() throws Exception {
        SecretKeySpec key = new SecretKeySpec(data, 0, 16, "AES");
        int header = 5;
        byte[] record = new byte[header + data.length + 16];
        byte[] aad = new byte[header];
        byte[] nonce = new byte[12];
        Cipher c = jca == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", jca);
        op = () -> call(() -> {
            nonce[11]++;
            nonce[10] += nonce[11] == 0 ? 1 : 0;
            System.arraycopy(data, 0, record, header, data.length);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            int sealed = c.doFinal(record, header, data.length, record, header);
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            c.doFinal(record, header, sealed, record, header);
            return record;
        });
    }

    /** The Amazon Corretto Crypto Provider, loaded the way reactls finds it, or a setup failure saying why not. */
    static Provider accp() {
        Provider p = Security.getProvider("AmazonCorrettoCryptoProvider");
        if (p != null) {
            return p;
        }
        try {
            Class<?> c = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            p = (Provider) c.getField("INSTANCE").get(null);
            Object error = c.getMethod("getLoadingError").invoke(p);
            if (error != null) {
                throw new UnsupportedOperationException("ACCP did not load: " + error);
            }
            return p;
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedOperationException("ACCP is not on the classpath", e);
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private Object last;

    private void call(Step step) {
        try {
            last = step.run();
        } catch (Exception e) {
            throw new IllegalStateException(primitive + " on " + provider + ": " + e, e);
        }
    }

    @Benchmark
    public Object run() {
        op.run();
        return last;
    }
}
