package io.reactls;

import io.reactls.handshake.TlsConfig;
import java.util.List;

/**
 * What a client's and a server's configuration share, read once for {@link TlsClientConfig} and
 * {@link TlsServerConfig}: the versions, suites and ALPN protocols a side speaks and its asynchronous hooks. Only
 * those two extend it (their builders share {@link TlsConfigBuilder} the same way).
 */
public abstract sealed class TlsEndpointConfig permits TlsClientConfig, TlsServerConfig {

    private final TlsConfig engineConfig;
    private final HandshakeHooks hooks;

    TlsEndpointConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        this.engineConfig = engineConfig;
        this.hooks = hooks;
    }

    /**
     * The versions offered (client) or accepted (server), preferred first.
     *
     * @return the enabled versions
     */
    public List<TlsVersion> versions() {
        return engineConfig.versions();
    }

    /**
     * The cipher suites offered (client) or accepted (server), preferred first.
     *
     * @return the enabled suites
     */
    public List<CipherSuite> cipherSuites() {
        return engineConfig.cipherSuites();
    }

    /**
     * The ALPN protocols offered (client) or accepted (server), preferred first.
     *
     * @return the protocols, empty for no ALPN
     */
    public List<String> alpn() {
        return engineConfig.alpn();
    }

    /**
     * The asynchronous hooks set on this configuration (signer, decrypter, certificate check, stores).
     *
     * @return the hooks, {@link HandshakeHooks#none()} when none is set
     */
    public HandshakeHooks hooks() {
        return hooks;
    }

    /** The engine-level configuration this builds; reactls's other packages reach it through {@code PublicConfigs}. */
    TlsConfig engineConfig() {
        return engineConfig;
    }
}
