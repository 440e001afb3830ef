package io.reactls.handshake.resumption;

import io.reactls.crypto.CipherSuite;
import io.reactls.handshake.TlsVersion;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ticket a client received and may offer once (RFC 8446 §4.6.1, §C.4: a ticket is not reused), with what it needs
 * to resume: the PSK, the suite whose hash the PSK belongs to, and the server's chain from the original handshake.
 *
 * @param ageAdd     the server's ticket_age_add, to obfuscate the age we report
 * @param serverName the SNI it was issued under; resumption is offered only to the same name
 */
public record ClientTicket(TlsVersion version, CipherSuite suite, byte[] ticket, byte[] secret, long ageAdd,
                           Instant received, Duration lifetime, String serverName, String alpn,
                           List<X509Certificate> serverCertificates) {

    public boolean usableAt(Instant now) {
        return !now.isBefore(received) && now.isBefore(received.plus(lifetime));
    }

    /** {@code obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32} (RFC 8446 §4.2.11.1). */
    public long obfuscatedAge(Instant now) {
        long ageMillis = Math.max(0, Duration.between(received, now).toMillis());
        return (ageMillis + ageAdd) & 0xFFFFFFFFL;
    }
}
