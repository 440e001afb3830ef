package io.reactls.crypto;

/** AEADs from the JDK's own provider: AES-GCM and ChaCha20-Poly1305 run on HotSpot's CPU intrinsics there. */
public final class JceAeadBackend implements AeadBackend {

    static final JceAeadBackend INSTANCE = new JceAeadBackend();

    private JceAeadBackend() {
    }

    @Override
    public Aead create(AeadAlgorithm algorithm, byte[] key) {
        return new JceAead(algorithm, key);
    }

    @Override
    public String name() {
        return "jce";
    }
}
