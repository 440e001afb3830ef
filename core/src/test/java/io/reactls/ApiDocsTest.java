package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.ApiDocs;
import io.reactls.testing.ExportedApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every public and protected member of core's exported packages is documented as javadoc's doclint demands, so the
 * release profile's javadoc jar cannot fail on them (a few seconds of javac here, instead of a javadoc run).
 */
class ApiDocsTest {

    @Test
    void exportedPackagesAreFullyDocumented() {
        String[] exported = ExportedApi.exported(ExportedApi.descriptor(Path.of("target/classes"))).toArray(String[]::new);
        assertThat(ApiDocs.problems(Path.of("src/main/java"), exported)).isEmpty();
    }

    @Test
    void anUndocumentedReturnValueIsFound() throws IOException {
        Path root = Files.createTempDirectory("reactls-apidocs-probe");
        Files.createDirectories(root.resolve("probe"));
        Files.writeString(root.resolve("probe/Probe.java"), """
                package probe;

                /** A probe. */
                public final class Probe {
                    /** Documented, but says nothing of what it returns. */
                    public static int answer() {
                        return 42;
                    }

                    private Probe() {
                    }
                }
                """);
        assertThat(ApiDocs.problems(root, "probe")).singleElement().asString().startsWith("Probe.java:6: ").contains("@return");
    }
}
