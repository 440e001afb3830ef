package io.reactls.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every reactls module checks on its exported packages, run from the module's directory: every public and
 * protected member documented as javadoc's doclint demands (so the release profile's javadoc jar cannot fail), and no
 * internal type in their signatures. Each module's tests extend it once, naming the leaks that still exist.
 */
public abstract class ModuleApiTest {

    private static final Path CLASSES = Path.of("target/classes");

    private final Set<String> knownLeaks;

    /**
     * A module whose exported API mentions no internal type.
     */
    protected ModuleApiTest() {
        this(Set.of());
    }

    /**
     * A module whose exported API still mentions internal types in {@code knownLeaks}, each to be struck with its fix
     * (the check fails when one is gone, so the list only shrinks).
     *
     * @param knownLeaks "Type#member" per member that still leaks
     */
    protected ModuleApiTest(Set<String> knownLeaks) {
        this.knownLeaks = knownLeaks;
    }

    @Test
    void exportedPackagesAreFullyDocumented() {
        String[] exported = ExportedApi.exported(ExportedApi.descriptor(CLASSES)).toArray(String[]::new);
        assertThat(ApiDocs.problems(Path.of("src/main/java"), exported)).isEmpty();
    }

    @Test
    void exportedMembersMentionOnlyExportedTypes() {
        Set<String> leaks = ExportedApi.leaks(CLASSES);
        assertThat(ExportedApi.members(leaks)).as("internal types in the exported API: %s", leaks).isEqualTo(knownLeaks);
    }
}
