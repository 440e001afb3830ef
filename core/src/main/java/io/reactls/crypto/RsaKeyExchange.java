package io.reactls.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.tls.TlsRsaKeyExchange;

/**
 * The RSA key exchange of steps ④ and ⑤: the client encrypts a 48-byte pre-master secret to the server's
 * certificate key; the server decrypts it. The server side follows RFC 5246 §7.4.7.1: bad padding, a bad length
 * or a wrong version never produce a different alert or code path — a random pre-master secret is used instead,
 * and the handshake fails later at Finished. For in-memory CRT keys this uses Bouncy Castle's constant-time
 * implicit-rejection decryption, which also resists the timing variants (Marvin) that a JCE
 * BadPaddingException branch would leak.
 */
public final class RsaKeyExchange {

    public static final int PRE_MASTER_SECRET_LENGTH = 48;

    private RsaKeyExchange() {
    }

    /** Client: makes a pre-master secret carrying {@code clientVersion} (the ClientHello version). */
    public static byte[] newPreMasterSecret(int clientVersion, SecureRandom random) {
        byte[] pms = new byte[PRE_MASTER_SECRET_LENGTH];
        random.nextBytes(pms);
        pms[0] = (byte) (clientVersion >>> 8);
        pms[1] = (byte) clientVersion;
        return pms;
    }

    public static byte[] encrypt(PublicKey serverKey, byte[] preMasterSecret, SecureRandom random)
            throws GeneralSecurityException {
        if (!(serverKey instanceof RSAPublicKey)) {
            throw new GeneralSecurityException("server certificate key is not RSA");
        }
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(Cipher.ENCRYPT_MODE, serverKey, random);
        return c.doFinal(preMasterSecret);
    }

    /**
     * Server: always returns 48 bytes. A malformed ciphertext yields random bytes (which make the Finished check
     * fail) rather than an exception.
     */
    public static byte[] decrypt(PrivateKey serverKey, byte[] encrypted, int clientVersion, SecureRandom random) {
        if (serverKey instanceof RSAPrivateCrtKey k) {
            RSAPrivateCrtKeyParameters params = new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(),
                    k.getPrimeExponentQ(), k.getCrtCoefficient());
            return TlsRsaKeyExchange.decryptPreMasterSecret(encrypted, 0, encrypted.length, params, clientVersion, random);
        }
        return decryptWithJce(serverKey, encrypted, clientVersion, random);
    }

    /** For keys we cannot see into (HSM/KMS handles): the classic §7.4.7.1 countermeasure. */
    private static byte[] decryptWithJce(PrivateKey serverKey, byte[] encrypted, int clientVersion, SecureRandom random) {
        byte[] decrypted;
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, serverKey);
            decrypted = c.doFinal(encrypted);
        } catch (GeneralSecurityException badPadding) {
            decrypted = null; // indistinguishable from a wrong length or version below
        }
        return acceptDecrypted(decrypted, clientVersion, random);
    }

    /**
     * RFC 5246 §7.4.7.1 over a plaintext decrypted elsewhere (an HSM, or an asynchronous decrypter): always 48 bytes,
     * the plaintext when it is a 48-byte secret carrying {@code clientVersion}, random bytes otherwise — including a
     * null plaintext (decryption failed). The random secret is drawn whatever the outcome, so both paths do the same
     * work here.
     */
    public static byte[] acceptDecrypted(byte[] decrypted, int clientVersion, SecureRandom random) {
        byte[] fallback = new byte[PRE_MASTER_SECRET_LENGTH];
        random.nextBytes(fallback);
        boolean ok = decrypted != null && decrypted.length == PRE_MASTER_SECRET_LENGTH
                && (((decrypted[0] & 0xFF) << 8) | (decrypted[1] & 0xFF)) == clientVersion;
        return ok ? decrypted : fallback;
    }
}
