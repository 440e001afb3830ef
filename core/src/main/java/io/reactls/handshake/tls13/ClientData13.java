package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuite;
import io.reactls.crypto.KeyShare;
import io.reactls.crypto.NamedGroup;
import java.security.cert.X509Certificate;
import java.util.List;

/** What the client knows during a TLS 1.3 handshake; passed from state to state. */
final class ClientData13 {
    byte[] clientRandom;
    byte[] sessionId;
    KeyShare share;
    byte[] cookie;
    boolean retried;
    boolean compatibilityCcsSent;
    CipherSuite suite;
    NamedGroup group;
    String applicationProtocol;
    List<X509Certificate> serverChain = List.of();
    byte[] certificateRequestContext;
    List<Integer> certificateRequestSchemes;
    HandshakeSecret handshakeSecret;
    byte[] clientHandshakeSecret;
    byte[] serverHandshakeSecret;
    byte[] clientApplicationSecret;
    byte[] serverApplicationSecret;
}
