package io.reactls.jsse;

import io.reactls.SignatureScheme;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * An {@link ExtendedSSLSession} over what reactls negotiated (or, as the handshake session, what is known so far):
 * version, IANA suite name, both chains, the server names and signature schemes, for trust and key managers and for
 * applications. Immutable except for the application's bound values and {@link #invalidate()}.
 */
final class ReactlsSession extends ExtendedSSLSession {

    /** Largest record reactls accepts: 2^14 of content plus TLS 1.2's 2048 of expansion, and the header. */
    static final int PACKET_BUFFER_SIZE = 5 + (1 << 14) + 2048;
    static final int APPLICATION_BUFFER_SIZE = 1 << 14;

    private final byte[] id;
    private final SSLSessionContext context;
    private final String peerHost;
    private final int peerPort;
    private final String protocol;
    private final String cipherSuite;
    private final List<X509Certificate> peerCertificates;
    private final List<X509Certificate> localCertificates;
    private final List<SNIServerName> requestedServerNames;
    private final List<SignatureScheme> localSchemes;
    private final long creationTime = System.currentTimeMillis();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile long lastAccessed = creationTime;
    private volatile boolean valid = true;

    ReactlsSession(byte[] id, SSLSessionContext context, String peerHost, int peerPort, String protocol, String cipherSuite,
                   List<X509Certificate> peerCertificates, List<X509Certificate> localCertificates,
                   List<SNIServerName> requestedServerNames, List<SignatureScheme> localSchemes) {
        this.id = id.clone();
        this.context = context;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.peerCertificates = List.copyOf(peerCertificates);
        this.localCertificates = List.copyOf(localCertificates);
        this.requestedServerNames = List.copyOf(requestedServerNames);
        this.localSchemes = List.copyOf(localSchemes);
    }

    @Override
    public byte[] getId() {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessed;
    }

    void accessed() {
        lastAccessed = System.currentTimeMillis();
    }

    @Override
    public void invalidate() {
        valid = false;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void putValue(String name, Object value) {
        Object old = values.put(name, value);
        if (value instanceof SSLSessionBindingListener l) {
            l.valueBound(new SSLSessionBindingEvent(this, name));
        }
        if (old instanceof SSLSessionBindingListener l && old != value) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        Object old = values.remove(name);
        if (old instanceof SSLSessionBindingListener l) {
            l.valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        if (peerCertificates.isEmpty()) {
            throw new SSLPeerUnverifiedException("the peer sent no certificate");
        }
        return peerCertificates.toArray(X509Certificate[]::new);
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return localCertificates.isEmpty() ? null : localCertificates.toArray(X509Certificate[]::new);
    }

    @Override
    @SuppressWarnings("removal")
    public javax.security.cert.X509Certificate[] getPeerCertificateChain() {
        throw new UnsupportedOperationException("javax.security.cert is deprecated; use getPeerCertificates()");
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        if (peerCertificates.isEmpty()) {
            throw new SSLPeerUnverifiedException("the peer sent no certificate");
        }
        return peerCertificates.get(0).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return localCertificates.isEmpty() ? null : localCertificates.get(0).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return PACKET_BUFFER_SIZE;
    }

    @Override
    public int getApplicationBufferSize() {
        return APPLICATION_BUFFER_SIZE;
    }

    /** JCA algorithm names, as SunJSSE reports them and as trust managers compare them with certificate signatures. */
    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return localSchemes.stream().map(ReactlsSession::jcaName).distinct().toArray(String[]::new);
    }

    /** Not tracked: reactls checks the peer's schemes itself. Empty, as SunJSSE reports before TLS 1.2. */
    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return new String[0];
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return requestedServerNames;
    }

    @Override
    public List<byte[]> getStatusResponses() {
        return List.of();
    }

    static String jcaName(SignatureScheme s) {
        if (s.pssHash() != null) {
            return "RSASSA-PSS";
        }
        return switch (s) {
            case ECDSA_SECP256R1_SHA256 -> "SHA256withECDSA";
            case ECDSA_SECP384R1_SHA384 -> "SHA384withECDSA";
            case ECDSA_SECP521R1_SHA512 -> "SHA512withECDSA";
            case ED25519 -> "Ed25519";
            case RSA_PKCS1_SHA256 -> "SHA256withRSA";
            case RSA_PKCS1_SHA384 -> "SHA384withRSA";
            case RSA_PKCS1_SHA512 -> "SHA512withRSA";
            default -> s.rfcName();
        };
    }

    @Override
    public String toString() {
        return "ReactlsSession[" + protocol + " " + cipherSuite + " peer=" + peerHost + ":" + peerPort + "]";
    }
}
