package io.reactls.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fails any test that leaks a Netty buffer. Registered for every test through JUnit's extension auto-detection
 * ({@code junit-platform.properties} and {@code META-INF/services} in core's test jar), so client, server and
 * examples tests get it just by depending on that jar.
 */
public final class LeakGuard implements BeforeEachCallback, AfterEachCallback {

    // Long enough for the reference handler to enqueue a collected buffer, short enough to run after every test.
    private static final Duration PATIENCE = Duration.ofMillis(20);

    private static final LeakRecorder RECORDER = LeakRecorder.install();

    @Override
    public void beforeEach(ExtensionContext context) {
        // A leak that surfaced between tests belongs to an earlier one; fail here rather than lose it.
        assertNoLeaks(RECORDER.drain(), "before " + context.getDisplayName() + " (leaked by an earlier test)");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoLeaks(RECORDER.detect(PATIENCE), "in " + context.getDisplayName());
    }

    static void assertNoLeaks(List<LeakRecorder.LeakReport> leaks, String where) {
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) detected " + where + ":\n"
                    + leaks.stream().map(LeakRecorder.LeakReport::toString).collect(Collectors.joining("\n")));
        }
    }
}
