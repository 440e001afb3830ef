package io.reactls.server;

import io.reactls.KeyMaterial;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;

/**
 * Ready-made certificate resolvers: functions from the ClientHello's server_name (null when the client sent none)
 * to the key material to serve, as a {@link Mono} so a resolver may fetch from a vault or a KMS without blocking.
 * An empty Mono ends the handshake with unrecognized_name. Key material given here is warmed ({@link KeyWarmup}).
 */
public final class CertificateResolvers {

    private CertificateResolvers() {
    }

    /**
     * The same key material whatever the client asks for.
     *
     * @param keyMaterial the chain and key to serve
     * @return a resolver for {@link TlsServerOptions.Builder#certificateResolver}
     */
    public static Function<String, Mono<KeyMaterial>> fixed(KeyMaterial keyMaterial) {
        Mono<KeyMaterial> always = Mono.just(KeyWarmup.warm(Objects.requireNonNull(keyMaterial, "keyMaterial")));
        return sni -> always;
    }

    /**
     * By exact host name (case-insensitive); {@code fallback} for other names and for clients that send no SNI
     * (null: refuse them with unrecognized_name).
     *
     * @param byName key material by host name
     * @param fallback the key material for other names, or null
     * @return a resolver for {@link TlsServerOptions.Builder#certificateResolver}
     */
    public static Function<String, Mono<KeyMaterial>> byServerName(Map<String, KeyMaterial> byName, KeyMaterial fallback) {
        Map<String, KeyMaterial> lower = byName.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), e -> KeyWarmup.warm(e.getValue())));
        KeyWarmup.warm(fallback);
        return sni -> {
            KeyMaterial km = sni == null ? null : lower.get(sni.toLowerCase(Locale.ROOT));
            return Mono.justOrEmpty(km != null ? km : fallback);
        };
    }
}
