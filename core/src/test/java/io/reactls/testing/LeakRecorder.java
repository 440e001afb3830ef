package io.reactls.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects Netty's leak reports instead of only logging them, so a test can fail on a leaked buffer.
 *
 * <p>Netty creates its {@code ByteBuf} leak detector once, when {@code AbstractByteBuf} is initialised, so the
 * factory must be installed before any buffer class is touched. {@link #install()} checks that it was and
 * throws otherwise: a guard that silently records nothing would be worse than none.
 */
public final class LeakRecorder {

    /** One leak Netty reported: the resource type and the access records (allocation stack first). */
    public record LeakReport(String resourceType, String records) {
        @Override
        public String toString() {
            return "LEAK: " + resourceType + " was garbage-collected without release()"
                    + (records.isEmpty() ? " (no access records)" : records);
        }
    }

    private static final LeakRecorder INSTANCE = new LeakRecorder();
    private static volatile boolean installed;

    private final ConcurrentLinkedQueue<LeakReport> reports = new ConcurrentLinkedQueue<>();
    private final Set<Class<?>> trackedTypes = ConcurrentHashMap.newKeySet();

    private LeakRecorder() {
    }

    /** Installs the recording factory (idempotent) and returns the recorder. */
    public static synchronized LeakRecorder install() {
        if (!installed) {
            // Paranoid: every allocation is tracked and every allocation polls for collected leaks,
            // whatever the JVM flags say (an IDE run may not pass the surefire argLine).
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(INSTANCE.new Factory());
            installed = true;
            ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.heapBuffer(1);
            probe.release();
            if (!INSTANCE.trackedTypes.contains(ByteBuf.class)) {
                throw new IllegalStateException("Netty's ByteBuf leak detector was created before the leak guard "
                        + "was installed, so leaks would go unnoticed; something initialised io.netty.buffer early");
            }
        }
        return INSTANCE;
    }

    /**
     * Runs a garbage collection and pokes the ByteBuf detector (it only looks for collected buffers when a new one
     * is tracked) until a leak shows up or {@code patience} has passed; returns and forgets what was reported.
     */
    public List<LeakReport> detect(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            System.gc();
            pokeDetector();
            if (!reports.isEmpty()) {
                break;
            }
            // Phantom references are enqueued by the JVM's reference handler thread shortly after the GC.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            pokeDetector();
        } while (reports.isEmpty() && System.nanoTime() < deadline);
        return drain();
    }

    /** Returns and forgets every report recorded so far. */
    public List<LeakReport> drain() {
        List<LeakReport> out = new ArrayList<>();
        for (LeakReport r; (r = reports.poll()) != null; ) {
            out.add(r);
        }
        return out;
    }

    private static void pokeDetector() {
        for (int i = 0; i < 4; i++) {
            UnpooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
    }

    private final class Factory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            trackedTypes.add(resource);
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private final class RecordingDetector<T> extends ResourceLeakDetector<T> {

        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        // Netty only reports when its logger has ERROR enabled; we record regardless of logging configuration.
        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            // Recorded, not logged: the failing test's message carries the records.
            reports.add(new LeakReport(resourceType, records));
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            reports.add(new LeakReport(resourceType, ""));
        }
    }
}
