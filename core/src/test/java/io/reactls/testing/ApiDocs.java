package io.reactls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The javadoc of a module's API packages, checked by javac's doclint with every check (missing comments, {@code @param},
 * {@code @return}, {@code @throws} included) on the public and protected members: what the release profile's javadoc
 * jars demand, in seconds instead of a javadoc run. Only the API packages' sources are compiled, against the module's
 * compiled classes, so the internal packages are not compiled again.
 */
public final class ApiDocs {

    private ApiDocs() {
    }

    /**
     * The doclint findings in {@code packages} of the sources under {@code sourceRoot}, one line each.
     *
     * @param sourceRoot the module's {@code src/main/java}
     * @param packages the exported packages
     * @return "File.java:line: message" per finding; empty when the javadoc is complete
     */
    public static List<String> problems(Path sourceRoot, String... packages) {
        List<Path> sources = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.list(sourceRoot.resolve(pkg.replace('.', '/')))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Path out = Files.createTempDirectory("reactls-apidocs");
            List<String> options = List.of("-proc:none", "-implicit:none", "--release", "17",
                    "-Xdoclint:all/protected", "-Xdoclint/package:" + String.join(",", packages),
                    "-classpath", "target/classes" + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    "-d", out.toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> (d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT))
                .toList();
    }
}
