package io.reactls.cert;

import io.reactls.SignatureScheme;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * What a chain says about how it was signed and by whom, for choosing and checking chains against a peer's
 * signature_algorithms_cert (RFC 8446 §4.2.3) and certificate_authorities (§4.2.4).
 */
public final class CertificateSignatures {

    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    /** Signature algorithm OID → the TLS scheme naming it. ECDSA names its hash only, as OpenSSL compares it. */
    private static final Map<String, SignatureScheme> BY_OID = Map.of(
            "1.2.840.113549.1.1.11", SignatureScheme.RSA_PKCS1_SHA256,
            "1.2.840.113549.1.1.12", SignatureScheme.RSA_PKCS1_SHA384,
            "1.2.840.113549.1.1.13", SignatureScheme.RSA_PKCS1_SHA512,
            "1.2.840.10045.4.3.2", SignatureScheme.ECDSA_SECP256R1_SHA256,
            "1.2.840.10045.4.3.3", SignatureScheme.ECDSA_SECP384R1_SHA384,
            "1.2.840.10045.4.3.4", SignatureScheme.ECDSA_SECP521R1_SHA512,
            "1.3.101.112", SignatureScheme.ED25519);

    /** An RSASSA-PSS certificate signature, by its hash: rsae or pss depends on the issuer's key, so either names it. */
    private static final Map<String, Set<SignatureScheme>> PSS_BY_HASH = Map.of(
            "SHA-256", Set.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA256),
            "SHA-384", Set.of(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_PSS_SHA384),
            "SHA-512", Set.of(SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA512));

    private CertificateSignatures() {
    }

    /**
     * The schemes that name {@code certificate}'s signature; empty for one no TLS scheme names (SHA-1, MD5...).
     *
     * @param certificate a certificate
     * @return the schemes, possibly empty
     */
    public static Set<SignatureScheme> schemesOf(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        if (oid.equals(RSASSA_PSS)) {
            String hash = SecurityPolicy.pssHash(certificate.getSigAlgParams());
            return hash == null ? Set.of() : PSS_BY_HASH.getOrDefault(hash, Set.of());
        }
        SignatureScheme s = BY_OID.get(oid);
        return s == null ? Set.of() : Set.of(s);
    }

    /**
     * The first certificate of {@code chain} signed with a scheme outside {@code allowed}. Self-signed certificates
     * are skipped: a trust anchor's signature is not checked, so it may use any algorithm (RFC 8446 §4.4.2.2).
     *
     * @param chain a chain, leaf first
     * @param allowed the schemes allowed in certificate signatures
     * @return the offending certificate, or empty when every signature is allowed
     */
    public static Optional<X509Certificate> signedOutside(List<X509Certificate> chain, Collection<SignatureScheme> allowed) {
        for (X509Certificate c : chain) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())
                    && schemesOf(c).stream().noneMatch(allowed::contains)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a certificate of {@code chain} is issued by one of {@code authorities} (RFC 8446 §4.4.2.3: one of the
     * client's certificates SHOULD be issued by a listed CA).
     *
     * @param chain a chain, leaf first
     * @param authorities CA distinguished names
     * @return whether some certificate's issuer is listed
     */
    public static boolean issuedByAny(List<X509Certificate> chain, Collection<X500Principal> authorities) {
        return chain.stream().anyMatch(c -> authorities.contains(c.getIssuerX500Principal()));
    }

    /**
     * A certificate's signature in words: the TLS scheme, or the JCA algorithm name when no scheme names it.
     *
     * @param certificate a certificate
     * @return e.g. {@code rsa_pkcs1_sha256}
     */
    public static String describe(X509Certificate certificate) {
        Set<SignatureScheme> schemes = schemesOf(certificate);
        return schemes.isEmpty() ? certificate.getSigAlgName() : schemes.stream().map(SignatureScheme::rfcName).sorted()
                .reduce((a, b) -> a + "/" + b).orElseThrow();
    }
}
