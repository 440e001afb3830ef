package io.reactls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed handshake negotiated.
 *
 * @param version             the negotiated version
 * @param cipherSuite         the negotiated suite
 * @param group               the ECDHE group, or null for the RSA key exchange
 * @param peerCertificates    the peer's chain, leaf first; empty when the peer sent none
 * @param applicationProtocol the ALPN protocol, or null
 * @param serverName          the SNI host name, or null
 * @param extendedMasterSecret TLS 1.2: the master secret is bound to the handshake transcript (RFC 7627). Without it
 *                            the session is accepted (unless {@code requireExtendedMasterSecret}) but never
 *                            resumed and exports no keying material. Always false for TLS 1.3, whose key schedule
 *                            binds the transcript by design.
 * @param resumed             the handshake resumed an earlier session (a TLS 1.3 or 1.2 ticket, or a TLS 1.2 session id)
 * @param earlyData           what became of TLS 1.3 0-RTT data on this connection
 * @param earlyDataBytes      with {@link EarlyData#ACCEPTED}: on a server, how many bytes at the start of the inbound
 *                            plaintext arrived as 0-RTT data; on a client, how many it sent so. Such bytes may be a
 *                            replay (RFC 8446 §8, §E.5): act on them only where doing it twice is harmless
 */
public record TlsSession(TlsVersion version, CipherSuite cipherSuite, NamedGroup group,
                         List<X509Certificate> peerCertificates, String applicationProtocol, String serverName,
                         boolean extendedMasterSecret, boolean resumed, EarlyData earlyData, long earlyDataBytes) {

    /** TLS 1.3 0-RTT on a connection. */
    public enum EarlyData {
        /** None was offered (the client had none to send, or no ticket that allows it). */
        NONE,
        /**
         * Sent and read before the handshake completed. Replayable: an attacker may have sent the same bytes to this
         * or another server before.
         */
        ACCEPTED,
        /** Offered and refused by the server; a client sends it again as ordinary (1-RTT) data after the handshake. */
        REFUSED
    }

    /**
     * A session without 0-RTT data.
     *
     * @param version              the negotiated version
     * @param cipherSuite          the negotiated suite
     * @param group                the key-exchange group, or null (TLS 1.2 RSA key exchange, PSK-only resumption)
     * @param peerCertificates     the peer's chain, leaf first; empty when the peer sent none
     * @param applicationProtocol  the ALPN protocol, or null
     * @param serverName           the SNI host name, or null
     * @param extendedMasterSecret whether TLS 1.2 used the extended master secret (always true for TLS 1.3)
     * @param resumed              whether the session was resumed
     */
    public TlsSession(TlsVersion version, CipherSuite cipherSuite, NamedGroup group, List<X509Certificate> peerCertificates,
                      String applicationProtocol, String serverName, boolean extendedMasterSecret, boolean resumed) {
        this(version, cipherSuite, group, peerCertificates, applicationProtocol, serverName, extendedMasterSecret, resumed,
                EarlyData.NONE, 0);
    }

    /**
     * A full (not resumed) handshake.
     *
     * @param version              the negotiated version
     * @param cipherSuite          the negotiated suite
     * @param group                the ECDHE group, or null for the RSA key exchange
     * @param peerCertificates     the peer's chain, leaf first; empty when the peer sent none
     * @param applicationProtocol  the ALPN protocol, or null
     * @param serverName           the SNI host name, or null
     * @param extendedMasterSecret TLS 1.2: whether the extended master secret was negotiated
     */
    public TlsSession(TlsVersion version, CipherSuite cipherSuite, NamedGroup group, List<X509Certificate> peerCertificates,
                      String applicationProtocol, String serverName, boolean extendedMasterSecret) {
        this(version, cipherSuite, group, peerCertificates, applicationProtocol, serverName, extendedMasterSecret, false);
    }

    /**
     * The version's JSSE name.
     *
     * @return {@code TLSv1.3} or {@code TLSv1.2}
     */
    public String protocol() {
        return version.displayName();
    }

    @Override
    public String toString() {
        return protocol() + " " + cipherSuite + (group == null ? "" : " " + group.rfcName())
                + (applicationProtocol == null ? "" : " alpn=" + applicationProtocol)
                + (serverName == null ? "" : " sni=" + serverName)
                + (extendedMasterSecret ? " ems" : "")
                + (resumed ? " resumed" : "")
                + (earlyData == EarlyData.NONE ? "" : " 0-rtt=" + earlyData.name().toLowerCase(java.util.Locale.ROOT)
                        + (earlyData == EarlyData.ACCEPTED ? "(" + earlyDataBytes + " bytes)" : ""));
    }
}
