package io.reactls;

/** The eight moments of the classic SSL/TLS handshake, as reported on the event stream. */
public enum HandshakeStep {
    CLIENT_HELLO(1, "ClientHello: versions, suites, client random, extensions"),
    SERVER_HELLO(2, "ServerHello + Certificate: chosen version, suite, server random, certificate"),
    CERTIFICATE_VERIFIED(3, "Certificate verified: dates, trusted CA, signatures, hostname"),
    KEY_EXCHANGE(4, "Key exchange: pre-master secret sent (RSA-encrypted or ECDHE)"),
    KEYS_DERIVED(5, "Keys derived: master secret and traffic keys"),
    CLIENT_FINISHED(6, "Client ChangeCipherSpec + Finished"),
    SERVER_FINISHED(7, "Server ChangeCipherSpec + Finished"),
    APPLICATION_DATA(8, "Application data under AEAD protection");

    private final int number;
    private final String title;

    HandshakeStep(int number, String title) {
        this.number = number;
        this.title = title;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }
}
