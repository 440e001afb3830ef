package io.reactls;

import java.time.Duration;
import java.time.Instant;

/**
 * A ticket a server gave this client (TLS 1.3 NewSessionTicket, RFC 8446 §4.6.1; TLS 1.2, RFC 5077) together with the
 * secret that resumes with it: what a {@link SessionCache} keeps. Opaque: reactls's handshake makes them, a cache only
 * stores them and hands the same objects back; a ticket of any other implementation is never offered. It holds a
 * secret, so keep it in this process's memory.
 */
public interface SessionTicket {

    /**
     * The version of the handshake that issued it, and of the handshakes it can resume.
     *
     * @return TLS 1.3 or TLS 1.2
     */
    TlsVersion version();

    /**
     * The server name it was issued under; it is offered to that name only.
     *
     * @return the server name
     */
    String serverName();

    /**
     * When it was received.
     *
     * @return the time it arrived
     */
    Instant received();

    /**
     * How long after {@link #received()} the server accepts it.
     *
     * @return its lifetime
     */
    Duration lifetime();

    /**
     * Whether it may still be offered at {@code now}.
     *
     * @param now the current time
     * @return true from when it was received until its lifetime has passed
     */
    default boolean usableAt(Instant now) {
        return !now.isBefore(received()) && now.isBefore(received().plus(lifetime()));
    }
}
