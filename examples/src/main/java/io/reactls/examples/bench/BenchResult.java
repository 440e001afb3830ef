package io.reactls.examples.bench;

/**
 * One measured (or failed) trial on one JDK.
 *
 * @param jdk        the JDK it ran on, e.g. "17.0.15 (Debian)"
 * @param job        what ran
 * @param opsPerSec  JMH's score, operations per second (NaN when it failed)
 * @param error      JMH's 99.9 % confidence half-width, same unit (NaN when not computable)
 * @param failure    null, or why the trial produced no score
 */
public record BenchResult(String jdk, BenchJob job, double opsPerSec, double error, String failure) {

    /** Payload megabytes (10^6 bytes) per second; NaN for handshakes and failures. */
    public double megabytesPerSec() {
        return job.size() > 0 ? opsPerSec * job.size() / 1e6 : Double.NaN;
    }

    public boolean ok() {
        return failure == null && !Double.isNaN(opsPerSec);
    }

    /** The headline number: MB/s for data, handshakes/s for handshakes. */
    public double headline() {
        return job.mode() == BenchMode.HANDSHAKE ? opsPerSec : megabytesPerSec();
    }

    /** {@link #headline()}'s error. */
    public double headlineError() {
        return job.mode() == BenchMode.HANDSHAKE ? error : error * job.size() / 1e6;
    }
}
