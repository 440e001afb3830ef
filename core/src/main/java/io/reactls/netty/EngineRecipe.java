package io.reactls.netty;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.engine.TlsEngine;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * The {@link EngineSource}s reactls makes: which side, whether the ClientHello's server name is wanted, and how the
 * engine is made from it.
 */
record EngineRecipe(boolean isClient, boolean needsServerName, BiFunction<String, ByteBufAllocator, Mono<TlsEngine>> maker)
        implements EngineSource {

    @Override
    public Mono<TlsEngine> engine(String serverName, ByteBufAllocator alloc) {
        return maker.apply(serverName, alloc);
    }
}
