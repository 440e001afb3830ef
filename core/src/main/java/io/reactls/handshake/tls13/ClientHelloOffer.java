package io.reactls.handshake.tls13;

import io.reactls.CertificateCompression;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.crypto.KeyShare;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeState;
import io.reactls.handshake.resumption.ClientTicket;
import java.util.List;

/**
 * The ClientHello a TLS 1.3 client sent, as the version-neutral client builder made it: what it offered, the second
 * hello after a HelloRetryRequest, and the TLS 1.2 client to continue with when the server answers with TLS 1.2. The
 * builder lives above both versions, so this package needs neither it nor the TLS 1.2 one.
 */
public interface ClientHelloOffer {

    byte[] clientRandom();

    /** The legacy_session_id we sent (a cached TLS 1.2 session's, a random one, or empty). */
    byte[] sessionId();

    /** The key share of the latest hello. */
    KeyShare share();

    /** The TLS 1.3 ticket the hello offers as a PSK when its hash fits (null: none), and whether it did. */
    ClientTicket ticket();

    /** Whether the first hello carries early_data: the application gave 0-RTT data and the ticket allows that much. */
    boolean earlyDataOffered();

    boolean pskOffered();

    /** The session cache key new TLS 1.3 tickets are kept under, or null when they are not kept. */
    String ticketCacheKey();

    /** RFC 8879: the algorithms our hello offered to decompress. */
    List<CertificateCompression> compression();

    /**
     * The second ClientHello (RFC 8446 §4.1.2): the same hello with a share for {@code group}, the server's cookie
     * (null: none), and the PSK only if its hash fits {@code suite}; {@link #share()} and {@link #pskOffered()} then
     * describe it.
     */
    ClientHello retry(HandshakeContext ctx, NamedGroup group, byte[] cookie, CipherSuite suite);

    /** The TLS 1.2 client's state for a TLS 1.2 ServerHello (the downgrade sentinel already checked). */
    HandshakeState tls12();
}
