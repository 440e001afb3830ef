/**
 * Step ③ of the handshake: verifying the peer's chain. The key material it works with are values of the public
 * package, which also reads and writes them: {@link io.reactls.KeyMaterial} and {@link io.reactls.Pem} (chains and
 * private keys from PEM, PKCS#12, JKS), {@link io.reactls.TrustAnchors} (the JDK's {@code cacerts}, a PEM bundle, or
 * any set of certificates), {@link io.reactls.CertificateGenerator} and {@link io.reactls.CertificateBuilder} (small
 * PKIs for demos and tests, including deliberately bad certificates).
 * <ul>
 *   <li>{@link io.reactls.cert.PkixCertificateVerifier}: chain building, RFC 5280 validation (with the JDK's PKIX
 *       validator as a backstop), {@link io.reactls.cert.SecurityPolicy} and RFC 6125 hostname matching
 *       ({@link io.reactls.cert.HostnameMatcher}), each failure mapped to a
 *       {@link io.reactls.CertificateVerificationException.Reason} and its alert.</li>
 * </ul>
 * Verification is synchronous and offline (no revocation); callers that need CRL/OCSP wrap it in their own
 * asynchronous hook.
 */
package io.reactls.cert;
