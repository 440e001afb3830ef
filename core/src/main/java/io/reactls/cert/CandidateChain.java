package io.reactls.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A possible path from a leaf to a trust anchor, found by names alone and not yet validated.
 *
 * @param path   leaf first, each certificate's issuer next, the anchor excluded; empty when the leaf itself is an anchor
 * @param anchor the trusted certificate that issued the last certificate of {@code path} (or is the leaf)
 */
record CandidateChain(List<X509Certificate> path, X509Certificate anchor) {

    CandidateChain {
        path = List.copyOf(path);
    }

    X509Certificate leaf() {
        return path.isEmpty() ? anchor : path.get(0);
    }

    /** The path and then the anchor: every certificate whose dates and key matter. */
    List<X509Certificate> withAnchor() {
        List<X509Certificate> all = new ArrayList<>(path);
        all.add(anchor);
        return all;
    }

    /** The certificate that signed {@code path.get(index)}. */
    X509Certificate issuerOf(int index) {
        return index + 1 < path.size() ? path.get(index + 1) : anchor;
    }
}
