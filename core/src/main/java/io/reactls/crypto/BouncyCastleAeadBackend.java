package io.reactls.crypto;

/** AEADs from Bouncy Castle's lightweight API: pure Java, independent of the JDK provider, the second opinion. */
public final class BouncyCastleAeadBackend implements AeadBackend {

    static final BouncyCastleAeadBackend INSTANCE = new BouncyCastleAeadBackend();

    private BouncyCastleAeadBackend() {
    }

    @Override
    public Aead create(AeadAlgorithm algorithm, byte[] key) {
        return new BouncyCastleAead(algorithm, key);
    }

    @Override
    public String name() {
        return "bouncycastle";
    }
}
