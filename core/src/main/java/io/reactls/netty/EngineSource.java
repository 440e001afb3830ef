package io.reactls.netty;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Makes the {@link TlsEngine} for one connection. A server that picks its certificate by SNI needs the
 * ClientHello's server_name first: {@link TlsHandler} peeks it from the buffered bytes (without consuming them)
 * and asks the source, which may answer later on another thread. Internal: the handler's public factories take the
 * public configs.
 */
interface EngineSource {

    /**
     * Whether the engines are clients (for metrics and errors before an engine exists).
     *
     * @return true for client engines
     */
    boolean isClient();

    /**
     * Whether {@link #engine} wants the ClientHello's server_name (servers with a certificate resolver).
     *
     * @return true when {@link #engine} should get the peeked server name
     */
    boolean needsServerName();

    /**
     * The engine for a connection; {@code serverName} is the ClientHello's SNI host (null when absent or not
     * asked for). May complete on any thread; empty means no certificate for that name.
     *
     * @param serverName the ClientHello's SNI host, or null
     * @param alloc the channel's allocator
     * @return the engine, or empty when there is no certificate for the name
     */
    Mono<TlsEngine> engine(String serverName, ByteBufAllocator alloc);

    /**
     * A client engine that sends {@code serverName} as SNI and checks the certificate against it (null: neither).
     *
     * @param config a client config
     * @param serverName the server name, or null
     * @return the source
     */
    static EngineSource client(TlsConfig config, String serverName) {
        return client(config, serverName, -1);
    }

    /**
     * As {@link #client(TlsConfig, String)}, for the server at {@code serverPort} (-1: unknown): name and port key the
     * session caches (TLS 1.2 session ids, TLS 1.2 and 1.3 tickets), so that servers on other ports of the same host
     * are not offered each other's sessions.
     *
     * @param config a client config
     * @param serverName the server name, or null
     * @param serverPort the server's port, or -1
     * @return the source
     */
    static EngineSource client(TlsConfig config, String serverName, int serverPort) {
        if (!config.isClient()) {
            throw new IllegalArgumentException("a client engine needs a client config (TlsConfig.client())");
        }
        return client(Mono.just(config), serverName, serverPort);
    }

    /**
     * As {@link #client(TlsConfig, String, int)}, with a client config that may be ready later (built off the loop).
     *
     * @param config the client config, when ready
     * @param serverName the server name, or null
     * @param serverPort the server's port, or -1
     * @return the source
     */
    static EngineSource client(Mono<TlsConfig> config, String serverName, int serverPort) {
        return new EngineRecipe(true, false,
                (ignored, alloc) -> config.map(c -> TlsEngine.client(c, serverName, serverPort, alloc)));
    }

    /**
     * A server with one fixed configuration (and so one certificate).
     *
     * @param config a server config
     * @return the source
     */
    static EngineSource server(TlsConfig config) {
        if (config.isClient()) {
            throw new IllegalArgumentException("a server engine needs a server config (TlsConfig.server(...))");
        }
        return server(Mono.just(config));
    }

    /**
     * As {@link #server(TlsConfig)}, with a server config that may be ready later (built off the loop).
     *
     * @param config the server config, when ready
     * @return the source
     */
    static EngineSource server(Mono<TlsConfig> config) {
        return new EngineRecipe(false, false, (ignored, alloc) -> config.map(c -> TlsEngine.server(c, alloc)));
    }

    /**
     * A server whose key material {@code resolver} picks per ClientHello server_name (null when the client sent
     * none); everything else comes from {@code base}. The resolver is consulted for every connection, so swapping
     * what it returns (a renewed certificate) affects new connections only. An empty answer fails the handshake
     * with unrecognized_name.
     *
     * @param base the server config apart from its key material
     * @param resolver the key material for a server name (null: no SNI)
     * @return the source
     */
    static EngineSource server(TlsConfig base, Function<String, Mono<KeyMaterial>> resolver) {
        if (base.isClient()) {
            throw new IllegalArgumentException("a server engine needs a server config (TlsConfig.server(...))");
        }
        return server(Mono.just(base), resolver);
    }

    /**
     * As {@link #server(TlsConfig, Function)}, with a base config that may be ready later (built off the loop).
     *
     * @param base the server config apart from its key material, when ready
     * @param resolver the key material for a server name (null: no SNI)
     * @return the source
     */
    static EngineSource server(Mono<TlsConfig> base, Function<String, Mono<KeyMaterial>> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return new EngineRecipe(false, true, (serverName, alloc) -> base
                .flatMap(b -> Mono.defer(() -> resolver.apply(serverName))
                        .map(km -> TlsEngine.server(withKeyMaterial(b, km), alloc)))
                .switchIfEmpty(Mono.error(() -> new TlsAlertException(AlertDescription.UNRECOGNIZED_NAME,
                        "no certificate for server name " + (serverName == null ? "(none sent)" : serverName)))));
    }

    private static TlsConfig withKeyMaterial(TlsConfig base, KeyMaterial km) {
        return base.keyMaterial() == km ? base : base.toBuilder().keyMaterial(km).build();
    }
}
