package io.reactls.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the openssl binary for interop checks; like every interop test, fails in one line where it is not installed. */
public final class OpenSsl {

    /**
     * How a run ended.
     *
     * @param exitCode openssl's exit code
     * @param output its standard output and error, interleaved
     */
    public record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    /** Fails the test in one line (naming the package to install) when openssl is missing. */
    public static void assumeInstalled() {
        PeerProcess.requireExecutable("openssl");
    }

    /**
     * Runs {@code openssl arguments...} in {@code dir}, at most 30 seconds.
     *
     * @param dir the working directory
     * @param arguments openssl's command and options
     * @return its exit code and output
     * @throws IOException when it cannot start, or does not finish in time
     */
    public static Result run(Path dir, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl " + arguments[0] + " did not finish in 30 s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for openssl", e);
        }
    }

    /**
     * Runs {@code openssl arguments...} in {@code dir} and fails the test unless it exits with 0.
     *
     * @param dir the working directory
     * @param arguments openssl's command and options
     * @return its output
     * @throws IOException when it cannot start, or does not finish in time
     */
    public static String runOk(Path dir, String... arguments) throws IOException {
        Result result = run(dir, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        }
        return result.output();
    }
}
