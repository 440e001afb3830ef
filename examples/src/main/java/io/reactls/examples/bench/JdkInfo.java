package io.reactls.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A JDK to run the benchmarks on: its {@code java} and, from its {@code release} file, vendor and version.
 *
 * @param home    the JDK's home directory
 * @param version e.g. "17.0.15+6-Debian-1deb12u1"
 * @param vendor  e.g. "Eclipse Adoptium", or "Debian" when the release file names none
 */
public record JdkInfo(Path home, String version, String vendor) {

    /** The JDK this command runs on. */
    public static JdkInfo current() {
        return of(Path.of(System.getProperty("java.home")));
    }

    /** The JDK at {@code home}; a directory without {@code bin/java} is an {@link IllegalArgumentException}. */
    public static JdkInfo of(Path home) {
        Path h = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(h.resolve("bin/java"))) {
            throw new IllegalArgumentException("--jdk " + home + ": no bin/java there (give a JDK's home directory)");
        }
        Properties release = new Properties();
        try {
            release.load(Files.newBufferedReader(h.resolve("release")));
        } catch (IOException e) {
            // no release file: the version of the running JVM is all we can say when it is this one
        }
        String version = unquote(release.getProperty("JAVA_RUNTIME_VERSION", release.getProperty("JAVA_VERSION", "?")));
        String vendor = unquote(release.getProperty("IMPLEMENTOR", ""));
        if (vendor.isEmpty()) {
            vendor = version.contains("Debian") ? "Debian" : version.contains("Ubuntu") ? "Ubuntu" : "unknown vendor";
        }
        if (version.equals("?") && h.equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
            version = System.getProperty("java.runtime.version");
        }
        return new JdkInfo(h, version, vendor);
    }

    public String java() {
        return home.resolve("bin/java").toString();
    }

    /** The feature release, e.g. "17". */
    public String feature() {
        int dot = version.indexOf('.');
        int plus = version.indexOf('+');
        int end = dot > 0 ? dot : plus > 0 ? plus : version.length();
        return version.substring(0, end);
    }

    /** What tables and charts call it, e.g. "JDK 17.0.15 (Debian)". */
    public String label() {
        String v = version.replaceAll("[+-].*", "");
        return "JDK " + v + " (" + vendor + ")";
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
    }
}
