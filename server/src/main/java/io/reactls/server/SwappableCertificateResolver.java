package io.reactls.server;

import io.reactls.KeyMaterial;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A certificate resolver whose answer can be replaced while the server runs — hot reload of a renewed
 * certificate without a restart. Each new connection asks the resolver in place at its ClientHello; connections
 * already established keep the certificate they were given.
 */
public final class SwappableCertificateResolver implements Function<String, Mono<KeyMaterial>> {

    private final AtomicReference<Function<String, Mono<KeyMaterial>>> current;

    private SwappableCertificateResolver(Function<String, Mono<KeyMaterial>> initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "resolver"));
    }

    /**
     * A resolver serving {@code initial} until the first swap.
     *
     * @param initial the first resolver
     * @return the swappable resolver
     */
    public static SwappableCertificateResolver of(Function<String, Mono<KeyMaterial>> initial) {
        return new SwappableCertificateResolver(initial);
    }

    /**
     * A resolver serving {@code initial}, whatever the SNI, until the first swap.
     *
     * @param initial the first key material
     * @return the swappable resolver
     */
    public static SwappableCertificateResolver of(KeyMaterial initial) {
        return new SwappableCertificateResolver(CertificateResolvers.fixed(initial));
    }

    /**
     * New connections from now on are served by {@code next}.
     *
     * @param next the resolver for new connections
     */
    public void swap(Function<String, Mono<KeyMaterial>> next) {
        current.set(Objects.requireNonNull(next, "resolver"));
    }

    /**
     * New connections from now on are served {@code next} whatever their SNI.
     *
     * @param next the key material for new connections
     */
    public void swap(KeyMaterial next) {
        swap(CertificateResolvers.fixed(next));
    }

    @Override
    public Mono<KeyMaterial> apply(String serverName) {
        return current.get().apply(serverName);
    }
}
