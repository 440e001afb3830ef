package io.reactls.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Handshakes per second of CPU time, for a machine too loaded for wall-clock throughput: the same full handshakes as
 * {@link HandshakeBenchmark} ({@code resumption=full}), timed by the benchmark thread's own CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), which other processes competing for the cores do not inflate.
 * Every stack runs its handshakes on the calling thread (the SSLEngine stacks run their delegated tasks inline), so
 * that thread's CPU time is the whole cost of both sides. Each stack is warmed up first, then the stacks alternate in
 * rounds, so a change of load or frequency during the run touches them all alike. Not a JMH benchmark: use it for
 * ratios on a busy machine and quote JMH's {@code HandshakeBenchmark} from a quiet one.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.HandshakeCpuProbe TLS13_X25519 reactls,reactls-native,jdk,boringssl
 * </pre>
 * Arguments: the handshake kind, the stacks, optionally the warm-up CPU seconds per stack (default 20) and the
 * rounds (default 5 rounds of 2 CPU seconds per stack).
 */
public final class HandshakeCpuProbe {

    private HandshakeCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        HandshakeKind kind = HandshakeKind.parse(args[0]);
        List<String> stacks = List.of(args[1].split(","));
        double warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<TlsPeers> peers = new ArrayList<>();
        for (String stack : stacks) {
            String unsupported = Stacks.handshakeUnsupported(stack, kind);
            if (unsupported != null) {
                throw new IllegalArgumentException(stack + ": " + unsupported);
            }
            TlsPeers p = TlsPeers.create(stack, kind.shape(), false);
            try (TlsPeers.Connection c = p.connect(false)) {
                c.handshake();
                c.checkNegotiated(stack, kind.shape());
            }
            run(p, mx, (long) (warmupSeconds * 1e9));
            peers.add(p);
        }
        long[] handshakes = new long[stacks.size()];
        long[] cpuNanos = new long[stacks.size()];
        double[][] perRound = new double[stacks.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < stacks.size(); i++) {
                long[] result = run(peers.get(i), mx, 2_000_000_000L);
                handshakes[i] += result[0];
                cpuNanos[i] += result[1];
                perRound[i][r] = result[0] / (result[1] / 1e9);
                // As it goes, so a run cut short still says something.
                System.out.printf(Locale.ROOT, "round %d %-16s %9.1f handshakes per CPU-second%n", r + 1, stacks.get(i),
                        perRound[i][r]);
            }
        }
        System.out.printf(Locale.ROOT, "%s, %s %s, %d rounds after %.0f CPU-s warm-up%n", kind.label(),
                System.getProperty("java.vm.name"), Runtime.version(), rounds, warmupSeconds);
        double first = handshakes[0] / (cpuNanos[0] / 1e9);
        for (int i = 0; i < stacks.size(); i++) {
            double rate = handshakes[i] / (cpuNanos[i] / 1e9);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (double v : perRound[i]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            System.out.printf(Locale.ROOT, "%-16s %9.1f handshakes per CPU-second (rounds %.1f..%.1f), %s / this = %.2f%n",
                    stacks.get(i), rate, min, max, stacks.get(0), first / rate);
        }
    }

    /** Handshakes until {@code cpuBudget} ns of this thread's CPU are spent: {count, cpu ns}. */
    private static long[] run(TlsPeers peers, ThreadMXBean mx, long cpuBudget) throws Exception {
        long start = mx.getCurrentThreadCpuTime();
        long n = 0;
        long spent;
        do {
            try (TlsPeers.Connection c = peers.connect(false)) {
                c.handshake();
            }
            n++;
            spent = mx.getCurrentThreadCpuTime() - start;
        } while (spent < cpuBudget);
        return new long[] {n, spent};
    }
}
