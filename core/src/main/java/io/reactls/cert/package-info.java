/**
 * Step ③ of the handshake and the key material around it.
 * <ul>
 *   <li>{@link io.reactls.cert.Pem}, {@link io.reactls.cert.KeyMaterials}: chains and private keys from PEM
 *       (PKCS#8, PKCS#1, SEC1, encrypted PKCS#8) and PKCS#12; keys written as PKCS#8.</li>
 *   <li>{@link io.reactls.CertificateGenerator}, {@link io.reactls.CertificateBuilder}: small PKIs for demos
 *       and tests, including deliberately bad certificates.</li>
 *   <li>{@link io.reactls.TrustAnchors}: the JDK's {@code cacerts}, a PEM bundle, or any set of certificates.</li>
 *   <li>{@link io.reactls.cert.PkixCertificateVerifier}: chain building, RFC 5280 validation (with the JDK's PKIX
 *       validator as a backstop), {@link io.reactls.cert.SecurityPolicy} and RFC 6125 hostname matching
 *       ({@link io.reactls.cert.HostnameMatcher}), each failure mapped to a
 *       {@link io.reactls.CertificateVerificationException.Reason} and its alert.</li>
 * </ul>
 * Verification is synchronous and offline (no revocation); callers that need CRL/OCSP wrap it in their own
 * asynchronous hook.
 */
package io.reactls.cert;
