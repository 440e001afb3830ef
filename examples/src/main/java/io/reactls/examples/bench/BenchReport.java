package io.reactls.examples.bench;

import io.reactls.benchmarks.HandshakeKind;
import io.reactls.benchmarks.Stacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The written results of one {@code reactls bench} run: {@code report.md} (tables per mode and JDK, stacks side by
 * side, ratios of each reactls stack to each peer), {@code results.csv} and {@code results.json} (one row per trial),
 * with the machine, the JDKs, the JMH settings and the exact command.
 */
public final class BenchReport {

    private final String command;
    private final Machine machine;
    private final List<JdkInfo> jdks;
    private final BenchPlan plan;
    private final List<BenchResult> results;
    private final String loadBefore;
    private final String loadAfter;
    private final String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

    public BenchReport(String command, Machine machine, List<JdkInfo> jdks, BenchPlan plan, List<BenchResult> results,
                       String loadBefore, String loadAfter) {
        this.command = command;
        this.machine = machine;
        this.jdks = jdks;
        this.plan = plan;
        this.results = results;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    /** "1234.5 MB/s (75,312 ± 1,204 ops/s)" or "523.1 ± 12.0 handshakes/s". */
    static String score(BenchResult r) {
        if (!r.ok()) {
            return "n/a";
        }
        if (r.job().mode() == BenchMode.HANDSHAKE) {
            return String.format(Locale.ROOT, "%,.1f ± %s handshakes/s", r.opsPerSec(), error(r.error()));
        }
        return String.format(Locale.ROOT, "%,.1f MB/s (%,.0f ± %s ops/s)", r.megabytesPerSec(), r.opsPerSec(), error(r.error()));
    }

    private static String error(double e) {
        return Double.isNaN(e) ? "?" : String.format(Locale.ROOT, "%,.0f", e);
    }

    /** Writes report.md, results.csv and results.json to {@code dir}; returns the Markdown. */
    public String write(Path dir, List<Path> charts) throws IOException {
        Files.createDirectories(dir);
        String markdown = markdown(dir, charts);
        Files.writeString(dir.resolve("report.md"), markdown);
        Files.writeString(dir.resolve("results.csv"), csv());
        Files.writeString(dir.resolve("results.json"), json());
        return markdown;
    }

    String markdown(Path dir, List<Path> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# reactls bench, ").append(date).append("\n\n");
        md.append("- Command: `").append(command).append("`\n");
        md.append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cpus()).append(" CPUs, ")
                .append(machine.memoryGiB()).append(" GiB; CPU flags: ").append(String.join(", ", machine.flags()))
                .append("; ").append(machine.os()).append('\n');
        md.append("- Load average (1, 5, 15 min): ").append(loadBefore).append(" at the start, ").append(loadAfter)
                .append(" at the end\n");
        for (JdkInfo jdk : jdks) {
            md.append("- ").append(jdk.label()).append(": `").append(jdk.home()).append("`, ").append(jdk.version()).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- JMH: %d fork(s) per trial, %d warm-up and %d measured iterations of %d ms; "
                        + "score = mean ± 99.9 %% confidence half-width%n", plan.forks(), plan.warmupIterations(),
                plan.measurementIterations(), plan.iterationMillis()));
        for (BenchMode mode : BenchMode.values()) {
            List<BenchResult> rows = results.stream().filter(r -> r.job().mode() == mode).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(mode.id()).append(": ").append(mode.unit()).append("\n");
            for (JdkInfo jdk : jdks) {
                List<BenchResult> mine = rows.stream().filter(r -> r.jdk().equals(jdk.label())).toList();
                md.append("\n### ").append(jdk.label()).append("\n\n");
                table(md, mode, mine);
            }
        }
        List<String> failed = results.stream().filter(r -> !r.ok())
                .map(r -> r.job().describe() + " on " + r.jdk() + ": " + r.failure()).toList();
        if (!plan.skipped().isEmpty() || !failed.isEmpty()) {
            md.append("\n## Not measured\n\n");
            plan.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
            failed.forEach(s -> md.append("- ").append(s).append('\n'));
        }
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n\n");
            for (Path c : charts) {
                if (c.toString().endsWith(".png")) {
                    md.append("![").append(c.getFileName()).append("](").append(dir.relativize(c)).append(")\n");
                }
            }
        }
        return md.toString();
    }

    /** Rows: subject, size, variant; columns: stacks, then each reactls stack over each peer. */
    private static void table(StringBuilder md, BenchMode mode, List<BenchResult> rows) {
        Set<String> stacks = new LinkedHashSet<>();
        Map<List<Object>, Map<String, BenchResult>> byRow = new LinkedHashMap<>();
        for (BenchResult r : rows) {
            stacks.add(r.job().stack());
            byRow.computeIfAbsent(List.of(r.job().subject(), r.job().size(), r.job().variant()), k -> new LinkedHashMap<>())
                    .put(r.job().stack(), r);
        }
        List<String[]> ratios = new ArrayList<>();
        for (String ours : stacks) {
            for (String peer : stacks) {
                if (ours.startsWith(Stacks.REACTLS) && !peer.startsWith(Stacks.REACTLS)) {
                    ratios.add(new String[] {ours, peer});
                }
            }
        }
        md.append(mode == BenchMode.HANDSHAKE ? "| handshake | " : "| suite | size (B) | ");
        if (mode == BenchMode.RECORD) {
            md.append("buffers | ");
        }
        if (mode == BenchMode.HANDSHAKE) {
            md.append("resumption | ");
        }
        for (String s : stacks) {
            md.append(Stacks.label(s)).append(" | ");
        }
        for (String[] r : ratios) {
            md.append(r[0]).append(" / ").append(r[1]).append(" | ");
        }
        md.append("\n|");
        int columns = (mode == BenchMode.RECORD ? 3 : 2) + stacks.size() + ratios.size();
        md.append("---|".repeat(columns)).append('\n');
        for (Map.Entry<List<Object>, Map<String, BenchResult>> row : byRow.entrySet()) {
            List<Object> key = row.getKey();
            md.append("| ");
            if (mode == BenchMode.HANDSHAKE) {
                md.append(HandshakeKind.valueOf((String) key.get(0)).label()).append(" | ").append(key.get(2)).append(" | ");
            } else {
                md.append(key.get(0)).append(" | ").append(key.get(1)).append(" | ");
                if (mode == BenchMode.RECORD) {
                    md.append(key.get(2)).append(" | ");
                }
            }
            for (String s : stacks) {
                BenchResult r = row.getValue().get(s);
                md.append(r == null ? "" : score(r)).append(" | ");
            }
            for (String[] pair : ratios) {
                BenchResult a = row.getValue().get(pair[0]);
                BenchResult b = row.getValue().get(pair[1]);
                md.append(a != null && b != null && a.ok() && b.ok()
                        ? String.format(Locale.ROOT, "%.2f", a.opsPerSec() / b.opsPerSec()) : "").append(" | ");
            }
            md.append('\n');
        }
    }

    String csv() {
        StringBuilder csv = new StringBuilder("jdk,mode,stack,subject,size,variant,ops_per_s,error_ops_per_s,mb_per_s,failure\n");
        for (BenchResult r : results) {
            BenchJob j = r.job();
            csv.append(quote(r.jdk())).append(',').append(j.mode().id()).append(',').append(j.stack()).append(',')
                    .append(j.subject()).append(',').append(j.size()).append(',').append(j.variant()).append(',')
                    .append(number(r.opsPerSec())).append(',').append(number(r.error())).append(',')
                    .append(number(r.megabytesPerSec())).append(',').append(r.failure() == null ? "" : quote(r.failure()))
                    .append('\n');
        }
        return csv.toString();
    }

    String json() {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"date\": ").append(string(date)).append(",\n");
        j.append("  \"command\": ").append(string(command)).append(",\n");
        j.append("  \"machine\": {\"cpu\": ").append(string(machine.cpu())).append(", \"flags\": [")
                .append(String.join(", ", machine.flags().stream().map(BenchReport::string).toList()))
                .append("], \"cpus\": ").append(machine.cpus()).append(", \"memoryGiB\": ").append(machine.memoryGiB())
                .append(", \"os\": ").append(string(machine.os())).append(", \"loadAverageStart\": ")
                .append(string(loadBefore)).append(", \"loadAverageEnd\": ").append(string(loadAfter)).append("},\n");
        j.append("  \"jdks\": [");
        for (int i = 0; i < jdks.size(); i++) {
            JdkInfo d = jdks.get(i);
            j.append(i == 0 ? "" : ", ").append("{\"label\": ").append(string(d.label())).append(", \"home\": ")
                    .append(string(d.home().toString())).append(", \"version\": ").append(string(d.version()))
                    .append(", \"vendor\": ").append(string(d.vendor())).append('}');
        }
        j.append("],\n");
        j.append(String.format(Locale.ROOT, "  \"jmh\": {\"forks\": %d, \"warmupIterations\": %d, \"measurementIterations\": %d, "
                + "\"iterationMillis\": %d},%n", plan.forks(), plan.warmupIterations(), plan.measurementIterations(), plan.iterationMillis()));
        j.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            BenchJob b = r.job();
            j.append("    {\"jdk\": ").append(string(r.jdk())).append(", \"mode\": ").append(string(b.mode().id()))
                    .append(", \"stack\": ").append(string(b.stack())).append(", \"subject\": ").append(string(b.subject()))
                    .append(", \"size\": ").append(b.size()).append(", \"variant\": ").append(string(b.variant()))
                    .append(", \"opsPerSec\": ").append(jsonNumber(r.opsPerSec())).append(", \"error\": ")
                    .append(jsonNumber(r.error())).append(", \"megabytesPerSec\": ").append(jsonNumber(r.megabytesPerSec()))
                    .append(", \"failure\": ").append(r.failure() == null ? "null" : string(r.failure())).append('}')
                    .append(i + 1 < results.size() ? ",\n" : "\n");
        }
        j.append("  ],\n  \"skipped\": [");
        j.append(String.join(", ", plan.skipped().stream().map(BenchReport::string).toList()));
        j.append("]\n}\n");
        return j.toString();
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String jsonNumber(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
