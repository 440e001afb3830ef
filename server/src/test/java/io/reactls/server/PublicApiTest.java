package io.reactls.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.ApiDocs;
import io.reactls.testing.ExportedApi;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server module's exported packages: every public and protected member documented as javadoc's doclint demands
 * (so the release profile's javadoc jar cannot fail), and no internal type in their signatures.
 */
class PublicApiTest {

    /**
     * Leaks that still exist, to be struck with their fix (the test fails when one is gone, so the list only shrinks):
     * the options still take the engine-level TlsConfig (tests use its clock and randomness).
     */
    private static final Set<String> KNOWN = Set.of(
            "io.reactls.server.TlsServerOptions#builder", "io.reactls.server.TlsServerOptions#config",
            "io.reactls.server.TlsServerOptions#of");

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void exportedPackagesAreFullyDocumented() {
        String[] exported = ExportedApi.exported(ExportedApi.descriptor(CLASSES)).toArray(String[]::new);
        assertThat(ApiDocs.problems(Path.of("src/main/java"), exported)).isEmpty();
    }

    @Test
    void exportedMembersMentionOnlyExportedTypes() {
        Set<String> leaks = ExportedApi.leaks(CLASSES);
        assertThat(ExportedApi.members(leaks)).as("internal types in the exported API: %s", leaks).isEqualTo(KNOWN);
    }
}
