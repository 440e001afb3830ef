package io.reactls.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md at the repository root cannot rot: every {@code Class#method} it names is a test method of this
 * module's test tree (nested classes included) or, read from source, of the server module's (whose classes core cannot
 * load), and every row has a test or says why it has none.
 */
class ConformanceTableTest {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|(.*)\\|\\s*$");
    private static final Pattern TEST = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)\\b");

    @Test
    void everyTestNamedInTheTableExists() throws Exception {
        Map<String, Class<?>> classes = testClasses();
        List<String> missing = new ArrayList<>();
        int rows = 0;
        int tested = 0;
        int notEnforced = 0;
        int untested = 0;
        for (String line : Files.readAllLines(table())) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            rows++;
            String[] cells = row.group(2).split("\\|");
            String status = cells[cells.length - 1];
            Matcher t = TEST.matcher(status);
            boolean any = false;
            while (t.find()) {
                any = true;
                if (!isTestMethod(classes.get(t.group(1)), t.group(2)) && !isServerTest(t.group(1), t.group(2))) {
                    missing.add("row " + row.group(1) + ": " + t.group());
                }
            }
            if (any) {
                tested++;
            } else if (status.contains("**not enforced**")) {
                notEnforced++;
            } else if (status.contains("**untested**")) {
                untested++;
            } else {
                missing.add("row " + row.group(1) + " names no test and no status: " + status.trim());
            }
        }
        assertThat(missing).as("tests CONFORMANCE.md names that do not exist").isEmpty();
        assertThat(rows).as("rows").isGreaterThan(50);
        assertThat(untested).as("untested rows are kept few").isLessThanOrEqualTo(5);
        System.out.printf("CONFORMANCE.md: %d rows, %d with tests, %d not enforced, %d untested%n", rows, tested, notEnforced, untested);
    }

    @Test
    void theCheckFindsAMissingTest() throws Exception {
        Map<String, Class<?>> classes = testClasses();
        assertThat(isTestMethod(classes.get("Tls13RecordLayerTest"), "secondChangeCipherSpecIsUnexpected")).isTrue();
        assertThat(isTestMethod(classes.get("TlsEngineNegativeTest"), "badMajorVersion")).as("in a nested class").isTrue();
        assertThat(isTestMethod(classes.get("Tls13RecordLayerTest"), "noSuchTest")).isFalse();
        assertThat(isTestMethod(classes.get("Tls13RecordLayerTest"), "atClientFinished")).as("a helper is no test").isFalse();
        assertThat(isTestMethod(classes.get("NoSuchTest"), "anything")).isFalse();
        assertThat(isServerTest("HttpsServerTest", "curlFetchesAPageOverTls13")).as("in the server module").isTrue();
        assertThat(isServerTest("HttpsServerTest", "start")).as("a helper is no test").isFalse();
        assertThat(isServerTest("NoSuchTest", "anything")).isFalse();
    }

    private static Path table() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("CONFORMANCE.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("CONFORMANCE.md not found above " + Path.of("").toAbsolutePath());
    }

    /** Top-level test classes of this module by simple name. */
    private static Map<String, Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ConformanceTableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Class<?>> byName = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList();
        }
        ClassLoader loader = ConformanceTableTest.class.getClassLoader();
        for (Path f : files) {
            String binary = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
            Class<?> c = Class.forName(binary, false, loader);
            byName.put(c.getSimpleName(), c);
        }
        return byName;
    }

    private static boolean isTestMethod(Class<?> c, String name) {
        if (c == null) {
            return false;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && isTest(m)) {
                return true;
            }
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            if (isTestMethod(nested, name)) {
                return true;
            }
        }
        return false;
    }

    /** A test method of the server module, found in its source: {@code @Test} (then any annotations) on it. */
    private static boolean isServerTest(String className, String method) throws IOException {
        Path tests = table().getParent().resolve("server/src/test/java");
        if (!Files.isDirectory(tests)) {
            return false;
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(tests)) {
            sources = walk.filter(p -> p.getFileName().toString().equals(className + ".java")).toList();
        }
        Pattern test = Pattern.compile("@Test\\s+(?:@\\w+(?:\\([^)]*\\))?\\s+)*void\\s+" + Pattern.quote(method) + "\\s*\\(");
        for (Path source : sources) {
            if (test.matcher(Files.readString(source)).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTest(Method m) {
        for (Annotation a : m.getAnnotations()) {
            String n = a.annotationType().getSimpleName();
            if (n.equals("Test") || n.equals("ParameterizedTest") || n.equals("RepeatedTest") || n.equals("FuzzTest")) {
                return true;
            }
        }
        return false;
    }
}
