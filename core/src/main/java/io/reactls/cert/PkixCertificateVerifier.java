package io.reactls.cert;

import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerifier;
import io.reactls.TrustAnchors;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.SignatureException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.reactls.CertificateVerificationException.Reason;

/**
 * Verifies a peer's chain against trust anchors, a {@link SecurityPolicy} and (for servers) a hostname.
 * <p>
 * Paths are built by {@link ChainBuilder}; each candidate is then checked here in a fixed order, so the first
 * problem found names its exact reason: dates, key strength, signature algorithms, signatures, CA constraints,
 * key usage. The JDK's PKIX validator (revocation off, at the injected time) then runs as a backstop for what is
 * not checked here (unknown critical extensions, name and policy constraints). The hostname is checked last, once
 * the certificate is known to be genuine. If every candidate fails, the first candidate's problem is reported.
 * <p>
 * A chain that validated is remembered in a {@link VerifiedChainCache} (by default the shared one) under its exact
 * bytes, these anchors, this policy and the peer's role, so the next handshake presenting it skips everything but
 * the host name check, within the certificates' validity and the cache's time limit.
 */
public final class PkixCertificateVerifier implements CertificateVerifier {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    private final TrustAnchors anchors;
    private final SecurityPolicy policy;
    private final VerifiedChainCache cache;
    /** SHA-256 over the anchors' encodings, computed on first use: part of every cache key. */
    private volatile byte[] anchorsDigest;

    /**
     * A verifier trusting {@code anchors} under {@code policy}.
     *
     * @param anchors the trusted roots
     * @param policy the keys and signatures accepted
     */
    public PkixCertificateVerifier(TrustAnchors anchors, SecurityPolicy policy) {
        this(anchors, policy, VerifiedChainCache.shared());
    }

    /**
     * A verifier remembering validated chains in {@code cache}, or in none when it is null.
     *
     * @param anchors the trusted roots
     * @param policy the keys and signatures accepted
     * @param cache where validated chains are remembered, or null to validate every chain in full
     */
    public PkixCertificateVerifier(TrustAnchors anchors, SecurityPolicy policy, VerifiedChainCache cache) {
        this.anchors = Objects.requireNonNull(anchors);
        this.policy = Objects.requireNonNull(policy);
        this.cache = cache;
    }

    /**
     * With {@link SecurityPolicy#defaults()}.
     *
     * @param anchors the trusted roots
     */
    public PkixCertificateVerifier(TrustAnchors anchors) {
        this(anchors, SecurityPolicy.defaults());
    }

    /**
     * The trusted roots (revocation checking looks for a leaf's issuer among them when the peer left it out).
     *
     * @return the anchors
     */
    public TrustAnchors anchors() {
        return anchors;
    }

