package io.reactls.crypto;

/** The AEAD backends reactls ships. */
public final class AeadBackends {

    private AeadBackends() {
    }

    /** The default: the JDK provider, which HotSpot accelerates with AES-NI/CLMUL and vectorised ChaCha20. */
    public static AeadBackend jce() {
        return JceAeadBackend.INSTANCE;
    }

    /**
     * The JCE with the provider {@code providers} chose per AEAD: the native backend's AES-GCM where it measured
     * faster, the JDK's otherwise (ChaCha20-Poly1305 always).
     */
    public static AeadBackend jce(CryptoProviders providers) {
        return providers.providerFor(CryptoProviders.Primitive.AES_GCM).isEmpty()
                && providers.providerFor(CryptoProviders.Primitive.CHACHA20_POLY1305).isEmpty()
                ? JceAeadBackend.INSTANCE : new JceAeadBackend(providers);
    }

    /** Bouncy Castle's lightweight ciphers: no JCE provider registration, portable pure Java. */
    public static AeadBackend bouncyCastle() {
        return BouncyCastleAeadBackend.INSTANCE;
    }
}
