package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.ApiDocs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The doclint check every module runs on its exported packages ({@code ModuleApiTest}; core's is
 * {@link ExportedApiTest}) finds what javadoc would fail on: a few seconds of javac instead of a javadoc run.
 */
class ApiDocsTest {

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
