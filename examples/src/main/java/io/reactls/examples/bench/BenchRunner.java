package io.reactls.examples.bench;

import java.io.IOException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs a plan's trials through JMH's {@link Runner}, one trial at a time so each can be shown and its failure
 * caught, every trial in a forked JVM of the chosen JDK (JMH forks from this JVM's class path). JMH's own output
 * goes to a log file in the output directory; the console gets one progress line per trial: what runs, how many are
 * left, the time left, then the score.
 */
public final class BenchRunner {

    /** Forked JVM heap: fixed, so a run does not inherit the launching JVM's (or a test runner's) flags. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-Djava.awt.headless=true");
    /** JVM start, setup and teardown per trial, before one has been measured. */
    private static final double FIRST_GUESS_OVERHEAD_SECONDS = 3;

    private final BenchPlan plan;
    private final PrintStream console;
    private final Path log;
    private int done;
    private int total;
    private double overheadSeconds = FIRST_GUESS_OVERHEAD_SECONDS;
    private int measuredTrials;

    public BenchRunner(BenchPlan plan, PrintStream console, Path log) {
        this.plan = plan;
        this.console = console;
        this.log = log;
    }

    /** Seconds of warm-up and measurement a trial spends, by the plan's settings. */
    double plannedSeconds() {
        return plan.forks() * (plan.warmupIterations() + plan.measurementIterations()) * plan.iterationMillis() / 1000.0;
    }

    /** Runs {@code jobs} on each of {@code jdks} in turn; results in the same order. */
    public List<BenchResult> run(List<BenchJob> jobs, List<JdkInfo> jdks) throws IOException {
        total = jobs.size() * jdks.size();
        done = 0;
        List<BenchResult> results = new ArrayList<>();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            // JMH copies what the forked JVMs print (stack logs, warnings) to System.out/err: into the log with it.
            System.setOut(logStream);
            System.setErr(logStream);
            for (JdkInfo jdk : jdks) {
                console.printf("== %s: %d trials ==%n", jdk.label(), jobs.size());
                for (BenchJob job : jobs) {
                    results.add(runOne(job, jdk, logStream));
                }
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        return results;
    }

    private BenchResult runOne(BenchJob job, JdkInfo jdk, PrintStream logStream) {
        double left = (total - done) * (plannedSeconds() + overheadSeconds);
        console.printf("[%d/%d] %-62s %s left ", done + 1, total, job.describe(), duration(left));
        console.flush();
        logStream.println("#### " + job.describe() + " on " + jdk.label());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(job.mode().benchmark()) + "$")
                .jvm(jdk.java())
                .jvmArgs(FORK_JVM_ARGS.toArray(new String[0]))
                .forks(plan.forks())
                .warmupIterations(plan.warmupIterations())
                .warmupTime(TimeValue.milliseconds(plan.iterationMillis()))
                .measurementIterations(plan.measurementIterations())
                .measurementTime(TimeValue.milliseconds(plan.iterationMillis()))
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(false)
                .verbosity(VerboseMode.NORMAL);
        for (Map.Entry<String, String> p : job.params().entrySet()) {
            options.param(p.getKey(), p.getValue());
        }
        Progress progress = new Progress(OutputFormatFactory.createFormatInstance(logStream, VerboseMode.NORMAL));
        long start = System.nanoTime();
        BenchResult result;
        try {
            Collection<RunResult> runs = new Runner(options.build(), progress).run();
            if (runs.isEmpty()) {
                result = new BenchResult(jdk.label(), job, Double.NaN, Double.NaN,
                        progress.failure != null ? progress.failure : "no result (see the JMH log)");
            } else {
                RunResult run = runs.iterator().next();
                result = new BenchResult(jdk.label(), job, run.getPrimaryResult().getScore(),
                        run.getPrimaryResult().getScoreError(), null);
            }
        } catch (RunnerException | RuntimeException e) {
            result = new BenchResult(jdk.label(), job, Double.NaN, Double.NaN, String.valueOf(e.getMessage()));
        }
        double took = (System.nanoTime() - start) / 1e9;
        overheadSeconds = (overheadSeconds * measuredTrials + Math.max(0, took - plannedSeconds())) / (measuredTrials + 1);
        measuredTrials++;
        done++;
        console.println(result.ok() ? "→ " + BenchReport.score(result) : "→ failed: " + result.failure());
        return result;
    }

    /** What {@code trials} trials of {@code plan} take before any has run, e.g. "2m10s". */
    public static String estimate(BenchPlan plan, int trials) {
        double planned = plan.forks() * (plan.warmupIterations() + plan.measurementIterations()) * plan.iterationMillis() / 1000.0;
        return duration(trials * (planned + FIRST_GUESS_OVERHEAD_SECONDS));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }

    /** JMH's output to the log, plus a dot on the console per iteration and the failure reason kept. */
    private final class Progress implements OutputFormat {
        private final OutputFormat log;
        private boolean failed;
        String failure;

        Progress(OutputFormat log) {
            this.log = log;
        }

        @Override
        public void iteration(org.openjdk.jmh.infra.BenchmarkParams b, org.openjdk.jmh.infra.IterationParams i, int n) {
            log.iteration(b, i, n);
        }

        @Override
        public void iterationResult(org.openjdk.jmh.infra.BenchmarkParams b, org.openjdk.jmh.infra.IterationParams i, int n,
                                    org.openjdk.jmh.results.IterationResult r) {
            log.iterationResult(b, i, n, r);
            console.print('.');
            console.flush();
        }

        @Override
        public void startBenchmark(org.openjdk.jmh.infra.BenchmarkParams b) {
            log.startBenchmark(b);
        }

        @Override
        public void endBenchmark(org.openjdk.jmh.results.BenchmarkResult r) {
            log.endBenchmark(r);
        }

        @Override
        public void startRun() {
            log.startRun();
        }

        @Override
        public void endRun(Collection<RunResult> r) {
            log.endRun(r);
        }

        @Override
        public void print(String s) {
            log.print(s);
        }

        @Override
        public void println(String s) {
            log.println(s);
            note(s);
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            log.flush();
        }

        @Override
        public void verbosePrintln(String s) {
            log.verbosePrintln(s);
        }

        @Override
        public void write(int b) {
            log.write(b);
        }

        @Override
        public void write(byte[] b) throws IOException {
            log.write(b);
            note(new String(b, StandardCharsets.UTF_8));
        }

        /** Keeps the first exception line after JMH's {@code "<failure>"} marker: the reason a trial gave no score. */
        private void note(String text) {
            for (String line : text.split("\n")) {
                if (line.contains("<failure>")) {
                    failed = true;
                } else if (failed && failure == null && line.matches("^[\\w.$]+(Exception|Error): .*")) {
                    failure = line.substring(line.indexOf(": ") + 2).trim();
                }
            }
        }
    }

}
