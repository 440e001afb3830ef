package io.reactls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A listening socket whose accepted connections are server-mode {@link ReactlsSSLSocket}s, configured with what was set
 * here (protocols, suites, client authentication, parameters). A template engine holds those settings.
 */
final class ReactlsSSLServerSocket extends SSLServerSocket {

    private final EngineFactory engines;
    private final ReactlsSSLEngine template;
    private boolean sessionCreation = true;

    ReactlsSSLServerSocket(EngineFactory engines) throws IOException {
        super();
        this.engines = engines;
        this.template = engines.create(null, -1);
        template.setUseClientMode(false);
    }

    ReactlsSSLServerSocket(EngineFactory engines, int port, int backlog, InetAddress address) throws IOException {
        super(port, backlog, address);
        this.engines = engines;
        this.template = engines.create(null, -1);
        template.setUseClientMode(false);
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = new Socket();
        implAccept(plain);
        ReactlsSSLSocket tls = new ReactlsSSLSocket(plain, true, engines, plain.getInetAddress().getHostAddress(),
                plain.getPort(), template.getUseClientMode());
        tls.setSSLParameters(template.getSSLParameters());
        tls.setEnableSessionCreation(sessionCreation);
        return tls;
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return template.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        template.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return template.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return template.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return template.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        template.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        template.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return template.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        template.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return template.getWantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        template.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return template.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        sessionCreation = flag;
    }

    @Override
    public boolean getEnableSessionCreation() {
        return sessionCreation;
    }

    @Override
    public SSLParameters getSSLParameters() {
        return template.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        template.setSSLParameters(params);
    }

    @Override
    public String toString() {
        return "ReactlsSSLServerSocket[" + getLocalSocketAddress() + "]";
    }
}
