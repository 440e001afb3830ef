package io.reactls.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chains that {@link PkixCertificateVerifier} has already validated, so a server or client seeing the same chain again
 * (every handshake with the same peer, every client of one server) skips path building, the signature checks and the
 * JDK's PKIX run. A hit needs the exact same certificate bytes in the same order, the same trust anchors, the same
 * security policy and the same peer role; the host name is never cached (it is checked on every handshake).
 *
 * <p>Bounded (least recently used entries go first) and time-limited: an entry is used only while {@code now} lies
 * inside every validated certificate's validity period (the latest notBefore to the earliest notAfter, anchor
 * included) and no later than {@code ttl} after it was stored, and never for a {@code now} before it was stored (an
 * injected clock moving back in time re-validates). Failures are never cached.
 */
public final class VerifiedChainCache {

    private static final VerifiedChainCache SHARED = new VerifiedChainCache(1024, Duration.ofMinutes(10));

    private final int maxEntries;
    private final Duration ttl;
    private final Map<Key, Entry> entries;

    /**
     * A cache of at most {@code maxEntries} chains, each trusted for at most {@code ttl}.
     *
     * @param maxEntries the bound; the least recently used chain is dropped beyond it
     * @param ttl how long a validation result may be reused (also capped by the certificates' notAfter)
     */
    public VerifiedChainCache(int maxEntries, Duration ttl) {
        if (maxEntries < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("need at least one entry and a positive ttl, got " + maxEntries + ", " + ttl);
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > VerifiedChainCache.this.maxEntries;
            }
        };
    }

    /** The process-wide cache every {@link PkixCertificateVerifier} uses unless given another: 1024 chains, 10 minutes. */
    public static VerifiedChainCache shared() {
        return SHARED;
    }

    /** The lookup key of a chain: a SHA-256 over the anchors' identity, the role and every certificate's bytes. */
    record Key(String digest, SecurityPolicy policy) {
    }

    /** {@code leafIdentifiers}: the leaf's names, parsed once (null when undecodable: parsed again, and reported). */
    private record Entry(Instant storedAt, Instant validFrom, Instant validUntil, PresentedIdentifiers leafIdentifiers) {
    }

    /** The key of {@code chain} as sent, under anchors identified by {@code anchorsDigest}. */
    static Key key(byte[] anchorsDigest, SecurityPolicy policy, String role, List<X509Certificate> chain) {
        MessageDigest sha256 = sha256();
        sha256.update(anchorsDigest);
        sha256.update(role.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (X509Certificate certificate : chain) {
            byte[] der = encoded(certificate);
            // Length-prefixed, so two chains can never hash the same concatenation.
            sha256.update(new byte[] {(byte) (der.length >>> 24), (byte) (der.length >>> 16), (byte) (der.length >>> 8),
                    (byte) der.length});
            sha256.update(der);
        }
        return new Key(java.util.HexFormat.of().formatHex(sha256.digest()), Objects.requireNonNull(policy));
    }

    /** Whether {@code key} was validated and that result still holds at {@code now}. */
    synchronized boolean isVerified(Key key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return false;
        }
        if (now.isBefore(e.storedAt) || now.isBefore(e.validFrom) || now.isAfter(e.validUntil)
                || now.isAfter(e.storedAt.plus(ttl))) {
            entries.remove(key);
            return false;
        }
        return true;
    }

    /** Records that {@code key} validated at {@code now} along {@code validated} (path and anchor). */
    synchronized void put(Key key, Instant now, List<X509Certificate> validated) {
        Instant from = now;
        Instant until = now.plus(ttl);
        for (X509Certificate c : validated) {
            Instant notBefore = c.getNotBefore().toInstant();
            Instant notAfter = c.getNotAfter().toInstant();
            from = notBefore.isAfter(from) ? notBefore : from;
            until = notAfter.isBefore(until) ? notAfter : until;
        }
        PresentedIdentifiers leaf;
        try {
            leaf = PresentedIdentifiers.of(validated.get(0));
        } catch (IllegalArgumentException undecodable) {
            leaf = null;
        }
        entries.put(key, new Entry(now, from, until, leaf));
    }

    /**
     * The names the leaf of a cached chain presents, parsed when it was stored (the host name is checked on every
     * handshake; parsing the subjectAltName each time was ~5 % of a cached-chain handshake), or null.
     */
    synchronized PresentedIdentifiers leafIdentifiers(Key key) {
        Entry e = entries.get(key);
        return e == null ? null : e.leafIdentifiers;
    }

    /** How many chains are held. */
    public synchronized int size() {
        return entries.size();
    }

    /** Forgets every chain (e.g. after the trust store or policy of a running service changed). */
    public synchronized void clear() {
        entries.clear();
    }

    static byte[] anchorsDigest(List<X509Certificate> anchors) {
        MessageDigest sha256 = sha256();
        for (X509Certificate anchor : anchors) {
            sha256.update(encoded(anchor));
        }
        return sha256.digest();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }
}
