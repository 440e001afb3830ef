package io.reactls.handshake.tls13;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.CertificateCompression;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the server decides and learns during a TLS 1.3 handshake. */
final class ServerData13 {
    CipherSuite suite;
    NamedGroup group;
    byte[] cookie;
    String serverName;
    /** Our chain has a signature the client's signature_algorithms_cert (or signature_algorithms) does not list. */
    boolean chainOutsideClientSchemes;
    String applicationProtocol;
    /** The client's record_size_limit (RFC 8449), or null when it sent none. */
    Integer clientRecordSizeLimit;
    /** The client's status_request asks for a stapled OCSP response. */
    boolean statusRequested;
    boolean certificateRequested;
    /** RFC 8879: the client's compress_certificate list (null: none), and what our CertificateRequest offered. */
    List<Integer> clientCompression;
    List<CertificateCompression> requestedCompression = List.of();
    List<X509Certificate> clientChain = List.of();
    boolean offersPskDheKe;
    AcceptedTicket resumedFrom;
    /** TLS 1.3 0-RTT: the ClientHello carried early_data; we accepted it, or refused it (skipping its records). */
    boolean earlyDataOffered;
    boolean earlyDataAccepted;
    boolean earlyDataRefused;
    MasterSecret master;
    HandshakeSecret handshakeSecret;
    /** Names the connection in the key log. */
    byte[] clientRandom;
    byte[] clientHandshakeSecret;
    byte[] clientApplicationSecret;
    byte[] serverApplicationSecret;
}
