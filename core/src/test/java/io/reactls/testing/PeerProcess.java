package io.reactls.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A TLS peer running as a subprocess (openssl, gnutls-cli, curl, chromium) with its stdout and stderr captured.
 * {@link #close()} kills it and its descendants by PID, so a failed test never leaves a process behind.
 */
public final class PeerProcess implements AutoCloseable {

    /** What a program says when it cannot bind (strerror(EADDRINUSE)). */
    private static final String PORT_TAKEN = "Address already in use";

    private final List<String> command;
    private final Process process;
    private final CapturedOutput stdout;
    private final CapturedOutput stderr;
    private final OutputStream stdin;

    private PeerProcess(List<String> command, Process process) {
        this.command = List.copyOf(command);
        this.process = process;
        String name = Path.of(command.get(0)).getFileName() + "[" + process.pid() + "]";
        this.stdout = new CapturedOutput(name + ".stdout", process.getInputStream());
        this.stderr = new CapturedOutput(name + ".stderr", process.getErrorStream());
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code command}; fails (never skips) when the program is not installed: CI installs it. */
    public static PeerProcess start(List<String> command) {
        requireExecutable(command.get(0));
        try {
            return new PeerProcess(command, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Starts {@code command.apply(port)} on a port of 127.0.0.1 that was free a moment ago, and returns once this very
     * process listens there. The port can be taken in between (by a connection of another test, or another build on
     * the machine); the process then says "Address already in use" (and exits, or like gnutls-serv listens on IPv6
     * only, where the tests do not connect) and is started again on another port.
     */
    public static Listening startListening(IntFunction<List<String>> command, Duration startup) {
        AssertionError lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LoopbackPorts.freePort();
            PeerProcess process = start(command.apply(port));
            boolean ready = LoopbackPorts.poll(() -> LoopbackPorts.isListening(port, process.pid()) || !process.isAlive()
                    || process.describeOutput().contains(PORT_TAKEN), startup) && LoopbackPorts.isListening(port, process.pid());
            if (ready) {
                return new Listening(process, port);
            }
            if (!process.isAlive()) {
                process.awaitExit(startup); // and for its output to be read: it says why it exited
            }
            process.close();
            String output = process.describeOutput();
            lastFailure = new AssertionError(process + " did not start listening on " + port + " within " + startup
                    + "\n" + output);
            if (!output.contains(PORT_TAKEN)) {
                break;
            }
        }
        throw lastFailure;
    }

    /** A process listening on {@link #port} of 127.0.0.1; closing it kills the process. */
    public record Listening(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * Fails with one line naming the program and the Debian package to install when {@code program} is not on the
     * PATH: interop tests never skip (CI installs every peer), and never fail with a bare "Cannot run program".
     */
    public static void requireExecutable(String program) {
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new AssertionError(program + " is not executable");
            }
            return;
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        throw new AssertionError(program + " is not installed: install " + debianPackage(program)
                + " (see .ci/run, which installs it: apt-get install -y " + debianPackage(program) + ")");
    }

    private static String debianPackage(String program) {
        return switch (program) {
            case "gnutls-cli", "gnutls-serv" -> "gnutls-bin";
            case "chromium", "curl", "zstd", "python3" -> program;
            case "node" -> "nodejs";
            default -> "openssl";
        };
    }

    public long pid() {
        return process.pid();
    }

    public List<String> command() {
        return command;
    }

    public CapturedOutput stdout() {
        return stdout;
    }

    public CapturedOutput stderr() {
        return stderr;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Writes {@code data} to the process's stdin on another thread (a pipe holds only 64 KiB, and the process may
     * not read until a TLS connection is up); the future completes once everything was written and flushed.
     */
    public CompletableFuture<Void> writeAsync(byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                stdin.write(data);
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + data.length + " bytes to " + this, e);
            }
        });
    }

    /** Closes stdin: openssl s_client sends close_notify on it (with -no_ign_eof), s_server drops the connection. */
    public void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing stdin of " + this, e);
        }
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(this + " did not exit within " + timeout + "\n" + describeOutput());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + this, e);
        }
        // Output may still be in flight in the pumps; the streams end right after the exit.
        stdout.awaitEnd(Duration.ofSeconds(5));
        stderr.awaitEnd(Duration.ofSeconds(5));
        return process.exitValue();
    }

    /** The captured stderr (and stdout if short) for assertion messages. */
    public String describeOutput() {
        String out = stdout.size() <= 2000 ? stdout.text() : "(" + stdout.size() + " bytes)";
        return "command: " + String.join(" ", command) + "\n--- stderr:\n" + stderr.text() + "\n--- stdout:\n" + out;
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " survived destroyForcibly for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + this, e);
        }
    }

    @Override
    public String toString() {
        return Path.of(command.get(0)).getFileName() + " (pid " + process.pid() + ")";
    }
}
