package io.reactls.handshake.tls13;

import io.reactls.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.NamedGroup;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.CertificateCompression;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the client knows during a TLS 1.3 handshake; passed from state to state. */
final class ClientData13 {
    /** The TLS 1.2 client this hello also speaks for. */
    Tls12Client tls12;
    byte[] clientRandom;
    byte[] sessionId;
    /** The cached TLS 1.2 session whose id is our legacy_session_id, or null when that id is random. */
    io.reactls.handshake.ResumableSession tls12Session;
    /** Whether our hello carries session_ticket for a TLS 1.2 server, and the TLS 1.2 ticket in it (null: empty). */
    boolean tls12TicketOffered;
    ClientTicket tls12Ticket;
    KeyShare share;
    /** The GREASE values of both our hellos, or null when GREASE is off. */
    io.reactls.handshake.Grease grease;
    byte[] cookie;
    boolean retried;
    boolean compatibilityCcsSent;
    CipherSuite suite;
    NamedGroup group;
    String applicationProtocol;
    List<X509Certificate> serverChain = List.of();
    byte[] certificateRequestContext;
    List<Integer> certificateRequestSchemes;
    /** RFC 8879: what our ClientHello offered to decompress, and the server's list from its CertificateRequest (null: none). */
    List<CertificateCompression> offeredCompression = List.of();
    List<Integer> certificateRequestCompression;
    String cacheKey;
    ClientTicket ticket;
    long obfuscatedAge;
    boolean pskOffered;
    boolean resumed;
    /**
     * 0-RTT: our first ClientHello carried early_data and the data went out under the early keys; the server accepted
     * it (EncryptedExtensions said early_data). Our writes stay under the early keys until EndOfEarlyData only while
     * acceptance is still possible ({@link #earlyDataPending}).
     */
    boolean earlyDataOffered;
    boolean earlyDataAccepted;
    boolean earlyDataPending;
    HandshakeSecret handshakeSecret;
    byte[] clientHandshakeSecret;
    byte[] serverHandshakeSecret;
    byte[] clientApplicationSecret;
    byte[] serverApplicationSecret;
}
