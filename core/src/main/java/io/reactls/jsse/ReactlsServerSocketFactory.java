package io.reactls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLServerSocketFactory;

/** {@link ReactlsSSLServerSocket}s: each accepted connection is a server-mode {@link ReactlsSSLSocket}. */
final class ReactlsServerSocketFactory extends SSLServerSocketFactory {

    private final EngineFactory engines;

    ReactlsServerSocketFactory(EngineFactory engines) {
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

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ReactlsSSLServerSocket(engines);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ReactlsSSLServerSocket(engines, port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return new ReactlsSSLServerSocket(engines, port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return new ReactlsSSLServerSocket(engines, port, backlog, address);
    }
}
