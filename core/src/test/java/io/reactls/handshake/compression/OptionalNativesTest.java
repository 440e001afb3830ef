package io.reactls.handshake.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr) {
    }

    static String classpathWithoutNatives() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = Arrays.stream(cp.split(File.pathSeparator))
                .filter(entry -> !entry.contains("brotli4j") && !entry.contains("zstd-jni")
                        && !entry.contains("AmazonCorrettoCryptoProvider"))
                .toList();
        assertThat(kept).as("the test classpath had the natives to remove").hasSizeLessThan(cp.split(File.pathSeparator).length);
        return String.join(File.pathSeparator, kept);
    }

    Run probe(String java, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpathWithoutNatives(), WithoutNativesProbe.class.getName()));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
        }
    }

    static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void withoutTheNativesZlibIsOfferedAndStderrStaysEmpty() throws Exception {
        Run run = probe(thisJava());
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
        Run run = probe(thisJava(), "-Djava.util.logging.config.file=" + logging);
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
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(TEMURIN_25), "no JDK 25 at " + TEMURIN_25);
        Run run = probe(TEMURIN_25.toString());
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("offered [zlib]");
        assertThat(run.stderr()).isEmpty();
    }
}
