package io.reactls.testing;

import io.reactls.PrivateKeySigner;
import io.reactls.RsaDecrypter;
import io.reactls.KeyMaterial;
import io.reactls.PendingOperation.RsaDecryptRequest;
import io.reactls.PendingOperation.SignRequest;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Cipher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A stand-in for a KMS or HSM: it holds the private key that the TLS side only knows as {@link #keyMaterial()} (chain
 * and public key), signs and decrypts on request, and as a hook answers later on Reactor's parallel scheduler.
 */
public final class RemoteKey {

    private final KeyMaterial local;
    private final SecureRandom random;

    public RemoteKey(KeyMaterial local) {
        this.local = local;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        random.nextBytes(new byte[1]); // seeded here, not on a non-blocking thread
        if (local.privateKey() instanceof java.security.interfaces.RSAPrivateKey rsa) {
            // The JDK draws RSA blinding parameters from the platform SecureRandom (a /dev/urandom read) at a key's
            // first use and caches them: do it here, not on the parallel scheduler where BlockHound watches.
            try {
                java.security.Signature probe = java.security.Signature.getInstance("SHA256withRSA");
                probe.initSign(rsa);
                probe.update(new byte[1]);
                probe.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the TLS side is configured with: the chain, no private key. */
    public KeyMaterial keyMaterial() {
        return KeyMaterial.remote(local.chain());
    }

    public PrivateKey privateKey() {
        return local.privateKey();
    }

    /** Signs as the key service would; refuses a request for a certificate that is not its own. */
    public byte[] sign(SignRequest request) {
        if (!request.key().leaf().equals(local.leaf())) {
            throw new IllegalArgumentException("not my key: " + request.key().leaf().getSubjectX500Principal());
        }
        try {
            return request.scheme().sign(local.privateKey(), request.content(), random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** Raw RSAES-PKCS1-v1_5 decryption, as an HSM returns it (no length or version check); bad padding throws. */
    public byte[] decrypt(RsaDecryptRequest request) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            c.init(Cipher.DECRYPT_MODE, local.privateKey());
            return c.doFinal(request.encryptedPreMaster());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /** A signer that answers {@code delay} later on the parallel scheduler. */
    public PrivateKeySigner signer(Duration delay) {
        return request -> Mono.delay(delay, Schedulers.parallel()).map(x -> sign(request));
    }

    /** A decrypter that answers {@code delay} later on the parallel scheduler. */
    public RsaDecrypter decrypter(Duration delay) {
        return request -> Mono.delay(delay, Schedulers.parallel()).map(x -> decrypt(request));
    }
}
