package io.reactls.handshake;

import io.reactls.CertificateVerifier;
import io.reactls.cert.PkixCertificateVerifier;
import io.reactls.TrustAnchors;

/** The verifier used when none is configured: the JDK's cacerts with the default security policy, loaded once. */
final class DefaultVerifier {

    private DefaultVerifier() {
    }

    private static final class Holder {
        static final CertificateVerifier INSTANCE = new PkixCertificateVerifier(TrustAnchors.jdkDefault());
    }

    static CertificateVerifier get() {
        return Holder.INSTANCE;
    }
}
