package io.reactls.examples.cli;

import io.reactls.benchmarks.HandshakeKind;
import io.reactls.examples.bench.BenchCharts;
import io.reactls.examples.bench.BenchJob;
import io.reactls.examples.bench.BenchMode;
import io.reactls.examples.bench.BenchPlan;
import io.reactls.examples.bench.BenchReport;
import io.reactls.examples.bench.BenchResult;
import io.reactls.examples.bench.BenchRunner;
import io.reactls.examples.bench.JdkInfo;
import io.reactls.examples.bench.Machine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reactls bench}: the JMH benchmarks of the benchmarks module run through JMH's Runner (each trial forked,
 * on this JDK and on every {@code --jdk}), with a progress line per trial, then a Markdown table, CSV, JSON and
 * PNG/SVG charts in {@code --out}. Every number is a JMH score of the same benchmark the JMH jar runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks reactls next to the JVM's other TLS stacks and ciphers, with JMH:",
                "  cipher     AEAD / CBC-HMAC seal+open per suite and size: reactls on SunJCE and Bouncy Castle, raw JCE Cipher",
                "  record     TLS records sealed and opened: reactls, the JDK's SSLEngine, BCJSSE, BoringSSL (Netty)",
                "  handshake  full and resumed handshakes/s for the same stacks",
                "  all        the three (default). A full run takes about 20 minutes per JDK; --quick about 2."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "MODE",
            description = "cipher, record, handshake or all (default: all)")
    String mode;

    @Option(names = "--quick", description = "A short run (about 2 minutes per JDK): fewer suites and sizes, heap "
            + "buffers, TLS 1.3 x25519 handshakes, 1 warm-up and 3 measured iterations of 0.4 s.")
    boolean quick;

    @Option(names = "--suites", split = ",", paramLabel = "LIST",
            description = "Cipher suites by IANA name (OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256 are accepted) "
                    + "for cipher and record.")
    List<String> suites;

    @Option(names = "--sizes", split = ",", paramLabel = "LIST",
            description = "Payload bytes per operation for cipher and record, e.g. 64,1k,16000 (at most 16k).")
    List<String> sizes;

    @Option(names = "--stacks", split = ",", paramLabel = "LIST",
            description = "Stacks to run: reactls (pure-Java crypto), reactls-native (with Amazon Corretto Crypto "
                    + "Provider), jdk, bcjsse, boringssl (record, handshake); reactls-jce, reactls-bc, jce (cipher). "
                    + "Default: all.")
    List<String> stacks;

    @Option(names = "--handshakes", split = ",", paramLabel = "LIST",
            description = "Handshake kinds: TLS13_X25519, TLS13_P256, TLS13_X25519MLKEM768, TLS12_ECDHE_ECDSA, "
                    + "TLS12_ECDHE_RSA, TLS12_RSA. Default: all (--quick: TLS13_X25519).")
    List<String> handshakes;

    @Option(names = "--resumption", split = ",", paramLabel = "LIST",
            description = "full, resumed or both (default) for handshake.")
    List<String> resumption;

    @Option(names = "--buffers", split = ",", paramLabel = "LIST",
            description = "heap, direct or both for record (default: both; --quick: heap).")
    List<String> buffers;

    @Option(names = "--jdk", paramLabel = "PATH",
            description = "Run the same trials on this JDK too (its home, e.g. /usr/lib/jvm/temurin-25-jdk-amd64); "
                    + "repeatable. Results of every JDK go into one report.")
    List<Path> jdks;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where report.md, results.csv, results.json, charts/ and jmh.log go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
            description = "JVM forks per trial (default: ${DEFAULT-VALUE}); more forks, tighter error bars.")
    int forks;

    @Option(names = "--ignore-lock", description = "Run even while another JMH run holds its lock on this machine "
            + "(both then measure each other's load: say so with the numbers).")
    boolean ignoreLock;

    @Option(names = "--warmup-iterations", paramLabel = "N", description = "Warm-up iterations per fork (default 2; --quick 1).")
    Integer warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations per fork (default 3).")
    Integer iterations;

    @Option(names = "--time", paramLabel = "DURATION", description = "Length of one iteration, e.g. 1s or 200ms (default 1s; --quick 400ms).")
    String time;

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = plan();
        List<JdkInfo> targets = new ArrayList<>();
        targets.add(JdkInfo.current());
        if (jdks != null) {
            for (Path p : jdks) {
                targets.add(JdkInfo.of(p));
            }
        }
        List<BenchJob> jobs = plan.jobs();
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: no stack of " + mode + " is among --stacks " + String.join(",", stacks));
        }
        PrintStream console = new PrintStream(new WriterStream(spec.commandLine().getOut()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        BenchRunner runner = new BenchRunner(plan, console, prepare(out).resolve("jmh.log"));
        console.printf("reactls bench: %d trials on %d JDK(s), about %s; JMH log in %s%n", jobs.size() * targets.size(),
                targets.size(), BenchRunner.estimate(plan, jobs.size() * targets.size()), out.resolve("jmh.log"));
        String loadBefore = Machine.loadAverage();
        List<BenchResult> results = runner.run(jobs, targets);
        String loadAfter = Machine.loadAverage();
        List<Path> charts = BenchCharts.write(out.resolve("charts"), results, targets);
        BenchReport report = new BenchReport(command(), Machine.here(), targets, plan, results, loadBefore, loadAfter);
        String markdown = report.write(out, charts);
        console.println();
        console.println(markdown);
        console.printf("Written: %s, %s, %s and %d charts in %s%n", out.resolve("report.md"), out.resolve("results.csv"),
                out.resolve("results.json"), charts.size(), out.resolve("charts"));
        return results.stream().anyMatch(BenchResult::ok) ? 0 : 1;
    }

    /** The options as a plan; a bad value is an IllegalArgumentException whose message is the one line shown. */
    BenchPlan plan() {
        EnumSet<BenchMode> modes = switch (mode.toLowerCase(Locale.ROOT)) {
            case "all" -> EnumSet.allOf(BenchMode.class);
            case "cipher" -> EnumSet.of(BenchMode.CIPHER);
            case "record" -> EnumSet.of(BenchMode.RECORD);
            case "handshake" -> EnumSet.of(BenchMode.HANDSHAKE);
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; valid: cipher, record, handshake, all");
        };
        if (handshakes != null) {
            handshakes.forEach(HandshakeKind::parse);
        }
        return new BenchPlan().modes(modes).quick(quick).suites(suites).sizes(sizes == null ? null : sizes.stream().map(BenchCommand::bytes).toList())
                .stacks(stacks).handshakes(handshakes).resumption(resumption).buffers(buffers).forks(forks).ignoreLock(ignoreLock)
                .iterations(warmupIterations, iterations, time == null ? null : millis(time));
    }

    private static java.nio.file.Path prepare(Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        return dir;
    }

    private String command() {
        List<String> args = spec != null && spec.commandLine().getParseResult() != null
                ? spec.commandLine().getParseResult().originalArgs() : List.of();
        return "reactls " + String.join(" ", args);
    }

    /** "1024", "1k", "16KiB" as bytes. */
    static int bytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        try {
            return t.endsWith("k") ? Integer.parseInt(t.substring(0, t.length() - 1)) * 1024 : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sizes: '" + s + "' is not a byte count (e.g. 64, 1k, 16000)");
        }
    }

    /** "1s", "500ms", "2" (seconds) as milliseconds. */
    static long millis(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            return Math.round(Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--time: '" + s + "' is not a duration (e.g. 1s, 200ms)");
        }
    }

    /** Console output through picocli's writer, so tests can capture it. */
    private static final class WriterStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;

        WriterStream(java.io.PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
