package io.reactls.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * {@link PrimitiveBenchmark}'s operations per second of this thread's CPU time, for a machine too loaded for
 * wall-clock scores (see {@link HandshakeCpuProbe}); providers alternate in rounds after a warm-up each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.PrimitiveCpuProbe aes128gcm-16k jdk,accp
 * </pre>
 */
public final class PrimitiveCpuProbe {

    private PrimitiveCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> providers = List.of(args[1].split(","));
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        PrimitiveBenchmark[] benches = new PrimitiveBenchmark[providers.size()];
        for (int i = 0; i < benches.length; i++) {
            benches[i] = new PrimitiveBenchmark();
            benches[i].primitive = args[0];
            benches[i].provider = providers.get(i);
            benches[i].setUp();
            run(benches[i], mx, (long) (warmupSeconds * 1e9));
        }
        long[] ops = new long[benches.length];
        long[] nanos = new long[benches.length];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < benches.length; i++) {
                long[] result = run(benches[i], mx, 1_000_000_000L);
                ops[i] += result[0];
                nanos[i] += result[1];
            }
        }
        System.out.printf(Locale.ROOT, "%s, %s%n", args[0], Runtime.version());
        for (int i = 0; i < benches.length; i++) {
            System.out.printf(Locale.ROOT, "%-8s %12.1f ops per CPU-second%n", providers.get(i), ops[i] / (nanos[i] / 1e9));
        }
    }

    private static long[] run(PrimitiveBenchmark bench, ThreadMXBean mx, long cpuBudget) {
        long start = mx.getCurrentThreadCpuTime();
        long n = 0;
        long spent;
        do {
            for (int k = 0; k < 16; k++) { // several per clock read: reading the CPU clock costs ~1 µs itself
                bench.run();
            }
            n += 16;
            spent = mx.getCurrentThreadCpuTime() - start;
        } while (spent < cpuBudget);
        return new long[] {n, spent};
    }
}
