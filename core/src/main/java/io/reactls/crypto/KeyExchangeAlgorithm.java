package io.reactls.crypto;

/** TLS 1.2 key exchange + authentication families. */
public enum KeyExchangeAlgorithm {
    /** Static RSA: the client encrypts the pre-master secret to the server's certificate key. */
    RSA,
    /** Ephemeral ECDH, ServerKeyExchange signed with the server's RSA key. */
    ECDHE_RSA,
    /** Ephemeral ECDH, ServerKeyExchange signed with the server's ECDSA key. */
    ECDHE_ECDSA;

    public boolean isEcdhe() {
        return this != RSA;
    }
}
