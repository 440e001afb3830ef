package io.reactls.examples.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./reactls} builds its jar with {@code mvn -q -B} and sends the build's output to stderr, where a user sees
 * it before the command's own. Debian's Maven 3.8 wrote a colour reset (ESC[0m) per module even in batch mode;
 * {@code .mvn/jvm.config} stops it. The same quiet build, run here on the parent pom alone, prints nothing at all.
 */
class QuietBuildTest {

    @Test
    void aQuietBatchBuildPrintsNoEscapeCodes() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path output = Files.createTempFile("quiet-build", ".txt");
        try {
            Process mvn = new ProcessBuilder("mvn", "-o", "-q", "-B", "-Dstyle.color=never", "-N", "validate")
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertThat(mvn.waitFor(120, TimeUnit.SECONDS)).as("mvn finished").isTrue();
            String text = Files.readString(output, StandardCharsets.ISO_8859_1);
            assertThat(mvn.exitValue()).as(text).isZero();
            assertThat(text).doesNotContain("\u001b");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
