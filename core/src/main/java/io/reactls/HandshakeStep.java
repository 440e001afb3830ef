package io.reactls;

/** The eight moments of the classic SSL/TLS handshake, as reported on the event stream. */
public enum HandshakeStep {
    /** Step 1: the client offers versions, suites, its random and extensions. */
    CLIENT_HELLO(1, "ClientHello: versions, suites, client random, extensions"),
    /** Step 2: the server chooses version and suite and sends its certificate. */
    SERVER_HELLO(2, "ServerHello + Certificate: chosen version, suite, server random, certificate"),
    /** Step 3: the peer's chain, signatures and hostname were checked. */
    CERTIFICATE_VERIFIED(3, "Certificate verified: dates, trusted CA, signatures, hostname"),
    /** Step 4: the pre-master secret was sent (RSA) or the ECDHE shares exchanged. */
    KEY_EXCHANGE(4, "Key exchange: pre-master secret sent (RSA-encrypted or ECDHE)"),
    /** Step 5: master secret and traffic keys derived. */
    KEYS_DERIVED(5, "Keys derived: master secret and traffic keys"),
    /** Step 6: the client's ChangeCipherSpec and Finished. */
    CLIENT_FINISHED(6, "Client ChangeCipherSpec + Finished"),
    /** Step 7: the server's ChangeCipherSpec and Finished. */
    SERVER_FINISHED(7, "Server ChangeCipherSpec + Finished"),
    /** Step 8: application data flows under the traffic keys. */
    APPLICATION_DATA(8, "Application data under AEAD protection");

    private final int number;
    private final String title;

    HandshakeStep(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /**
     * The step's number in the classic handshake.
     *
     * @return 1 to 8
     */
    public int number() {
        return number;
    }

    /**
     * A one-line description, as the CLI prints it.
     *
     * @return the title
     */
    public String title() {
        return title;
    }
}
