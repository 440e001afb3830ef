package io.reactls.server;

import io.reactls.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;

/**
 * Prepares key material for use on an event loop. The JDK's RSA signer draws its blinding parameters from the
 * platform's default SecureRandom (a /dev/urandom read, i.e. blocking I/O) the first time each key signs, whatever
 * SecureRandom the caller passes; one probe signature on the calling thread caches them for the key's lifetime.
 * Other key types need nothing.
 */
public final class KeyWarmup {

    private static final byte[] PROBE = "reactls key warmup".getBytes(StandardCharsets.US_ASCII);

    private KeyWarmup() {
    }

    /**
     * Returns {@code km}, ready; call it off the event loop (a resolver that loads keys does so where it loads).
     *
     * @param km the key material, or null
     * @return {@code km}
     */
    public static KeyMaterial warm(KeyMaterial km) {
        if (km != null && km.privateKey() instanceof RSAPrivateKey rsa) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(rsa);
                s.update(PROBE);
                s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot sign with the RSA key of " + km.leaf().getSubjectX500Principal(), e);
            }
        }
        return km;
    }
}
