package io.reactls.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server module exports its API packages alone (the servers, the Redis stores) and needs nothing of the client module. */
class ModuleDescriptorTest {

    @Test
    void exportsTheServerApiOnly() {
        ModuleDescriptor module = ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("io.reactls.server");
        assertThat(module.exports().stream().map(Exports::source)).containsExactlyInAnyOrder("io.reactls.server",
                "io.reactls.server.redis");
        assertThat(module.exports()).allMatch(e -> !e.isQualified());
        assertThat(module.packages()).containsExactlyInAnyOrder("io.reactls.server", "io.reactls.server.redis");
        assertThat(module.requires()).noneMatch(r -> r.name().equals("io.reactls.client"));
    }
}
