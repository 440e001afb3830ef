package io.reactls.crypto;

/** TLS 1.2 key exchange + authentication families. */
public enum KeyExchangeAlgorithm {
    /** Static RSA: the client encrypts the pre-master secret to the server's certificate key. */
    RSA,
    /** Ephemeral ECDH, ServerKeyExchange signed with the server's RSA key. */
    ECDHE_RSA,
    /** Ephemeral ECDH, ServerKeyExchange signed with the server's ECDSA key. */
    ECDHE_ECDSA,
    /** TLS 1.3 suites name no key exchange: (EC)DHE and the certificate type are negotiated by extensions. */
    TLS13;

    /** A TLS 1.2 ECDHE exchange (ServerKeyExchange + ClientKeyExchange with EC points). */
    public boolean isEcdhe() {
        return this == ECDHE_RSA || this == ECDHE_ECDSA;
    }
}
