package io.reactls.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.Main;

/**
 * The main class of {@code benchmarks.jar}: JMH's own command line, after checking the {@code -p} values this
 * module's benchmarks know, so a mistyped suite or stack is one line naming the valid values (JMH would fail each
 * forked trial with a stack trace).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            checkParameters(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
        }
        Main.main(args);
    }

    /** Checks every {@code -p name=v1,v2} whose name this module defines; others are left to JMH. */
    static void checkParameters(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String p = null;
            if (args[i].equals("-p") && i + 1 < args.length) {
                p = args[++i];
            } else if (args[i].startsWith("-p") && args[i].contains("=")) {
                p = args[i].substring(2);
            }
            if (p == null || !p.contains("=")) {
                continue;
            }
            String name = p.substring(0, p.indexOf('='));
            for (String value : p.substring(p.indexOf('=') + 1).split(",")) {
                check(name, value);
            }
        }
    }

    private static void check(String name, String value) {
        switch (name) {
            case "suite" -> BenchNames.suite(value);
            case "stack" -> {
                List<String> all = new ArrayList<>(Stacks.TLS);
                all.addAll(Stacks.CIPHER);
                all.add(Stacks.OPENSSL);
                all.add(Stacks.REACTLS_SSLENGINE);
                BenchNames.oneOf("stack", value, all);
            }
            case "kind" -> HandshakeKind.parse(value);
            case "resumption" -> BenchNames.oneOf("resumption", value, List.of("full", "resumed"));
            case "protocol" -> BenchNames.oneOf("protocol", value, HttpLoopbackBenchmark.PROTOCOLS);
            case "buffer" -> BenchNames.oneOf("buffer", value, List.of("heap", "direct"));
            default -> {
            }
        }
    }
}
