package io.reactls;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A generated certificate and its key pair; an issuer for further certificates when it is a CA. */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair) {

    /**
     * The certificate's private key.
     *
     * @return the key pair's private key
     */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /**
     * The subject as RFC 2253 text, e.g. {@code CN=localhost}.
     *
     * @return the subject distinguished name
     */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }
}
