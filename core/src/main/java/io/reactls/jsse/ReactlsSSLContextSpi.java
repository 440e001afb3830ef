package io.reactls.jsse;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The {@code SSLContext} implementation behind {@link ReactlsProvider}: {@code init} takes the usual key and trust
 * managers; engines and sockets share what it built. "TLSv1.2" and "TLSv1.3" contexts enable only that version.
 */
final class ReactlsSSLContextSpi extends SSLContextSpi {

    private final String[] protocols;
    private volatile EngineSettings settings;

    ReactlsSSLContextSpi(String... protocols) {
        this.protocols = protocols;
    }

    /** A context already initialised with {@code settings} (the factory methods of {@link ReactlsProvider}). */
    ReactlsSSLContextSpi(EngineSettings settings, String... protocols) {
        this(protocols);
        this.settings = settings;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        settings = EngineSettings.of(km, tm, random);
    }

    private EngineSettings settings() {
        EngineSettings s = settings;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized (call init first)");
        }
        return s;
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return engineCreateSSLEngine(null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        ReactlsSSLEngine engine = new ReactlsSSLEngine(settings(), host, port);
        engine.setEnabledProtocols(protocols);
        return engine;
    }

    private ReactlsSSLEngine newEngine(String host, int port) {
        return (ReactlsSSLEngine) engineCreateSSLEngine(host, port);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new ReactlsSocketFactory(this::newEngine);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new ReactlsServerSocketFactory(this::newEngine);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return settings().serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return settings().clientSessions;
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return engineGetSupportedSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        SSLEngine e = new ReactlsSSLEngine(settings(), null, -1);
        e.setEnabledProtocols(protocols);
        return e.getSSLParameters();
    }
}
