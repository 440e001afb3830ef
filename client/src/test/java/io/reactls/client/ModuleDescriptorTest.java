package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The client module exports its API and the Netty door, nothing qualified, and needs Micrometer only if present. */
class ModuleDescriptorTest {

    @Test
    void exportsTheClientApiAndTheNettyDoor() {
        ModuleDescriptor module = ModuleFinder.of(Path.of("target/classes")).findAll().iterator().next().descriptor();
        assertThat(module.name()).isEqualTo("io.reactls.client");
        assertThat(module.exports()).allMatch(e -> !e.isQualified());
        assertThat(module.exports().stream().map(Exports::source)).containsExactlyInAnyOrder("io.reactls.client", "io.reactls.netty");
        assertThat(module.requires()).anyMatch(r -> r.name().equals("micrometer.core")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
        assertThat(module.requires()).anyMatch(r -> r.name().equals("io.reactls.core")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }
}
