package io.reactls.crypto;

/** Makes {@link Aead} keys. The JCE backend is the default (CPU intrinsics); Bouncy Castle is the second. */
public interface AeadBackend {

    Aead create(AeadAlgorithm algorithm, byte[] key);

    String name();
}
