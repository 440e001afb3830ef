package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.SessionCache;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A TLS 1.3 client's side of NewSessionTicket (RFC 8446 §4.6.1): turns each ticket into the PSK it stands for and
 * keeps it in the session cache under this connection's server name, with the server chain it was authenticated by.
 */
final class TicketReceiver {

    private final SessionCache cache;
    private final String cacheKey;
    private final CipherSuite suite;
    private final byte[] resumptionMasterSecret;
    private final String serverName;
    private final String alpn;
    private final List<X509Certificate> serverChain;

    TicketReceiver(SessionCache cache, String cacheKey, CipherSuite suite, byte[] resumptionMasterSecret, String serverName,
                   String alpn, List<X509Certificate> serverChain) {
        this.cache = cache;
        this.cacheKey = cacheKey;
        this.suite = suite;
        this.resumptionMasterSecret = resumptionMasterSecret;
        this.serverName = serverName;
        this.alpn = alpn;
        this.serverChain = serverChain;
    }

    void keep(HandshakeContext ctx, NewSessionTicket t) {
        if (t.lifetime() == 0) {
            return; // the server says: do not use this one
        }
        // early_data (RFC 8446 §4.2.10) is the one extension defined here: how much 0-RTT data the ticket allows.
        Long maxEarlyData = t.extensions().parse(io.reactls.handshake.ExtensionType.EARLY_DATA, "early_data",
                Tls13Extensions::readMaxEarlyDataSize);
        Duration lifetime = Duration.ofSeconds(Math.min(t.lifetime(), TlsConfig.MAX_TICKET_LIFETIME.toSeconds()));
        byte[] psk = Tls13KeySchedule.resumptionPsk(CipherSuites.hash(suite), resumptionMasterSecret, t.nonce());
        cache.put(cacheKey, new ClientTicket(TlsVersion.TLS_1_3, suite, t.ticket(), psk, t.ageAdd(), ctx.now(), lifetime,
                serverName, alpn, serverChain, null, maxEarlyData == null ? 0 : maxEarlyData));
    }
}
