package io.reactls.examples.bench;

import io.reactls.benchmarks.CipherBenchmark;
import io.reactls.benchmarks.EngineTransferBenchmark;
import io.reactls.benchmarks.HandshakeBenchmark;

/** The three measurements of {@code reactls bench}, each one JMH benchmark method in the benchmarks module. */
public enum BenchMode {
    CIPHER(CipherBenchmark.class.getName() + ".sealOpen", "MB/s of payload sealed and opened"),
    RECORD(EngineTransferBenchmark.class.getName() + ".transfer", "MB/s of application data sealed and opened"),
    HANDSHAKE(HandshakeBenchmark.class.getName() + ".handshake", "handshakes/s");

    private final String benchmark;
    private final String unit;

    BenchMode(String benchmark, String unit) {
        this.benchmark = benchmark;
        this.unit = unit;
    }

    /** The fully qualified JMH benchmark name. */
    public String benchmark() {
        return benchmark;
    }

    /** What the headline number of this mode is. */
    public String unit() {
        return unit;
    }

    /** Lower-case, as typed on the command line and used in file names. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
