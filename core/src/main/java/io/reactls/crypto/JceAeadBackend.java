package io.reactls.crypto;

/** AEADs from the JDK's own provider: AES-GCM and ChaCha20-Poly1305 run on HotSpot's CPU intrinsics there. */
public final class JceAeadBackend implements AeadBackend {

    static final JceAeadBackend INSTANCE = new JceAeadBackend(CryptoProviders.pureJava());

    private final CryptoProviders providers;

    JceAeadBackend(CryptoProviders providers) {
        this.providers = providers;
    }

    @Override
    public Aead create(AeadAlgorithm algorithm, byte[] key) {
        return new JceAead(algorithm, key, providers);
    }

    @Override
    public String name() {
        return providers.usesNative() ? "jce+native" : "jce";
    }
}
