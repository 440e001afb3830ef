package io.reactls.cert;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * What keys and signatures a verifier accepts in a chain, beyond what PKIX itself requires.
 * The anchor's own self-signature is never judged (its trust comes from the trust store, not from the signature),
 * but the anchor's key is: it signs the rest of the chain.
 *
 * @param minRsaKeyBits         smallest RSA modulus accepted
 * @param allowedCurves         named curves for EC keys ({@code secp256r1}...) and Edwards keys ({@code Ed25519}, {@code Ed448})
 * @param allowedSignatureHashes hashes certificate signatures may use ({@code SHA-256}...); EdDSA signatures are
 *                               judged by their curve, which names their hash
 */
public record SecurityPolicy(int minRsaKeyBits, Set<String> allowedCurves, Set<String> allowedSignatureHashes) {

    private static final Map<String, String> CURVE_NAMES = Map.of(
            "1.2.840.10045.3.1.7", "secp256r1",
            "1.3.132.0.34", "secp384r1",
            "1.3.132.0.35", "secp521r1",
            "1.3.132.0.10", "secp256k1",
            "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1");

    private static final Map<String, String> HASH_NAMES = Map.of(
            "1.2.840.113549.2.2", "MD2",
            "1.2.840.113549.2.5", "MD5",
            "1.3.14.3.2.26", "SHA-1",
            "2.16.840.1.101.3.4.2.4", "SHA-224",
            "2.16.840.1.101.3.4.2.1", "SHA-256",
            "2.16.840.1.101.3.4.2.2", "SHA-384",
            "2.16.840.1.101.3.4.2.3", "SHA-512");

    /** Signature algorithm OID → the hash it uses; RSASSA-PSS carries its hash in parameters, EdDSA in its curve. */
    private static final Map<String, String> SIGNATURE_HASHES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "MD2"),
            Map.entry("1.2.840.113549.1.1.4", "MD5"),
            Map.entry("1.2.840.113549.1.1.5", "SHA-1"),
            Map.entry("1.2.840.113549.1.1.14", "SHA-224"),
            Map.entry("1.2.840.113549.1.1.11", "SHA-256"),
            Map.entry("1.2.840.113549.1.1.12", "SHA-384"),
            Map.entry("1.2.840.113549.1.1.13", "SHA-512"),
            Map.entry("1.2.840.10045.4.1", "SHA-1"),
            Map.entry("1.2.840.10045.4.3.1", "SHA-224"),
            Map.entry("1.2.840.10045.4.3.2", "SHA-256"),
            Map.entry("1.2.840.10045.4.3.3", "SHA-384"),
            Map.entry("1.2.840.10045.4.3.4", "SHA-512"),
            Map.entry("1.2.840.10040.4.3", "SHA-1"));

    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final Map<String, String> EDDSA_CURVES = Map.of("1.3.101.112", "Ed25519", "1.3.101.113", "Ed448");

    /**
     * Copies the sets.
     *
     * @param minRsaKeyBits smallest RSA modulus accepted
     * @param allowedCurves named curves accepted for EC and Edwards keys
     * @param allowedSignatureHashes hashes certificate signatures may use
     */
    public SecurityPolicy {
        allowedCurves = Set.copyOf(allowedCurves);
        allowedSignatureHashes = Set.copyOf(allowedSignatureHashes);
    }

    /**
     * RSA ≥ 2048, P-256/P-384/P-521 or Ed25519 keys; SHA-256/384/512 (never SHA-1 or MD5) signatures.
     *
     * @return the default policy
     */
    public static SecurityPolicy defaults() {
        return new SecurityPolicy(2048, Set.of("secp256r1", "secp384r1", "secp521r1", "Ed25519"),
                Set.of("SHA-256", "SHA-384", "SHA-512"));
    }

    /**
     * This policy with another smallest RSA modulus.
     *
     * @param bits the smallest RSA modulus accepted
     * @return the changed policy
     */
    public SecurityPolicy withMinRsaKeyBits(int bits) {
        return new SecurityPolicy(bits, allowedCurves, allowedSignatureHashes);
    }

    /**
     * This policy with other certificate signature hashes.
     *
     * @param hashes the hashes accepted ({@code SHA-256}...)
     * @return the changed policy
     */
    public SecurityPolicy withAllowedSignatureHashes(Set<String> hashes) {
        return new SecurityPolicy(minRsaKeyBits, allowedCurves, hashes);
    }

    /**
     * This policy with other key curves.
     *
     * @param curves the curves accepted ({@code secp256r1}, {@code Ed25519}...)
     * @return the changed policy
     */
    public SecurityPolicy withAllowedCurves(Set<String> curves) {
        return new SecurityPolicy(minRsaKeyBits, curves, allowedSignatureHashes);
    }

    /**
     * Why the key is not acceptable, in words, or empty if it is.
     *
     * @param key a certificate's public key
     * @return the problem, or empty
     */
    public Optional<String> keyProblem(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return bits >= minRsaKeyBits ? Optional.empty()
                    : Optional.of("its RSA key has " + bits + " bits, fewer than the " + minRsaKeyBits + " required");
        }
        if (key instanceof ECPublicKey) {
            ASN1Encodable parameters = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
            if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
                return Optional.of("its EC key uses explicit curve parameters instead of a named curve");
            }
            String curve = CURVE_NAMES.getOrDefault(oid.getId(), oid.getId());
            return allowedCurves.contains(curve) ? Optional.empty()
                    : Optional.of("its EC key is on curve " + curve + ", which is not allowed (allowed: " + sorted(allowedCurves) + ")");
        }
        if (key instanceof EdECPublicKey ed) {
            String curve = ed.getParams().getName();
            return allowedCurves.contains(curve) ? Optional.empty()
                    : Optional.of("its " + curve + " key is not allowed (allowed: " + sorted(allowedCurves) + ")");
        }
        return Optional.of("its " + key.getAlgorithm() + " key is of a type that is not allowed");
    }

    /**
     * Why the certificate's signature algorithm is not acceptable, in words, or empty if it is.
     *
     * @param certificate a certificate
     * @return the problem, or empty
     */
    public Optional<String> signatureProblem(X509Certificate certificate) {
        String oid = certificate.getSigAlgOID();
        String name = certificate.getSigAlgName();
        String edCurve = EDDSA_CURVES.get(oid);
        if (edCurve != null) {
            return allowedCurves.contains(edCurve) ? Optional.empty()
                    : Optional.of("it is signed with " + edCurve + ", which is not allowed");
        }
        String hash = oid.equals(RSASSA_PSS) ? pssHash(certificate.getSigAlgParams()) : SIGNATURE_HASHES.get(oid);
        if (hash == null) {
            return Optional.of("it is signed with an unsupported algorithm " + name + " (" + oid + ")");
        }
        return allowedSignatureHashes.contains(hash) ? Optional.empty()
                : Optional.of("it is signed with " + name + ", and " + hash + " signatures are not allowed (allowed: "
                        + sorted(allowedSignatureHashes) + ")");
    }

    /** The hash named in RSASSA-PSS parameters (SHA-1 when absent, per RFC 4055), or null if unreadable. */
    static String pssHash(byte[] encodedParameters) {
        if (encodedParameters == null) {
            return "SHA-1";
        }
        try {
            RSASSAPSSparams parameters = RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(encodedParameters));
            return HASH_NAMES.get(parameters.getHashAlgorithm().getAlgorithm().getId());
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable parameters leave the hash unknown; the caller reports the algorithm as unsupported.
            return null;
        }
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", new TreeSet<>(names));
    }
}
