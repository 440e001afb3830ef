package io.reactls.handshake.keylog;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.handshake.TlsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The process-wide rules: one WARNING however many configs log keys, and {@code SSLKEYLOGFILE} read only after an
 * opt-in (checked in child JVMs, whose environment we set).
 */
class KeyLogsTest {

    private final Logger logger = Logger.getLogger("io.reactls.keylog");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void removeHandler() {
        logger.removeHandler(handler);
    }

    @Test
    void keyLoggingIsAnnouncedOncePerProcessAsAWarning() {
        KeyLogs.WARNED.set(false);
        logger.addHandler(handler);
        KeyLog sink = (label, random, secret) -> { };
        TlsConfig.client().keyLog(sink).build();
        TlsConfig.client().keyLog(sink).build();
        TlsConfig.client().build();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getMessage()).contains("TLS key logging is on").contains("decrypt");
    }

    @Test
    void noWarningWithoutAKeyLog() {
        KeyLogs.WARNED.set(false);
        logger.addHandler(handler);
        TlsConfig.client().build();
        assertThat(records).isEmpty();
    }

    @Test
    void sslKeyLogFileIsIgnoredUnlessTheApplicationOptsIn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("env.log");
        assertThat(probe(file)).as("no opt-in").isEqualTo("null");
        assertThat(file).doesNotExist();
        assertThat(probe(file, "-D" + KeyLogs.OPT_IN_PROPERTY + "=true")).isEqualTo("key log file " + file);
        assertThat(probe(file, "-D" + KeyLogs.OPT_IN_PROPERTY + "=false")).isEqualTo("null");
        assertThat(probe(file, "builder")).as("keyLogFromEnvironment()").isEqualTo("key log file " + file);
        assertThat(file).exists();
    }

    /** Builds a config in a child JVM with SSLKEYLOGFILE={@code file}; returns what it printed (its key log). */
    private static String probe(Path file, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        boolean builder = List.of(options).contains("builder");
        for (String o : options) {
            if (!o.equals("builder")) {
                command.add(o);
            }
        }
        command.add(Probe.class.getName());
        if (builder) {
            command.add("builder");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(KeyLogs.ENVIRONMENT_VARIABLE, file.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out.lines().filter(l -> l.startsWith("keyLog=")).findFirst().orElseThrow(() -> new AssertionError(out))
                    .substring("keyLog=".length());
        } finally {
            p.destroyForcibly();
        }
    }

    /** The child: builds a client config as an application would and prints its key log. */
    public static final class Probe {
        public static void main(String[] args) {
            TlsConfig.Builder b = TlsConfig.client();
            if (args.length > 0 && args[0].equals("builder")) {
                b.keyLogFromEnvironment();
            }
            System.out.println("keyLog=" + b.build().keyLog());
        }
    }
}
