package io.reactls;

/** Whether a server asks for, or insists on, a client certificate. */
public enum ClientAuthMode {
    /** No CertificateRequest: clients stay anonymous. */
    NONE,
    /** Ask for a certificate; a client that sends none is still served. */
    OPTIONAL,
    /** Ask for a certificate and refuse a client that sends none (certificate_required / handshake_failure). */
    REQUIRE
}
