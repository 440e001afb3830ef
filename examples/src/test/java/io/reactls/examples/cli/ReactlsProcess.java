package io.reactls.examples.cli;

import io.reactls.testing.PeerProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code reactls} command run as its own JVM, as a user runs it (exit codes, stdin/stdout, kill). */
final class ReactlsProcess {

    /**
     * How long a wait that includes a cold JVM's start may take (a {@code reactls} command, or any other JVM a test
     * starts): on a loaded two-core machine a client's start-up and handshake took 37 s.
     */
    static final Duration STARTUP = Duration.ofSeconds(120);

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private ReactlsProcess() {
    }

    static PeerProcess start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ReactlsCommand.class.getName()));
        command.addAll(List.of(args));
        return PeerProcess.start(command);
    }

    /** Waits (up to {@link #STARTUP}) for {@code reactls server --port 0} to say where it listens. */
    static int awaitListening(PeerProcess server) {
        String text = server.stderr().awaitText(" listening on ", STARTUP);
        Matcher m = LISTENING.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no port in: " + text);
        }
        return Integer.parseInt(m.group(1));
    }
}
