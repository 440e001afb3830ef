package io.reactls.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One AEAD key on a Bouncy Castle lightweight cipher. After the first init the key parameter is passed as null so
 * BC keeps its expanded key schedule instead of redoing it for every record.
 */
final class BouncyCastleAead implements Aead {

    private final AeadAlgorithm algorithm;
    private final AEADCipher cipher;
    private KeyParameter pendingKey;

    BouncyCastleAead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        this.algorithm = algorithm;
        this.cipher = algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new ChaCha20Poly1305()
                : GCMBlockCipher.newInstance(AESEngine.newInstance());
        this.pendingKey = new KeyParameter(key);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        init(true, nonce, aad);
        int n = cipher.processBytes(in, inOff, len, out, outOff);
        try {
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(algorithm + " seal failed", e);
        }
    }

    @Override
    public int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) throws AeadTagException {
        if (len < AeadAlgorithm.TAG_LENGTH) {
            throw new AeadTagException("ciphertext of " + len + " bytes is shorter than the tag");
        }
        init(false, nonce, aad);
        // BC streams plaintext out before it has seen the tag; on failure that output is wiped below.
        int n = cipher.processBytes(in, inOff, len, out, outOff);
        try {
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, outOff, outOff + len - AeadAlgorithm.TAG_LENGTH, (byte) 0);
            throw new AeadTagException(algorithm + " tag mismatch", e);
        }
    }

    private void init(boolean encrypt, byte[] nonce, byte[] aad) {
        cipher.init(encrypt, new AEADParameters(pendingKey, AeadAlgorithm.TAG_LENGTH * 8, nonce));
        pendingKey = null;
        cipher.processAADBytes(aad, 0, aad.length);
    }
}
