package io.reactls.cert;

import io.reactls.TrustAnchors;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Finds candidate paths from a leaf to the trust anchors through the certificates the peer sent, in any order.
 * Issuers are matched by name (and by key identifier when both sides carry one), never by signature: a path whose
 * signature is broken must still be found so the verifier can say "bad signature" rather than "unknown CA".
 * Self-issued certificates the peer sent (typically its root) are ignored: only our anchors may end a path.
 */
final class ChainBuilder {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_CANDIDATES = 16;

    private final TrustAnchors anchors;
    private final List<X509Certificate> pool = new ArrayList<>();
    private final List<CandidateChain> found = new ArrayList<>();
    private List<X509Certificate> longestDeadEnd = List.of();

    private ChainBuilder(TrustAnchors anchors, List<X509Certificate> sent) {
        this.anchors = anchors;
        X509Certificate leaf = sent.get(0);
        for (X509Certificate certificate : sent.subList(1, sent.size())) {
            if (!certificate.equals(leaf) && !isSelfIssued(certificate) && !pool.contains(certificate)) {
                pool.add(certificate);
            }
        }
    }

    /** The result: candidate paths (shortest-first per branch), and the longest path that reached no anchor. */
    record Result(List<CandidateChain> candidates, List<X509Certificate> longestDeadEnd) {
    }

    static Result build(TrustAnchors anchors, List<X509Certificate> sent) {
        ChainBuilder builder = new ChainBuilder(anchors, sent);
        X509Certificate leaf = sent.get(0);
        if (anchors.contains(leaf)) {
            // Trusted as it is, like openssl with -CAfile naming the self-signed certificate itself.
            builder.found.add(new CandidateChain(List.of(), leaf));
        }
        builder.extend(new ArrayList<>(List.of(leaf)));
        return new Result(List.copyOf(builder.found), builder.longestDeadEnd);
    }

    private void extend(List<X509Certificate> path) {
        if (found.size() >= MAX_CANDIDATES) {
            return;
        }
        X509Certificate top = path.get(path.size() - 1);
        boolean extended = false;
        for (X509Certificate anchor : anchors.possibleIssuersOf(top)) {
            if (!anchor.equals(top) && mayHaveIssued(anchor, top)) {
                found.add(new CandidateChain(path, anchor));
                extended = true;
            }
        }
        if (path.size() < MAX_DEPTH) {
            for (X509Certificate next : pool) {
                if (!path.contains(next) && next.getSubjectX500Principal().equals(top.getIssuerX500Principal())
                        && mayHaveIssued(next, top)) {
                    path.add(next);
                    extend(path);
                    path.remove(path.size() - 1);
                    extended = true;
                }
            }
        }
        if (!extended && path.size() > longestDeadEnd.size()) {
            longestDeadEnd = List.copyOf(path);
        }
    }

    static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** False only when both key identifiers are present and differ: then the names match by coincidence or re-keying. */
    private static boolean mayHaveIssued(X509Certificate issuer, X509Certificate subject) {
        byte[] authorityKeyId = authorityKeyId(subject);
        byte[] subjectKeyId = subjectKeyId(issuer);
        return authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId);
    }

    private static byte[] authorityKeyId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        try {
            // An empty extension value parses to null, and getInstance(null) is null (found by fuzzing).
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            return aki == null ? null : aki.getKeyIdentifierOctets();
        } catch (IOException | RuntimeException e) {
            // An unreadable identifier cannot rule an issuer out; PKIX validation rejects the malformed extension later.
            // Bouncy Castle's ASN.1 layer reports malformed input as IllegalArgument-, IllegalState- (e.g. "unexpected
            // implicit primitive encoding", found by fuzzing) or ClassCastException, so every unchecked one counts.
            return null;
        }
    }

    private static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return null;
        }
        try {
            ASN1OctetString ski = ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            return ski == null ? null : ski.getOctets();
        } catch (IOException | RuntimeException e) {
            // As above: treat as absent, and let validation judge the certificate.
            return null;
        }
    }
}
