package io.reactls.jsse;

import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerifier;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.cert.HostnameMatcher;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether the peer's chain is trusted, in JSSE's terms: the hostname is checked only when the engine's
 * {@code SSLParameters} name the endpoint identification algorithm "HTTPS". Either a JSSE {@link X509TrustManager}
 * (called with the engine, as SunJSSE calls it, so it sees the handshake session and the parameters) or our own
 * {@link CertificateVerifier}. Runs in a delegated task: it may be slow (revocation, a large trust store).
 */
abstract class PeerVerifier {

    /** @throws CertificateException or a {@link io.reactls.TlsAlertException} when the chain is not trusted */
    abstract void verify(List<X509Certificate> chain, PeerRole role, ReactlsSSLEngine engine) throws CertificateException;

    static PeerVerifier of(CertificateVerifier verifier) {
        return new PeerVerifier() {
            @Override
            void verify(List<X509Certificate> chain, PeerRole role, ReactlsSSLEngine engine) {
                String host = role == PeerRole.SERVER && engine.checksEndpointIdentity() ? engine.identityToCheck() : null;
                verifier.verify(chain, host, Instant.now(), role);
            }
        };
    }

    static PeerVerifier of(X509TrustManager manager) {
        return new PeerVerifier() {
            @Override
            void verify(List<X509Certificate> chain, PeerRole role, ReactlsSSLEngine engine) throws CertificateException {
                X509Certificate[] certs = chain.toArray(X509Certificate[]::new);
                // TLS 1.3 and our ECDHE suites authenticate by signature: SunJSSE's "UNKNOWN" asks for digitalSignature.
                String authType = role == PeerRole.SERVER ? "UNKNOWN" : certs[0].getPublicKey().getAlgorithm();
                if (manager instanceof X509ExtendedTrustManager x) {
                    if (role == PeerRole.SERVER) {
                        x.checkServerTrusted(certs, authType, engine);
                    } else {
                        x.checkClientTrusted(certs, authType, engine);
                    }
                    return;
                }
                // A plain X509TrustManager knows no engine: the endpoint identity is ours to check.
                if (role == PeerRole.SERVER) {
                    manager.checkServerTrusted(certs, authType);
                    if (engine.checksEndpointIdentity()) {
                        String host = engine.identityToCheck();
                        if (host == null || !HostnameMatcher.matches(certs[0], host)) {
                            throw new CertificateVerificationException(CertificateVerificationException.Reason.HOSTNAME_MISMATCH,
                                    "the certificate does not name " + host);
                        }
                    }
                } else {
                    manager.checkClientTrusted(certs, authType);
                }
            }
        };
    }

    /** Accepts every chain; only for a server that never asks for client certificates. */
    static PeerVerifier none() {
        return new PeerVerifier() {
            @Override
            void verify(List<X509Certificate> chain, PeerRole role, ReactlsSSLEngine engine) throws CertificateException {
                throw new CertificateException("no trust manager is configured to verify the peer's certificate");
            }
        };
    }
}
