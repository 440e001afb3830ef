package io.reactls.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AEAD key on a JCE {@link Cipher} that is created once and re-initialised per record (creating a Cipher
 * goes through provider lookup, far too slow for every record).
 */
final class JceAead implements Aead {

    /** The largest AEAD input of a TLS record: 2^14 + 256 bytes of TLS 1.3 inner plaintext and the tag. */
    private static final int MAX_CIPHERTEXT = (1 << 14) + 256 + AeadAlgorithm.TAG_LENGTH;

    private final AeadAlgorithm algorithm;
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final boolean chacha;
    /**
     * JDK 17's SunJCE ChaCha20-Poly1305 decrypts ciphertext that does not start at array offset 0 by buffering all of it
     * twice (a {@code ByteArrayOutputStream} and its {@code toByteArray}): 37 KB of garbage and 97 µs per 16 KiB
     * record, against 4.3 KB and 45 µs from offset 0 (best of 60 × 200 opens, JDK 17.0.15). JDK 25 has no such
     * branch (4 KB, 5.6 µs either way); the JDKs between were not measured and are treated like 17.
     */
    private static final boolean CHACHA_OPENS_FROM_ZERO = Runtime.version().feature() < 25;

    /**
     * SunJCE's AES-GCM on JDK 25 opens in place at under half the speed it opens into another array: input and
     * output in one array make it skip its fused AES+GHASH intrinsic (16 KiB records, per CPU-second: 3.5-4.3 GB/s in
     * place, 7.5-9.9 GB/s into another array, and a 16 KiB copy costs ~0.3 µs; JDK 17 runs both alike). So on such a
     * JDK an in-place open goes through the thread's {@link ScratchArray} and the verified plaintext is copied back.
     * ACCP opens in place at full speed.
     */
    static boolean opensInPlaceThroughScratch(AeadAlgorithm algorithm, String provider, int jdkFeature) {
        return algorithm != AeadAlgorithm.CHACHA20_POLY1305 && "SunJCE".equals(provider) && jdkFeature >= 25;
    }

    /** The nonce of the last init: SunJCE's ChaCha20 refuses any re-init with an unchanged key and nonce. */
    private final byte[] lastNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean initialised;
    /** Ciphertext moved to offset 0 for {@link #CHACHA_OPENS_FROM_ZERO}; one per key, sized for the largest record. */
    private byte[] atZero;
    /** Whether an in-place open goes through {@link ScratchArray} ({@link #opensInPlaceThroughScratch}). */
    private final boolean openInPlaceThroughScratch;

    /** On the provider {@code providers} chose for {@code algorithm}. */
    JceAead(AeadAlgorithm algorithm, byte[] key, CryptoProviders providers) {
        this(algorithm, key, providers, null);
    }

    /** {@code throughScratch} null: decided by {@link #opensInPlaceThroughScratch}; else as given (tests). */
    JceAead(AeadAlgorithm algorithm, byte[] key, CryptoProviders providers, Boolean throughScratch) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        this.algorithm = algorithm;
        this.chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        boolean gcm = !chacha;
        this.key = new SecretKeySpec(key, gcm ? "AES" : "ChaCha20");
        try {
            this.cipher = providers.aeadCipher(algorithm);
            // Settle the provider now: until its first init a Cipher keeps its provider search (transforms, service
            // list), ~350 bytes a connection whose peer has sent nothing yet would hold.
            java.security.Provider provider = this.cipher.getProvider();
            this.openInPlaceThroughScratch = throughScratch != null ? throughScratch
                    : opensInPlaceThroughScratch(algorithm, provider.getName(), Runtime.version().feature());
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            // Includes the JDK refusing a repeated key+nonce for encryption: a caller bug, never data-dependent.
            throw new IllegalStateException(algorithm + " seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) throws AeadTagException {
        if (len < AeadAlgorithm.TAG_LENGTH) {
            throw new AeadTagException("ciphertext of " + len + " bytes is shorter than the tag");
        }
        if (chacha && CHACHA_OPENS_FROM_ZERO && inOff != 0) {
            if (atZero == null || atZero.length < len) {
                atZero = new byte[Math.max(len, MAX_CIPHERTEXT)];
            }
            System.arraycopy(in, inOff, atZero, 0, len);
            in = atZero;
            inOff = 0;
        }
        if (openInPlaceThroughScratch && in == out) {
            byte[] scratch = ScratchArray.get(len, MAX_CIPHERTEXT);
            if (scratch != in) {
                int n = decrypt(nonce, aad, in, inOff, len, scratch, 0);
                System.arraycopy(scratch, 0, out, outOff, n);
                return n;
            }
        }
        return decrypt(nonce, aad, in, inOff, len, out, outOff);
    }

    private int decrypt(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) throws AeadTagException {
        try {
            init(Cipher.DECRYPT_MODE, nonce);
            cipher.updateAAD(aad);
            return cipher.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            // Wipe whatever a provider may have put there before verifying, so no unverified plaintext survives.
            Arrays.fill(out, outOff, outOff + len - AeadAlgorithm.TAG_LENGTH, (byte) 0);
            throw new AeadTagException(algorithm + " tag mismatch", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " open failed", e);
        }
    }

    private void init(int mode, byte[] nonce) throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (chacha && mode == Cipher.DECRYPT_MODE && initialised && Arrays.equals(nonce, lastNonce)) {
            // Decrypting again under the same nonce reveals nothing new (a second open of a record, or an open
            // right after sealing it), so step the JDK's reuse guard with a throwaway nonce. Encryption keeps it.
            byte[] other = nonce.clone();
            other[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(other));
        }
        AlgorithmParameterSpec spec = chacha
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
        cipher.init(mode, key, spec);
        if (chacha) {
            System.arraycopy(nonce, 0, lastNonce, 0, lastNonce.length);
            initialised = true;
        }
    }
}
