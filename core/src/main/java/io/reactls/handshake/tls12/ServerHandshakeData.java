package io.reactls.handshake.tls12;

import io.reactls.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.NamedGroup;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the server decides and learns during its TLS 1.2 handshake. */
final class ServerHandshakeData {
    int clientVersion;
    byte[] clientRandom;
    byte[] serverRandom;
    CipherSuite suite;
    NamedGroup group;
    KeyShare ecdhe;
    boolean extendedMasterSecret;
    String applicationProtocol;
    String serverName;
    boolean certificateRequested;
    List<X509Certificate> clientChain = List.of();
    Tls12KeySchedule keys;
    /** The id of this session (empty when it will not be cached). */
    byte[] sessionId = new byte[0];
    boolean resumed;
    /** The OCSP response stapled in CertificateStatus (RFC 6066 §8), or null: none is sent. */
    byte[] staple;
    /** We acknowledged the client's session_ticket extension and send a NewSessionTicket (RFC 5077). */
    boolean issueTicket;
    /** The resumed session came from a ticket (not the session-id cache). */
    boolean resumedFromTicket;
    boolean encryptThenMac;
}
