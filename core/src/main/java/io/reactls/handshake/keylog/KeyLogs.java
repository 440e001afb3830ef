package io.reactls.handshake.keylog;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process-wide side of key logging: the {@code SSLKEYLOGFILE} environment variable, which reactls honours only
 * when the application opts in, and the warning logged once per process when any key log is on.
 */
public final class KeyLogs {

    /** The environment variable curl, Firefox, Chrome and OpenSSL-based tools read. */
    public static final String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    /**
     * System property opting in to {@link #ENVIRONMENT_VARIABLE} for every config built without a key log:
     * {@code -Dreactls.keylog.env=true}. Without it (or the builder's {@code keyLogFromEnvironment()}) the
     * variable is ignored, so a stray export never turns on key logging in a production service.
     */
    public static final String OPT_IN_PROPERTY = "reactls.keylog.env";

    // Package-private for the test that checks the warning comes once.
    static final AtomicBoolean WARNED = new AtomicBoolean();

    private KeyLogs() {
    }

    /** The file sink {@code SSLKEYLOGFILE} names, or null when it is unset or empty. */
    public static KeyLog fromEnvironment() {
        String file = System.getenv(ENVIRONMENT_VARIABLE);
        return file == null || file.isBlank() ? null : KeyLogFile.open(Path.of(file));
    }

    /** {@link #fromEnvironment()} when {@link #OPT_IN_PROPERTY} is {@code true}, else null. */
    public static KeyLog fromEnvironmentIfOptedIn() {
        return Boolean.getBoolean(OPT_IN_PROPERTY) ? fromEnvironment() : null;
    }

    /**
     * Logs, once per process, a WARNING on the {@code io.reactls.keylog} {@link System.Logger} that secrets are being
     * written to {@code log}; true the one time it does.
     */
    public static boolean warnEnabled(KeyLog log) {
        if (!WARNED.compareAndSet(false, true)) {
            return false;
        }
        System.getLogger("io.reactls.keylog").log(System.Logger.Level.WARNING, "TLS key logging is on (" + log
                + "): whoever reads these secrets can decrypt the connections. Turn it off outside debugging.");
        return true;
    }
}
