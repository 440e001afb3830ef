package io.reactls.cert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.reactls.testing.PeerProcess;

/** Runs the openssl binary for interop checks; like every interop test, fails in one line where it is not installed. */
final class OpenSsl {

    record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    static void assumeInstalled() {
        PeerProcess.requireExecutable("openssl");
    }

    static Result run(Path dir, String... arguments) throws IOException {
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

    static String runOk(Path dir, String... arguments) throws IOException {
        Result result = run(dir, arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
        }
        return result.output();
    }
}
