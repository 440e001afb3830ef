package io.reactls.internal;

import io.reactls.HandshakeHooks;
import io.reactls.KeyMaterial;
import io.reactls.TlsClientConfig;
import io.reactls.TlsConfigBuilder;
import io.reactls.TlsEndpointConfig;
import io.reactls.TlsServerConfig;
import io.reactls.handshake.TlsConfig;
import java.util.Objects;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The engine-level configuration behind a public {@link TlsClientConfig} or {@link TlsServerConfig}, for reactls's
 * own modules. The public configs are plain values in the vocabulary package, which knows nothing of the engine; this
 * class builds the engine's {@link TlsConfig} from one, the first time it is asked, and keeps it for as long as that
 * config instance is reachable. The engine config carries the state every connection of one config shares (random
 * source, TLS 1.2 session-id cache, compressed-certificate cache, a server's ticket keys and 0-RTT record), so each
 * config instance gets exactly one, whichever thread asks first. Building it does the blocking set-up (seeding a
 * DRBG, loading native libraries, opening a key log file): the options ask while they are built, on the caller's
 * thread; the Netty handler, often made on an event loop, asks through {@link #engineConfigOffLoop}.
 * This package is exported to reactls's client and server modules only.
 */
public final class PublicConfigs {

    private static final WeakIdentityCache<TlsEndpointConfig, TlsConfig> ENGINE_CONFIGS = new WeakIdentityCache<>();

    private PublicConfigs() {
    }

    /**
     * The engine configuration of a client config: built on the first call for this instance, the same one after.
     *
     * @param config a public client config
     * @return its engine configuration
     */
    public static TlsConfig engineConfig(TlsClientConfig config) {
        return ENGINE_CONFIGS.get(config, c -> build((TlsClientConfig) c));
    }

    /**
     * The engine configuration of a server config: built on the first call for this instance, the same one after.
     *
     * @param config a public server config
     * @return its engine configuration
     */
    public static TlsConfig engineConfig(TlsServerConfig config) {
        return ENGINE_CONFIGS.get(config, c -> build((TlsServerConfig) c));
    }

    /**
     * As {@link #engineConfig(TlsClientConfig)}, for a caller on an event loop: the config built before at once, else
     * built on Reactor's bounded-elastic scheduler, so that the blocking set-up never runs on the loop.
     *
     * @param config a public client config
     * @return its engine configuration, when ready
     */
    public static Mono<TlsConfig> engineConfigOffLoop(TlsClientConfig config) {
        return offLoop(config, () -> engineConfig(config));
    }

    /**
     * As {@link #engineConfig(TlsServerConfig)}, for a caller on an event loop: the config built before at once, else
     * built on Reactor's bounded-elastic scheduler, so that the blocking set-up never runs on the loop.
     *
     * @param config a public server config
     * @return its engine configuration, when ready
     */
    public static Mono<TlsConfig> engineConfigOffLoop(TlsServerConfig config) {
        return offLoop(config, () -> engineConfig(config));
    }

    private static Mono<TlsConfig> offLoop(TlsEndpointConfig config, Supplier<TlsConfig> build) {
        return Mono.defer(() -> {
            TlsConfig built = ENGINE_CONFIGS.getIfPresent(config);
            return built != null ? Mono.just(built)
                    : Mono.fromSupplier(build).subscribeOn(Schedulers.boundedElastic());
        });
    }

    /**
     * A public client config standing for an engine-level one made inside reactls (the client options derive one
     * without hostname checks; tests set a clock), so the doors take one kind of config whichever it came from. Its
     * engine configuration is {@code engineConfig} itself; its values are the engine config's versions, suites,
     * groups, schemes, ALPN and key material, with {@code hooks}.
     *
     * @param engineConfig a client engine configuration
     * @param hooks its asynchronous hooks
     * @return the public config standing for it
     */
    public static TlsClientConfig clientConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        if (!engineConfig.isClient()) {
            throw new IllegalArgumentException("a TLS client needs a client config (TlsConfig.client())");
        }
        TlsClientConfig.Builder b = withValuesOf(TlsClientConfig.builder(), engineConfig, hooks);
        if (!engineConfig.keyMaterials().isEmpty()) {
            b.keyMaterials(engineConfig.keyMaterials().toArray(KeyMaterial[]::new));
        }
        return bound(b.build(), engineConfig);
    }

    /**
     * A public server config standing for an engine-level one made inside reactls (tests), as
     * {@link #clientConfig(TlsConfig, HandshakeHooks)} does for clients.
     *
     * @param engineConfig a server engine configuration
     * @param hooks its asynchronous hooks
     * @return the public config standing for it
     */
    public static TlsServerConfig serverConfig(TlsConfig engineConfig, HandshakeHooks hooks) {
        if (engineConfig.isClient()) {
            throw new IllegalArgumentException("a TLS server needs a server config (TlsConfig.server(...))");
        }
        TlsServerConfig.Builder b = withValuesOf(TlsServerConfig.builder(engineConfig.keyMaterial()), engineConfig, hooks);
        if (engineConfig.clientAuth() != io.reactls.ClientAuthMode.NONE) {
            b.clientAuth(engineConfig.clientAuth(), engineConfig.verifier());
        }
        return bound(b.build(), engineConfig);
    }

    /** The number of engine configs held, those of configs collected but not yet dropped included (tests). */
    static int cached() {
        return ENGINE_CONFIGS.size();
    }

    /** A public builder set to the engine config's values that both sides have. */
    private static <B extends TlsConfigBuilder<B>> B withValuesOf(B b, TlsConfig engineConfig, HandshakeHooks hooks) {
        return b.versions(engineConfig.versions().toArray(io.reactls.TlsVersion[]::new))
                .cipherSuites(engineConfig.cipherSuites().toArray(io.reactls.CipherSuite[]::new))
                .groups(engineConfig.groups().toArray(io.reactls.NamedGroup[]::new))
                .signatureSchemes(engineConfig.signatureSchemes().toArray(io.reactls.SignatureScheme[]::new))
                .alpn(engineConfig.alpn().toArray(String[]::new))
                .hooks(Objects.requireNonNull(hooks, "hooks"));
    }

    private static <C extends TlsEndpointConfig> C bound(C config, TlsConfig engineConfig) {
        ENGINE_CONFIGS.putIfAbsent(config, engineConfig);
        return config;
    }

    private static TlsConfig build(TlsClientConfig c) {
        TlsConfig.Builder b = shared(TlsConfig.client(), c)
                .revocationPolicy(c.revocation())
                .revocationTimeout(c.revocationTimeout())
                .padding(c.padding())
                .middleboxCompatibility(c.middleboxCompatibility());
        if (!c.keyMaterials().isEmpty()) {
            b.keyMaterials(c.keyMaterials());
        }
        c.sessionCache().ifPresent(b::sessionCache);
        return b.build();
    }

    private static TlsConfig build(TlsServerConfig c) {
        TlsConfig.Builder b = shared(TlsConfig.server(c.keyMaterial()), c)
                .clientAuth(c.clientAuth())
                .sendCertificateAuthorities(c.sendCertificateAuthorities())
                .sessionTickets(c.sessionTickets())
                .ticketLifetime(c.ticketLifetime())
                .maxEarlyData(c.maxEarlyData())
                .earlyDataWindow(c.earlyDataWindow())
                .retryForPreferredGroup(c.retryForPreferredGroup());
        c.ocspStapling().ifPresent(b::ocspStaples);
        c.ticketKeys().ifPresent(b::ticketKeys);
        return b.build();
    }

    /** The options both sides have, as the public config holds them. */
    private static TlsConfig.Builder shared(TlsConfig.Builder b, TlsEndpointConfig c) {
        b.versions(c.versions())
                .cipherSuites(c.cipherSuites())
                .groups(c.groups())
                .signatureSchemes(c.signatureSchemes())
                .alpn(c.alpn())
                .requireExtendedMasterSecret(c.requireExtendedMasterSecret())
                .certificateCompression(c.certificateCompression())
                .recordSizeLimit(c.recordSizeLimit())
                .maxCertificateSize(c.maxCertificateSize())
                .grease(c.grease())
                .nativeCrypto(c.nativeCrypto());
        if (!c.certificateSignatureSchemes().isEmpty()) {
            b.certificateSignatureSchemes(c.certificateSignatureSchemes());
        }
        c.trustAnchors().ifPresent(b::trustAnchors);
        c.verifier().ifPresent(b::verifier);
        if (c.sessionIdCacheSize() > 0) {
            b.sessionIdCache(c.sessionIdCacheSize(), c.sessionIdLifetime());
        }
        c.keyLogFile().ifPresent(b::keyLogFile);
        return b;
    }
}
