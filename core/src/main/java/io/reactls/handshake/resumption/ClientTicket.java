package io.reactls.handshake.resumption;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SessionTicket;
import io.reactls.TlsVersion;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ticket a client received and may offer once (RFC 8446 §4.6.1, §C.4: a ticket is not reused), with what it needs
 * to resume: the PSK (TLS 1.3) or master secret (TLS 1.2, RFC 5077), the suite, and the server's chain from the
 * original handshake.
 *
 * @param ageAdd     the server's ticket_age_add, to obfuscate the age we report (0 in TLS 1.2)
 * @param serverName the SNI it was issued under; resumption is offered only to the same name
 * @param group      TLS 1.2: the ECDHE group of the original handshake, reported again when it resumes (else null)
 * @param maxEarlyData TLS 1.3: the max_early_data_size the server announced with it, 0 when it takes no 0-RTT data
 */
public record ClientTicket(TlsVersion version, CipherSuite suite, byte[] ticket, byte[] secret, long ageAdd,
                           Instant received, Duration lifetime, String serverName, String alpn,
                           List<X509Certificate> serverCertificates, NamedGroup group, long maxEarlyData)
        implements SessionTicket {

    /** A ticket without 0-RTT. */
    public ClientTicket(TlsVersion version, CipherSuite suite, byte[] ticket, byte[] secret, long ageAdd,
                        Instant received, Duration lifetime, String serverName, String alpn,
                        List<X509Certificate> serverCertificates, NamedGroup group) {
        this(version, suite, ticket, secret, ageAdd, received, lifetime, serverName, alpn, serverCertificates, group, 0);
    }

    /** A TLS 1.3 ticket: no group, every resumption makes its own key exchange. */
    public ClientTicket(TlsVersion version, CipherSuite suite, byte[] ticket, byte[] secret, long ageAdd,
                        Instant received, Duration lifetime, String serverName, String alpn,
                        List<X509Certificate> serverCertificates) {
        this(version, suite, ticket, secret, ageAdd, received, lifetime, serverName, alpn, serverCertificates, null);
    }

    /**
     * What a {@link io.reactls.SessionCache} handed back, if reactls made it (a cache stores the tickets it is given).
     *
     * @param ticket from a cache, or null
     * @return the ticket, or null when there is none or it is not one of ours
     */
    public static ClientTicket from(SessionTicket ticket) {
        return ticket instanceof ClientTicket t ? t : null;
    }

    /** {@code obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32} (RFC 8446 §4.2.11.1). */
    public long obfuscatedAge(Instant now) {
        long ageMillis = Math.max(0, Duration.between(received, now).toMillis());
        return (ageMillis + ageAdd) & 0xFFFFFFFFL;
    }
}
