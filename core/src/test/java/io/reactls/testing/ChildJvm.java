package io.reactls.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} run in a fresh JVM (this one's, or another JDK's), for what only a new JVM shows: which
 * providers and libraries load, what reaches stderr. Its output goes to files, so a chatty child never blocks on a
 * full pipe; the child is killed if it outlives the timeout or the test fails.
 */
public final class ChildJvm {

    /** Where CI's image keeps a JDK 25; tests that need one skip with one line when it is not there. */
    public static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the child did: its exit code and everything it wrote. */
    public record Run(int exit, String stdout, String stderr) {
    }

    private ChildJvm() {
    }

    /** This JVM's {@code java} launcher. */
    public static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The test class path, as surefire gives it to the test JVM (its manifest-only jar hides the entries). */
    public static List<String> testClassPath() {
        return List.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator));
    }

    /** Runs {@code main} on {@code java} with {@code jvmOptions} and {@code classPath}, and waits for its exit. */
    public static Run run(Path java, List<String> jvmOptions, List<String> classPath, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("reactls-child-", ".out");
        Path err = Files.createTempFile("reactls-child-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not exit within " + TIMEOUT
                        + "\n--- stderr:\n" + Files.readString(err));
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
