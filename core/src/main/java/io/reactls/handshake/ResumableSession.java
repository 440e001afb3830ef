package io.reactls.handshake;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.handshake.resumption.SessionState;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A TLS 1.2 session kept for session-ID resumption (RFC 5246 §7.3): what an abbreviated handshake needs to pick up
 * where the full one left off. Only extended-master-secret sessions are kept (RFC 7627 §5.3).
 *
 * @param id               the session id the server assigned
 * @param peerCertificates the peer's chain as verified in the full handshake
 * @param serverName       the SNI host name of the full handshake; a server resumes only for the same name (RFC 6066 §3)
 * @param created          when the full handshake finished; the cache lifetime counts from here
 */
public record ResumableSession(byte[] id, CipherSuite cipherSuite, byte[] masterSecret, NamedGroup group,
                               List<X509Certificate> peerCertificates, String serverName, Instant created) {

    public ResumableSession {
        id = id.clone();
        masterSecret = masterSecret.clone();
        peerCertificates = List.copyOf(peerCertificates);
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /**
     * The bytes a shared session store keeps for this session (the id is its key, not part of them). Secret: they
     * hold the master secret, so a store outside this process must be trusted like the server's key.
     */
    public byte[] encode() {
        return new SessionState(io.reactls.TlsVersion.TLS_1_2, cipherSuite, masterSecret, created.toEpochMilli(), 0, 0, true,
                serverName, null, PeerCertificates.encode(peerCertificates), group).encode();
    }

    /** The session {@link #encode} made, under {@code id}; null when the bytes are not one (another format). */
    public static ResumableSession decode(byte[] id, byte[] encoded) {
        SessionState s = encoded == null ? null : SessionState.decode(encoded);
        if (s == null || s.version() != io.reactls.TlsVersion.TLS_1_2) {
            return null;
        }
        return new ResumableSession(id, s.suite(), s.secret(), s.group(), PeerCertificates.parse(s.peerCertificates()),
                s.serverName(), Instant.ofEpochMilli(s.createdMillis()));
    }

    @Override
    public String toString() {
        return "ResumableSession[" + cipherSuite + ", " + id.length + "-byte id, created " + created + "]";
    }
}
