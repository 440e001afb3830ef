package io.reactls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocketFactory;

/** Client {@link ReactlsSSLSocket}s, connected here or layered on a socket the caller connected. */
final class ReactlsSocketFactory extends SSLSocketFactory {

    private final EngineFactory engines;

    ReactlsSocketFactory(EngineFactory engines) {
        this.engines = engines;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return engines.create(null, -1).getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engines.create(null, -1).getSupportedCipherSuites();
    }

    /** Unconnected: the engine learns the peer's host and port at {@code connect}. */
    @Override
    public Socket createSocket() {
        return new ReactlsSSLSocket(new Socket(), true, engines, null, -1, true);
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        if (!s.isConnected()) {
            throw new java.net.SocketException("the socket to layer TLS on is not connected");
        }
        return new ReactlsSSLSocket(s, autoClose, engines, host, port, true);
    }

    /** Server side of a connection whose first bytes were already read (e.g. to sniff the protocol). */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        throw new UnsupportedOperationException("re-reading consumed bytes is not supported; layer on a fresh socket");
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = new Socket(host, port);
        return new ReactlsSSLSocket(s, true, engines, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new Socket(host, port, localHost, localPort);
        return new ReactlsSSLSocket(s, true, engines, host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = new Socket(host, port);
        return new ReactlsSSLSocket(s, true, engines, host.getHostName(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        Socket s = new Socket(address, port, localAddress, localPort);
        return new ReactlsSSLSocket(s, true, engines, address.getHostName(), port, true);
    }
}
