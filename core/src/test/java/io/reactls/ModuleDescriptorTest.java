package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor exports the API packages (the vocabulary and the connection's Reactor face) and the
 * three doors; internals go to reactls's own modules alone.
 */
class ModuleDescriptorTest {

    static ModuleDescriptor descriptor() {
        return ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
    }

    @Test
    void exportsOnlyTheApiAndTheDoors() {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("io.reactls.core");
        assertThat(module.exports().stream().filter(e -> !e.isQualified()).map(Exports::source))
                .containsExactlyInAnyOrder("io.reactls", "io.reactls.connection", "io.reactls.jsse", "io.reactls.netty",
                        "io.reactls.netty.context");
        for (Exports e : module.exports()) {
            if (e.isQualified()) {
                assertThat(Set.of("io.reactls.client", "io.reactls.server")).as(e.source()).containsAll(e.targets());
            }
        }
        Set<String> internal = module.packages().stream().filter(p -> !p.equals("io.reactls")).collect(Collectors.toSet());
        internal.removeAll(Set.of("io.reactls.connection", "io.reactls.jsse", "io.reactls.netty", "io.reactls.netty.context"));
        assertThat(internal).contains("io.reactls.engine", "io.reactls.handshake", "io.reactls.record", "io.reactls.crypto",
                "io.reactls.wire", "io.reactls.cert", "io.reactls.handshake.tls12", "io.reactls.handshake.tls13",
                "io.reactls.driver");
        assertThat(module.opens()).isEmpty();
    }

    @Test
    void compressionCodecsReactorNettyAndMicrometerAreOptional() {
        Set<String> optional = descriptor().requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertThat(optional).containsExactlyInAnyOrder("com.aayushatharva.brotli4j", "com.github.luben.zstd_jni", "reactor.netty.core",
                        "micrometer.core");
        // The Netty adapter lives here and is what the client and server modules put in their pipelines.
        assertThat(descriptor().requires()).anyMatch(r -> r.name().equals("io.netty.handler")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }
}