    @Override
    public void verify(List<X509Certificate> chain, String hostname, Instant now, PeerRole role)
            throws CertificateVerificationException {
        if (chain == null || chain.isEmpty()) {
            throw new CertificateVerificationException(Reason.MALFORMED, "the peer sent no certificate");
        }
        // Immutable lists throw on contains(null), so look for a missing entry one by one.
        for (X509Certificate certificate : chain) {
            if (certificate == null) {
                throw new CertificateVerificationException(Reason.MALFORMED, "the certificate chain has a missing entry");
            }
        }
        VerifiedChainCache.Key key = cacheKey(chain, role);
        if (key != null && cache.isVerified(key, now)) {
            if (hostname != null) {
                // The key covers the leaf's exact bytes, so the names parsed when it was stored are this leaf's.
                checkHostname(chain.get(0), hostname, cache.leafIdentifiers(key));
            }
            return;
        }
        ChainBuilder.Result built = ChainBuilder.build(anchors, chain);
        if (built.candidates().isEmpty()) {
            throw untrusted(built.longestDeadEnd());
        }
        CertificateVerificationException first = null;
        for (CandidateChain candidate : built.candidates()) {
            try {
                validate(candidate, now, role);
                first = null;
                if (key != null) {
                    cache.put(key, now, candidate.withAnchor());
                }
                break;
            } catch (CertificateVerificationException e) {
                if (first == null) {
                    first = e;
                }
            } catch (IllegalArgumentException e) {
                // JDK and BC decoders report undecodable extensions this way; the peer must still get an alert.
                if (first == null) {
                    first = new CertificateVerificationException(Reason.MALFORMED,
                            "a certificate in the chain cannot be decoded: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (hostname != null) {
            checkHostname(chain.get(0), hostname, null);
        }
    }

    private VerifiedChainCache.Key cacheKey(List<X509Certificate> chain, PeerRole role) {
        if (cache == null) {
            return null;
        }
        byte[] digest = anchorsDigest;
        if (digest == null) {
            digest = VerifiedChainCache.anchorsDigest(anchors.certificates());
            anchorsDigest = digest;
        }
        try {
            return VerifiedChainCache.key(digest, policy, role.name(), chain);
        } catch (IllegalArgumentException unencodable) {
            return null; // validated in full below, where such a certificate is reported
        }
    }

    private void validate(CandidateChain candidate, Instant now, PeerRole role) {
        List<X509Certificate> all = candidate.withAnchor();
        for (X509Certificate certificate : all) {
            checkDates(certificate, now);
        }
        for (X509Certificate certificate : all) {
            Optional<String> problem = policy.keyProblem(certificate.getPublicKey());
            if (problem.isPresent()) {
                throw new CertificateVerificationException(Reason.WEAK_KEY, describe(certificate) + " is too weak: " + problem.get());
            }
        }
        List<X509Certificate> path = candidate.path();
        for (X509Certificate certificate : path) {
            Optional<String> problem = policy.signatureProblem(certificate);
            if (problem.isPresent()) {
                throw new CertificateVerificationException(Reason.WEAK_SIGNATURE_ALGORITHM,
                        describe(certificate) + " is not acceptable: " + problem.get());
            }
        }
        for (int i = 0; i < path.size(); i++) {
            checkSignature(path.get(i), candidate.issuerOf(i));
        }
        checkCaConstraints(candidate);
        checkKeyUsage(candidate, role);
        if (!path.isEmpty()) {
            runPkix(candidate, now);
        }
    }

    private static void checkDates(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new CertificateVerificationException(Reason.EXPIRED,
                    describe(certificate) + " expired on " + certificate.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new CertificateVerificationException(Reason.NOT_YET_VALID,
                    describe(certificate) + " is not valid until " + certificate.getNotBefore().toInstant(), e);
        }
    }

    private static void checkSignature(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
        } catch (SignatureException | InvalidKeyException e) {
            throw new CertificateVerificationException(Reason.BAD_SIGNATURE, "the signature on " + describe(certificate)
                    + " does not verify with the key of its issuer '" + subject(issuer) + "'", e);
        } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new CertificateVerificationException(Reason.WEAK_SIGNATURE_ALGORITHM, describe(certificate)
                    + " is signed with " + certificate.getSigAlgName() + ", which this JVM cannot verify", e);
        } catch (CertificateException e) {
            throw new CertificateVerificationException(Reason.MALFORMED, describe(certificate) + " cannot be decoded", e);
        }
    }

    /**
     * Every issuer must be a CA (RFC 5280 §4.2.1.9), including the anchor when it issued something, unless the anchor
     * is a legacy v1 certificate (no extensions can be expected of it). pathLenConstraint counts the non-self-issued
     * intermediates below each CA.
     */
    private static void checkCaConstraints(CandidateChain candidate) {
        List<X509Certificate> path = candidate.path();
        int intermediatesBelow = 0;
        for (int i = 1; i <= path.size(); i++) {
            X509Certificate issuer = i < path.size() ? path.get(i) : candidate.anchor();
            boolean isAnchor = i == path.size();
            int pathLen = issuer.getBasicConstraints();
            if (pathLen < 0 && !(isAnchor && issuer.getVersion() < 3)) {
                throw new CertificateVerificationException(Reason.NOT_A_CA, describe(issuer) + " issued '"
                        + subject(path.get(i - 1)) + "' but is not a CA (its basicConstraints does not say CA:TRUE)");
            }
            if (pathLen >= 0 && intermediatesBelow > pathLen) {
                throw new CertificateVerificationException(Reason.NOT_A_CA, describe(issuer) + " allows "
                        + pathLen + " intermediate CA(s) below it (pathLenConstraint) but the chain has " + intermediatesBelow);
            }
            if (i < path.size() && !ChainBuilder.isSelfIssued(issuer)) {
                intermediatesBelow++;
            }
        }
    }

    private static void checkKeyUsage(CandidateChain candidate, PeerRole role) {
        X509Certificate leaf = candidate.leaf();
        boolean[] leafUsage = leaf.getKeyUsage();
        if (leafUsage != null && !bit(leafUsage, DIGITAL_SIGNATURE) && !bit(leafUsage, KEY_ENCIPHERMENT)) {
            throw new CertificateVerificationException(Reason.WRONG_KEY_USAGE, describe(leaf)
                    + " may not be used for TLS: its keyUsage allows neither digitalSignature nor keyEncipherment");
        }
        List<X509Certificate> path = candidate.path();
        for (int i = 1; i <= path.size(); i++) {
            X509Certificate issuer = i < path.size() ? path.get(i) : candidate.anchor();
            boolean[] usage = issuer.getKeyUsage();
            if (usage != null && !bit(usage, KEY_CERT_SIGN)) {
                throw new CertificateVerificationException(Reason.WRONG_KEY_USAGE,
                        describe(issuer) + " may not sign certificates: its keyUsage lacks keyCertSign");
            }
        }
        // Like Go and OpenSSL, an extendedKeyUsage on a CA also restricts what it may certify.
        String wanted = role == PeerRole.SERVER ? SERVER_AUTH : CLIENT_AUTH;
        for (X509Certificate certificate : candidate.withAnchor()) {
            List<String> purposes = extendedKeyUsage(certificate);
            if (purposes != null && !purposes.contains(wanted) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
                String purpose = role == PeerRole.SERVER ? "serverAuth" : "clientAuth";
                throw new CertificateVerificationException(Reason.WRONG_KEY_USAGE, describe(certificate)
                        + " is not valid for TLS " + (role == PeerRole.SERVER ? "servers" : "clients")
                        + ": its extendedKeyUsage lacks " + purpose);
            }
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            return certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateVerificationException(Reason.MALFORMED,
                    describe(certificate) + " has a malformed extendedKeyUsage extension", e);
        }
    }

    private static boolean bit(boolean[] bits, int index) {
        return index < bits.length && bits[index];
    }

    /** The JDK's RFC 5280 validation of the whole path; its failures are mapped to the closest reason. */
    private static void runPkix(CandidateChain candidate, Instant now) {
        CertPath certPath;
        try {
            certPath = CertificateFactory.getInstance("X.509").generateCertPath(candidate.path());
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(candidate.anchor(), null)));
            // Revocation needs network fetches (CRL/OCSP); it belongs in an asynchronous hook, not here.
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw mapPkixFailure(e);
        } catch (GeneralSecurityException e) {
            throw new CertificateVerificationException(Reason.OTHER, "PKIX validation could not run: " + e, e);
        }
    }

    private static CertificateVerificationException mapPkixFailure(CertPathValidatorException e) {
        String who = e.getCertPath() != null && e.getIndex() >= 0 && e.getIndex() < e.getCertPath().getCertificates().size()
                ? describe((X509Certificate) e.getCertPath().getCertificates().get(e.getIndex()))
                : "the certificate chain";
        CertPathValidatorException.Reason pkixReason = e.getReason();
        Reason reason;
        if (pkixReason == BasicReason.EXPIRED) {
            reason = Reason.EXPIRED;
        } else if (pkixReason == BasicReason.NOT_YET_VALID) {
            reason = Reason.NOT_YET_VALID;
        } else if (pkixReason == BasicReason.INVALID_SIGNATURE) {
            reason = Reason.BAD_SIGNATURE;
        } else if (pkixReason == BasicReason.ALGORITHM_CONSTRAINED) {
            reason = Reason.WEAK_SIGNATURE_ALGORITHM;
        } else if (pkixReason == PKIXReason.NOT_CA_CERT || pkixReason == PKIXReason.PATH_TOO_LONG) {
            reason = Reason.NOT_A_CA;
        } else if (pkixReason == PKIXReason.INVALID_KEY_USAGE) {
            reason = Reason.WRONG_KEY_USAGE;
        } else if (pkixReason == PKIXReason.NO_TRUST_ANCHOR || pkixReason == PKIXReason.NAME_CHAINING) {
            reason = Reason.UNTRUSTED_ISSUER;
        } else if (pkixReason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            reason = Reason.MALFORMED;
        } else {
            reason = Reason.OTHER;
        }
        return new CertificateVerificationException(reason, who + " failed PKIX validation: " + e.getMessage(), e);
    }

    /** {@code parsed}: the leaf's names when already known (a cached chain), else null to parse them here. */
    private static void checkHostname(X509Certificate leaf, String hostname, PresentedIdentifiers parsed) {
        PresentedIdentifiers identifiers = parsed;
        try {
            if (identifiers == null) {
                identifiers = PresentedIdentifiers.of(leaf);
            }
        } catch (IllegalArgumentException e) {
            throw new CertificateVerificationException(Reason.MALFORMED, describe(leaf) + " has " + e.getMessage(), e);
        }
        if (!HostnameMatcher.matches(identifiers, hostname)) {
            throw new CertificateVerificationException(Reason.HOSTNAME_MISMATCH, describe(leaf) + " is not valid for '"
                    + hostname + "': it names " + identifiers.describe());
        }
    }

    private static CertificateVerificationException untrusted(List<X509Certificate> deadEnd) {
        X509Certificate top = deadEnd.get(deadEnd.size() - 1);
        if (ChainBuilder.isSelfIssued(top)) {
            return new CertificateVerificationException(Reason.UNTRUSTED_ISSUER,
                    describe(top) + " is self-signed and not in the trust store");
        }
        return new CertificateVerificationException(Reason.UNTRUSTED_ISSUER, describe(top) + " was issued by '"
                + top.getIssuerX500Principal().getName() + "', which is neither trusted nor among the certificates sent");
    }

    private static String describe(X509Certificate certificate) {
        return "certificate '" + subject(certificate) + "'";
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
