package io.reactls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** The TLS 1.2 PRF (RFC 5246 §5) and the secrets TLS 1.2 derives with it. */
public final class Tls12Prf {

    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int VERIFY_DATA_LENGTH = 12;

    public static final String CLIENT_FINISHED = "client finished";
    public static final String SERVER_FINISHED = "server finished";

    private Tls12Prf() {
    }

    /** {@code PRF(secret, label, seed) = P_<hash>(secret, label + seed)}, truncated to {@code length} bytes. */
    public static byte[] prf(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelAndSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelAndSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelAndSeed, labelBytes.length, seed.length);
        return pHash(hash, secret, labelAndSeed, length);
    }

    /** RFC 5246 §8.1: {@code PRF(pre_master, "master secret", client_random + server_random)[0..47]}. */
    public static byte[] masterSecret(HashAlgorithm hash, byte[] preMaster, byte[] clientRandom, byte[] serverRandom) {
        return prf(hash, preMaster, "master secret", concat(clientRandom, serverRandom), MASTER_SECRET_LENGTH);
    }

    /** RFC 7627 §4: the master secret bound to the whole handshake up to ClientKeyExchange. */
    public static byte[] extendedMasterSecret(HashAlgorithm hash, byte[] preMaster, byte[] sessionHash) {
        return prf(hash, preMaster, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** RFC 5246 §6.3: note the server random comes first here, unlike in the master secret. */
    public static byte[] keyBlock(HashAlgorithm hash, byte[] master, byte[] serverRandom, byte[] clientRandom, int length) {
        return prf(hash, master, "key expansion", concat(serverRandom, clientRandom), length);
    }

    /** RFC 5246 §7.4.9: {@code label} is {@link #CLIENT_FINISHED} or {@link #SERVER_FINISHED}. */
    public static byte[] verifyData(HashAlgorithm hash, byte[] master, String label, byte[] handshakeHash) {
        return prf(hash, master, label, handshakeHash, VERIFY_DATA_LENGTH);
    }

    /**
     * {@code P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...}
     * with {@code A(0) = seed, A(i) = HMAC(secret, A(i-1))}.
     */
    private static byte[] pHash(HashAlgorithm hash, byte[] secret, byte[] seed, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative PRF length " + length);
        }
        Mac mac = newMac(hash, secret);
        int h = hash.length();
        byte[] out = new byte[length];
        byte[] a = seed;
        byte[] block = new byte[h];
        try {
            for (int off = 0; off < length; off += h) {
                a = mac.doFinal(a);
                mac.update(a);
                mac.update(seed);
                mac.doFinal(block, 0);
                System.arraycopy(block, 0, out, off, Math.min(h, length - off));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HMAC output buffer sized by the hash length", e);
        }
        return out;
    }

    private static Mac newMac(HashAlgorithm hash, byte[] secret) {
        try {
            Mac mac = Mac.getInstance(hash.hmacName());
            // SecretKeySpec refuses empty keys, but TLS secrets are never empty.
            mac.init(new SecretKeySpec(secret, hash.hmacName()));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("JDK lacks " + hash.hmacName(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
