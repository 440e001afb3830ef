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
    /** The hello we sent, as the version-neutral builder made it: it makes the retry and knows the TLS 1.2 client. */
    ClientHelloOffer offer;
    byte[] clientRandom;
    byte[] sessionId;
    KeyShare share;
    boolean retried;
    boolean compatibilityCcsSent;
    CipherSuite suite;
    NamedGroup group;
    String applicationProtocol;
    List<X509Certificate> serverChain = List.of();
    byte[] certificateRequestContext;
    List<Integer> certificateRequestSchemes;
    /** The server's signature_algorithms_cert (or signature_algorithms) and certificate_authorities (empty: none). */
    List<Integer> certificateRequestCertificateSchemes;
    List<javax.security.auth.x500.X500Principal> certificateRequestAuthorities = List.of();
    /** RFC 8879: what our ClientHello offered to decompress, and the server's list from its CertificateRequest (null: none). */
    List<CertificateCompression> offeredCompression = List.of();
    List<Integer> certificateRequestCompression;
    String cacheKey;
    ClientTicket ticket;
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
