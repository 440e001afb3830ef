package io.reactls.handshake.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reactls.testing.ChildJvm;
import io.reactls.testing.ChildJvm.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * brotli4j and zstd-jni are optional: an application without them gets zlib only, one DEBUG line per missing
 * library saying why, and nothing on stderr (no JDK 24+ native-access warning either, since no native is loaded).
 * Checked in a fresh JVM whose classpath is this test's minus those two libraries and the optional native crypto
 * backend (ACCP, which an application adds on purpose and then runs with {@code --enable-native-access}, as the README
 * says), on this JDK and on a JDK 25 when one is installed where CI's image keeps it.
 */
class OptionalNativesTest {

    @TempDir
    Path dir;

    static List<String> classpathWithoutNatives() {
        List<String> cp = ChildJvm.testClassPath();
        List<String> kept = cp.stream()
                .filter(entry -> !entry.contains("brotli4j") && !entry.contains("zstd-jni")
                        && !entry.contains("AmazonCorrettoCryptoProvider"))
                .toList();
        assertThat(kept).as("the test classpath had the natives to remove").hasSizeLessThan(cp.size());
        return kept;
    }

    static Run probe(Path java, String... jvmOptions) throws Exception {
        return ChildJvm.run(java, List.of(jvmOptions), classpathWithoutNatives(), WithoutNativesProbe.class);
    }

    @Test
    void withoutTheNativesZlibIsOfferedAndStderrStaysEmpty() throws Exception {
        Run run = probe(ChildJvm.thisJava());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("offered [zlib]").contains("zlib round trip true");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void eachMissingLibraryIsOneDebugLineSayingWhy() throws Exception {
        Path logging = dir.resolve("logging.properties");
        Files.writeString(logging, String.join("\n", "handlers=java.util.logging.ConsoleHandler",
                "java.util.logging.ConsoleHandler.level=FINE", "java.util.logging.SimpleFormatter.format=%4$s %5$s%n",
                "io.reactls.compression.level=FINE", ""), StandardCharsets.UTF_8);
        Run run = probe(ChildJvm.thisJava(), "-Djava.util.logging.config.file=" + logging);
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> lines = run.stderr().lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertThat(lines).containsExactly(
                "FINE reactls: brotli certificate compression is off: com.aayushatharva.brotli4j:brotli4j is not on the "
                        + "classpath (an optional dependency; see the README)",
                "FINE reactls: zstd certificate compression is off: com.github.luben:zstd-jni is not on the classpath "
                        + "(an optional dependency; see the README)");
    }

    @Test
    void onJdk25TooNothingReachesStderr() throws Exception {
        assumeTrue(Files.isExecutable(ChildJvm.TEMURIN_25), "no JDK 25 at " + ChildJvm.TEMURIN_25);
        Run run = probe(ChildJvm.TEMURIN_25);
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("offered [zlib]");
        assertThat(run.stderr()).isEmpty();
    }
}
