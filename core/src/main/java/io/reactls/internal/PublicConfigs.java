package io.reactls.internal;

import io.reactls.HandshakeHooks;
import io.reactls.TlsClientConfig;
import io.reactls.TlsConfigBuilder;
import io.reactls.TlsServerConfig;
import io.reactls.handshake.TlsConfig;
import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * The engine-level configuration behind a public {@link TlsClientConfig} or {@link TlsServerConfig}, for reactls's
 * own modules: the public configs keep it package-private, so that neither users nor their javadoc see the internal
 * {@link TlsConfig}, and hand this class a way in when the first config builder is loaded (the pattern of the JDK's
 * own shared secrets). This package is exported to reactls's client and server modules only.
 */
public final class PublicConfigs {

    /** How the public configs open up; implemented in their package. */
    public interface Access {
        /**
         * The engine configuration of a client config.
         *
         * @param config a public client config
         * @return its engine configuration
         */
        TlsConfig engineConfig(TlsClientConfig config);

        /**
         * The engine configuration of a server config.
         *
         * @param config a public server config
         * @return its engine configuration
         */
        TlsConfig engineConfig(TlsServerConfig config);

        /**
         * The public face of an engine-level client configuration.
         *
         * @param engineConfig a client engine configuration
         * @param hooks its asynchronous hooks
         * @return the public config around it
         */
        TlsClientConfig clientConfig(TlsConfig engineConfig, HandshakeHooks hooks);

        /**
         * The public face of an engine-level server configuration.
         *
         * @param engineConfig a server engine configuration
         * @param hooks its asynchronous hooks
         * @return the public config around it
         */
        TlsServerConfig serverConfig(TlsConfig engineConfig, HandshakeHooks hooks);
    }

    private static volatile Access access;

    private PublicConfigs() {
    }

    /**
     * Called once, by the public configs' package.
     *
     * @param granted the way in
     */
    public static void grant(Access granted) {
        if (access != null) {
            throw new IllegalStateException("access to the public configs was already granted");
        }
        access = Objects.requireNonNull(granted);
    }

    /**
     * The engine configuration of a client config.
     *
     * @param config a public client config (built, so its package has granted access)
     * @return its engine configuration
     */
    public static TlsConfig engineConfig(TlsClientConfig config) {
        return access.engineConfig(config);
    }

    /**
     * The engine configuration of a server config.
     *
     * @param config a public server config (built, so its package has granted access)
     * @return its engine configuration
     */
    public static TlsConfig engineConfig(TlsServerConfig config) {
        return access.engineConfig(config);
    }

    /**
     * The public face of an engine-level client configuration, so that reactls's modules hand the public doors (the
     * Netty handler) one kind of config, whichever they were built from.
     *
     * @param engineConfig a client engine configuration
     * @param hooks its asynchronous hooks
     * @return the public config around it
     */
    public static TlsClientConfig clientConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        if (!engineConfig.isClient()) {
            throw new IllegalArgumentException("a TLS client needs a client config (TlsConfig.client())");
        }
        return granted().clientConfig(engineConfig, Objects.requireNonNull(hooks, "hooks"));
    }

    /**
     * The public face of an engine-level server configuration.
     *
     * @param engineConfig a server engine configuration
     * @param hooks its asynchronous hooks
     * @return the public config around it
     */
    public static TlsServerConfig serverConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        if (engineConfig.isClient()) {
            throw new IllegalArgumentException("a TLS server needs a server config (TlsConfig.server(...))");
        }
        return granted().serverConfig(engineConfig, Objects.requireNonNull(hooks, "hooks"));
    }

    /** The access, once the configs' package has granted it: no public config may have been built yet. */
    private static Access granted() {
        if (access == null) {
            try {
                MethodHandles.lookup().ensureInitialized(TlsConfigBuilder.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return access;
    }
}
