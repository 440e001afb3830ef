package io.reactls.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick-start code blocks are the regions of {@link QuickStart} between {@code tag::name[]} and
 * {@code end::name[]}, word for word: a README block follows a {@code <!-- quickstart:name -->} line.
 */
class QuickStartReadmeTest {

    static final Path README = Path.of("../README.md");
    static final Path SOURCE = Path.of("src/main/java/io/reactls/examples/quickstart/QuickStart.java");

    static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(SOURCE);
        Pattern start = Pattern.compile("\\s*// tag::([\\w-]+)\\[]");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = start.matcher(lines.get(i));
            if (m.matches()) {
                List<String> body = new ArrayList<>();
                int j = i + 1;
                while (!lines.get(j).trim().equals("// end::" + m.group(1) + "[]")) {
                    body.add(lines.get(j++));
                }
                regions.put(m.group(1), dedent(body));
            }
        }
        return regions;
    }

    static Map<String, String> readmeBlocks() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<!-- quickstart:([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(README));
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }

    private static String dedent(List<String> body) {
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : body) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    @Test
    void everyReadmeBlockIsTheCompiledExample() throws IOException {
        Map<String, String> regions = regions();
        Map<String, String> blocks = readmeBlocks();
        assertThat(regions).containsKeys("pem-server", "pkcs12-echo-server", "https-client", "mtls", "tcp-client",
                "metrics", "reload", "async-signer", "events", "any-transport");
        assertThat(blocks.keySet()).containsExactlyInAnyOrderElementsOf(regions.keySet());
        for (Map.Entry<String, String> region : regions.entrySet()) {
            assertThat(blocks.get(region.getKey())).as(region.getKey()).isEqualTo(region.getValue());
        }
    }
}
