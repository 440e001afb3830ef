package io.reactls.handshake.tls12;

import io.reactls.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.handshake.CertificateRequest;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.resumption.ClientTicket;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the client learns as its TLS 1.2 handshake proceeds; handed from state to state. */
final class ClientHandshakeData {
    int offeredVersion;
    byte[] clientRandom;
    byte[] serverRandom;
    CipherSuite suite;
    boolean extendedMasterSecret;
    String applicationProtocol;
    List<X509Certificate> serverChain = List.of();
    NamedGroup group;
    byte[] serverEcdhePublic;
    SignatureScheme serverSignatureScheme;
    CertificateRequest certificateRequest;
    Tls12KeySchedule keys;
    KeyShare ecdhe;
    /** The session id we sent (cached, TLS 1.3's random one, or empty), then the one the server chose. */
    byte[] sessionId = new byte[0];
    /** The cached session we offered to resume, or null. */
    ResumableSession offered;
    boolean resumed;
    /** Our ClientHello carried session_ticket (RFC 5077). */
    boolean ticketOffered;
    /** The ticket it carried (null when empty); {@link #offered} is then the session it stands for. */
    ClientTicket ticket;
    /** The server acknowledged session_ticket: a NewSessionTicket comes before its ChangeCipherSpec. */
    boolean ticketExpected;
    /** The server acknowledged status_request: a CertificateStatus may follow its Certificate (RFC 6066 §8). */
    boolean statusExpected;
    NewSessionTicket12 newTicket;
    boolean encryptThenMac;
}
