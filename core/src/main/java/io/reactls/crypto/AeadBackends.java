package io.reactls.crypto;

/** The AEAD backends reactls ships. */
public final class AeadBackends {

    private AeadBackends() {
    }

    /** The default: the JDK provider, which HotSpot accelerates with AES-NI/CLMUL and vectorised ChaCha20. */
    public static AeadBackend jce() {
        return JceAeadBackend.INSTANCE;
    }

    /** Bouncy Castle's lightweight ciphers: no JCE provider registration, portable pure Java. */
    public static AeadBackend bouncyCastle() {
        return BouncyCastleAeadBackend.INSTANCE;
    }
}
