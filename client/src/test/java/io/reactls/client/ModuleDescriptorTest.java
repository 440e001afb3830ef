package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The client module exports its API alone, nothing qualified; the Netty door it uses is core's. */
class ModuleDescriptorTest {

    @Test
    void exportsTheClientApiOnly() {
        ModuleDescriptor module = ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("io.reactls.client");
        assertThat(module.exports()).allMatch(e -> !e.isQualified());
        assertThat(module.exports().stream().map(Exports::source)).containsExactly("io.reactls.client");
        assertThat(module.packages()).containsExactly("io.reactls.client");
        assertThat(module.requires()).anyMatch(r -> r.name().equals("io.reactls.core")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }
}
