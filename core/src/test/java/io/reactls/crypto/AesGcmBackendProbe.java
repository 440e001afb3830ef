package io.reactls.crypto;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Run in a fresh JVM by {@link CryptoProvidersTest}: says which provider the record layer's AES-GCM runs on there
 * ({@link CryptoProviders#defaults()}, as a configuration with the native backend allowed gets it), and seals a
 * record with it that the JDK's own AES-GCM must open (and the other way round).
 */
final class AesGcmBackendProbe {

    private AesGcmBackendProbe() {
    }

    public static void main(String[] args) throws Exception {
        CryptoProviders defaults = CryptoProviders.defaults();
        System.out.println("jdk " + Runtime.version().feature());
        System.out.println("native backend " + NativeCrypto.provider().map(Provider::getName).orElse("absent"));
        System.out.println("AES_GCM chosen " + defaults.providerFor(CryptoProviders.Primitive.AES_GCM)
                .map(Provider::getName).orElse("JDK"));
        System.out.println("AES_GCM cipher " + defaults.aeadCipher(AeadAlgorithm.AES_128_GCM).getProvider().getName());
        System.out.println("record backend " + AeadBackends.jce(defaults).name());

        SecureRandom random = new SecureRandom();
        byte[] key = new byte[16];
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        byte[] aad = {23, 3, 3, 0x40, 0x11};
        byte[] plaintext = new byte[16384];
        random.nextBytes(key);
        random.nextBytes(nonce);
        random.nextBytes(plaintext);
        Aead chosen = AeadBackends.jce(defaults).create(AeadAlgorithm.AES_128_GCM, key);
        Aead jdk = AeadBackends.jce().create(AeadAlgorithm.AES_128_GCM, key);
        System.out.println("chosen sealed, JDK opened " + roundTrip(chosen, jdk, nonce, aad, plaintext));
        System.out.println("JDK sealed, chosen opened " + roundTrip(jdk, chosen, nonce, aad, plaintext));
    }

    private static boolean roundTrip(Aead sealer, Aead opener, byte[] nonce, byte[] aad, byte[] plaintext) throws AeadTagException {
        byte[] sealed = new byte[plaintext.length + AeadAlgorithm.TAG_LENGTH];
        int n = sealer.seal(nonce, aad, plaintext, 0, plaintext.length, sealed, 0);
        byte[] opened = new byte[plaintext.length];
        int m = opener.open(nonce, aad, sealed, 0, n, opened, 0);
        return m == plaintext.length && Arrays.equals(opened, plaintext);
    }
}
