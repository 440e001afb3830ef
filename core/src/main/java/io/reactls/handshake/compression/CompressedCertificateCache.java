package io.reactls.handshake.compression;

import io.reactls.CertificateCompression;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compressed Certificate messages by algorithm and exact uncompressed body (chain and request context): a server
 * sends the same bytes in every handshake, so each is compressed once. Only empty-context messages are kept (the
 * server's always, a client's in-handshake ones per RFC 8446 §4.3.2), so a peer cannot fill the cache with contexts
 * of its choosing; and it is bounded all the same.
 */
public final class CompressedCertificateCache {

    private static final int MAX_ENTRIES = 32;

    private record Key(CertificateCompression algorithm, ByteBuffer body) {
    }

    private final ConcurrentHashMap<Key, byte[]> entries = new ConcurrentHashMap<>();
    private final AtomicLong compressions = new AtomicLong();

    /** {@code certificateBody} compressed with {@code algorithm}, from the cache when {@code cacheable}. */
    public byte[] compress(CertificateCompression algorithm, byte[] certificateBody, boolean cacheable) {
        if (!cacheable) {
            return count(CertificateCodecs.compress(algorithm, certificateBody));
        }
        Key key = new Key(algorithm, ByteBuffer.wrap(certificateBody));
        byte[] cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] compressed = count(CertificateCodecs.compress(algorithm, certificateBody));
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // key material rarely changes; starting over beats tracking recency
        }
        entries.putIfAbsent(key, compressed);
        return compressed;
    }

    /** How many compressions were actually run (cache misses and uncacheable messages). */
    public long compressions() {
        return compressions.get();
    }

    private byte[] count(byte[] compressed) {
        compressions.incrementAndGet();
        return compressed;
    }
}
