package io.reactls.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = ReactlsCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void anUnknownSuiteIsOneLineWithTheClosestNameAndNoStackTrace() {
        assertThat(run("bench", "cipher", "--suites", "TLS_AES_256_GCM_SHA385")).isNotZero();
        String e = err.toString().strip();
        assertThat(e.lines()).hasSize(1);
        assertThat(e).startsWith("reactls bench: unknown cipher suite 'TLS_AES_256_GCM_SHA385'; did you mean TLS_AES_256_GCM_SHA384?")
                .contains("IANA names", "OpenSSL names").doesNotContain("Exception", "\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void openSslSuiteNamesAreMappedAndAnUnknownStackListsTheValidOnes() {
        BenchCommand bench = new BenchCommand();
        bench.mode = "record";
        bench.suites = List.of("ECDHE-RSA-AES128-GCM-SHA256");
        bench.forks = 1;
        assertThat(bench.plan().jobs()).extracting(j -> j.subject()).containsOnly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

        assertThat(run("bench", "--stacks", "reactls,openssl")).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("reactls bench: unknown stack 'openssl'; did you mean "
                + "boringssl? Valid: reactls, reactls-native, jdk, bcjsse, boringssl, reactls-jce, reactls-bc, jce");
    }

    @Test
    void helpPrintsTheUsageLikeEveryOtherCommand() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: reactls bench").contains("--quick", "--jdk", "--stacks");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void sizesAndDurationsAcceptUnits() {
        assertThat(BenchCommand.bytes("16k")).isEqualTo(16384);
        assertThat(BenchCommand.bytes("1KiB")).isEqualTo(1024);
        assertThat(BenchCommand.bytes("64")).isEqualTo(64);
        assertThat(BenchCommand.millis("200ms")).isEqualTo(200);
        assertThat(BenchCommand.millis("1s")).isEqualTo(1000);
        assertThat(run("bench", "--sizes", "99999")).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("reactls bench: size 99999 is not 1..16384 (one TLS record of plaintext)");
    }

    /** A tiny real run: one cipher suite and size on two cipher stacks, one record and one full handshake; JMH forks as usual. */
    @Test
    void aTinyRunWritesTheTableCsvJsonAndCharts(@TempDir Path dir) throws Exception {
        int exit = run("bench", "all", "--suites", "TLS_AES_128_GCM_SHA256", "--sizes", "1024",
                "--stacks", "reactls-jce,jce,reactls", "--handshakes", "TLS13_X25519", "--resumption", "full",
                "--buffers", "heap", "--warmup-iterations", "0", "--iterations", "1", "--time", "100ms",
                // a functional check, not a measurement: other JMH runs on a shared machine must not fail it
                "--ignore-lock", "--out", dir.toString());
        assertThat(exit).as(out + "\n" + err).isZero();

        String console = out.toString();
        assertThat(console).contains("[1/4] cipher reactls-jce TLS_AES_128_GCM_SHA256 1024 B", "[4/4] handshake reactls TLS13_X25519 full");
        String report = Files.readString(dir.resolve("report.md"));
        assertThat(report).contains("Command: `reactls bench all --suites TLS_AES_128_GCM_SHA256", "CPU flags:", "Load average",
                "JDK " + Runtime.version().feature(), "| TLS_AES_128_GCM_SHA256 | 1024 | ", "reactls + SunJCE", "raw JCE Cipher",
                "reactls-jce / jce", "| TLS 1.3 x25519 | full | ");
        assertThat(report).containsPattern("\\| TLS_AES_128_GCM_SHA256 \\| 1024 \\| [\\d,.]+ MB/s \\([\\d,]+ ± [?\\d,]+ ops/s\\) \\| [\\d,.]+ MB/s");
        assertThat(report).containsPattern("\\| TLS 1\\.3 x25519 \\| full \\| [\\d,.]+ ± [?\\d,]+ handshakes/s \\|");

        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).startsWith("jdk,mode,stack,subject,size,variant,ops_per_s");
        for (String stack : List.of(",cipher,reactls-jce,", ",cipher,jce,", ",record,reactls,", ",handshake,reactls,")) {
            assertThat(csv).anySatisfy(line -> assertThat(line).contains(stack).containsPattern(",\\d+\\.\\d{3},"));
        }
        String json = Files.readString(dir.resolve("results.json"));
        assertThat(json).contains("\"machine\": {\"cpu\": ", "\"stack\": \"reactls-jce\"", "\"stack\": \"jce\"",
                "\"mode\": \"handshake\"").containsPattern("\"opsPerSec\": \\d+\\.\\d{3}");

        for (String chart : List.of("cipher-TLS_AES_128_GCM_SHA256-jdk", "record-TLS_AES_128_GCM_SHA256-heap-jdk", "handshake-jdk")) {
            Path png = dir.resolve("charts").resolve(chart + Runtime.version().feature() + ".png");
            Path svg = dir.resolve("charts").resolve(chart + Runtime.version().feature() + ".svg");
            assertThat(new String(Files.readAllBytes(png), 1, 3, StandardCharsets.US_ASCII)).as(png.toString()).isEqualTo("PNG");
            assertThat(Files.size(png)).isGreaterThan(5_000);
            assertThat(Files.readString(svg, StandardCharsets.UTF_8)).contains("<svg", "reactls");
        }
    }
}
