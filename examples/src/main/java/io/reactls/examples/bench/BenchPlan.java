package io.reactls.examples.bench;

import io.reactls.benchmarks.BenchNames;
import io.reactls.benchmarks.HandshakeKind;
import io.reactls.benchmarks.Stacks;
import io.reactls.CipherSuite;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run: modes, stacks, suites, sizes, buffers, handshake kinds, and the JMH iteration settings, with the
 * defaults of a full run and of {@code --quick}. {@link #jobs()} is every trial a stack can do; {@link #skipped()}
 * says which combinations were left out and why.
 */
public final class BenchPlan {

    static final List<String> FULL_CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
    static final List<String> QUICK_CIPHER_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> FULL_RECORD_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    static final List<String> QUICK_RECORD_SUITES = List.of("TLS_AES_128_GCM_SHA256");
    static final List<Integer> FULL_CIPHER_SIZES = List.of(64, 1024, 16384);
    static final List<Integer> QUICK_CIPHER_SIZES = List.of(1024, 16384);
    /** 16000, not 16384: one record for every stack (the JDK's TLS 1.3 records carry at most 16,367 bytes). */
    static final List<Integer> FULL_RECORD_SIZES = List.of(64, 1024, 16000);
    static final List<Integer> QUICK_RECORD_SIZES = List.of(1024, 16000);

    Set<BenchMode> modes = EnumSet.allOf(BenchMode.class);
    boolean quick;
    List<String> suites;
    List<Integer> sizes;
    List<String> stacks;
    List<String> handshakes;
    List<String> buffers;
    List<String> resumption;
    int forks = 1;
    boolean ignoreLock;
    Integer warmupIterations;
    Integer iterations;
    Long iterationMillis;

    private final List<String> skipped = new ArrayList<>();

    public BenchPlan modes(Set<BenchMode> m) {
        modes = EnumSet.copyOf(m);
        return this;
    }

    public BenchPlan quick(boolean q) {
        quick = q;
        return this;
    }

    /** Suites by IANA or OpenSSL name; an unknown one is an {@link IllegalArgumentException} with one line. */
    public BenchPlan suites(List<String> s) {
        suites = s == null ? null : s.stream().map(n -> BenchNames.suite(n).name()).distinct().toList();
        return this;
    }

    public BenchPlan sizes(List<Integer> s) {
        if (s != null) {
            for (int n : s) {
                if (n < 1 || n > 16384) {
                    throw new IllegalArgumentException("size " + n + " is not 1..16384 (one TLS record of plaintext)");
                }
            }
        }
        sizes = s;
        return this;
    }

    public BenchPlan stacks(List<String> s) {
        if (s != null) {
            List<String> all = new ArrayList<>(Stacks.TLS);
            all.addAll(Stacks.CIPHER);
            s = s.stream().map(n -> BenchNames.oneOf("stack", n, all)).distinct().toList();
        }
        stacks = s;
        return this;
    }

    public BenchPlan handshakes(List<String> h) {
        handshakes = h == null ? null : h.stream().map(n -> HandshakeKind.parse(n).name()).distinct().toList();
        return this;
    }

    public BenchPlan buffers(List<String> b) {
        buffers = b == null ? null : b.stream().map(n -> BenchNames.oneOf("buffer", n, List.of("heap", "direct"))).distinct().toList();
        return this;
    }

    public BenchPlan resumption(List<String> r) {
        resumption = r == null ? null : r.stream().map(n -> BenchNames.oneOf("resumption", n, List.of("full", "resumed"))).distinct().toList();
        return this;
    }

    /** Runs even while another JMH run holds its machine-wide lock (both then measure each other's load). */
    public BenchPlan ignoreLock(boolean ignore) {
        ignoreLock = ignore;
        return this;
    }

    public boolean ignoreLock() {
        return ignoreLock;
    }

    public BenchPlan forks(int f) {
        if (f < 1) {
            throw new IllegalArgumentException("--forks must be at least 1 (each trial runs in a JVM of its own)");
        }
        forks = f;
        return this;
    }

    /** Overrides the iteration settings (for tiny runs); null keeps the mode's default. */
    public BenchPlan iterations(Integer warmup, Integer measured, Long millis) {
        warmupIterations = warmup;
        iterations = measured;
        iterationMillis = millis;
        return this;
    }

    public int warmupIterations() {
        return warmupIterations != null ? warmupIterations : quick ? 1 : 2;
    }

    public int measurementIterations() {
        return iterations != null ? iterations : 3; // JMH gives an error bar from three samples on
    }

    /** Length of one warm-up or measurement iteration. */
    public long iterationMillis() {
        return iterationMillis != null ? iterationMillis : quick ? 400 : 1000;
    }

    public int forks() {
        return forks;
    }

    /** Combinations left out, each with the reason. Filled by {@link #jobs()}. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Every trial of this plan, in run order: cipher, record, handshake. */
    public List<BenchJob> jobs() {
        skipped.clear();
        List<BenchJob> jobs = new ArrayList<>();
        if (modes.contains(BenchMode.CIPHER)) {
            for (String suite : pick(suites, quick ? QUICK_CIPHER_SUITES : FULL_CIPHER_SUITES)) {
                for (int size : pick(sizes, quick ? QUICK_CIPHER_SIZES : FULL_CIPHER_SIZES)) {
                    for (String stack : stacksFor(Stacks.CIPHER)) {
                        String why = Stacks.cipherUnsupported(stack, CipherSuite.valueOf(suite));
                        add(jobs, new BenchJob(BenchMode.CIPHER, stack, suite, size, ""), why);
                    }
                }
            }
        }
        if (modes.contains(BenchMode.RECORD)) {
            for (String suite : pick(suites, quick ? QUICK_RECORD_SUITES : FULL_RECORD_SUITES)) {
                for (int size : pick(sizes, quick ? QUICK_RECORD_SIZES : FULL_RECORD_SIZES)) {
                    for (String buffer : pick(buffers, quick ? List.of("heap") : List.of("heap", "direct"))) {
                        for (String stack : stacksFor(Stacks.TLS)) {
                            String why = Stacks.recordUnsupported(stack, CipherSuite.valueOf(suite));
                            add(jobs, new BenchJob(BenchMode.RECORD, stack, suite, size, buffer), why);
                        }
                    }
                }
            }
        }
        if (modes.contains(BenchMode.HANDSHAKE)) {
            List<String> all = HandshakeKind.names();
            for (String kind : pick(handshakes, quick ? List.of("TLS13_X25519") : all)) {
                for (String r : pick(resumption, List.of("full", "resumed"))) {
                    for (String stack : stacksFor(Stacks.TLS)) {
                        String why = Stacks.handshakeUnsupported(stack, HandshakeKind.valueOf(kind));
                        add(jobs, new BenchJob(BenchMode.HANDSHAKE, stack, kind, 0, r), why);
                    }
                }
            }
        }
        return jobs;
    }

    private void add(List<BenchJob> jobs, BenchJob job, String unsupported) {
        if (unsupported == null) {
            jobs.add(job);
        } else {
            String line = job.stack() + " " + job.subject() + ": " + unsupported;
            if (!skipped.contains(line)) {
                skipped.add(line);
            }
        }
    }

    private List<String> stacksFor(List<String> modeStacks) {
        if (stacks == null) {
            return modeStacks;
        }
        return stacks.stream().filter(modeStacks::contains).toList();
    }

    private static <T> List<T> pick(List<T> chosen, List<T> defaults) {
        return chosen == null ? defaults : List.copyOf(new LinkedHashSet<>(chosen));
    }
}
