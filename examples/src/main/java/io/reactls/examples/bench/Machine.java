package io.reactls.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The machine a report was measured on: CPU model and the flags that decide crypto speed (AES-NI, VAES, VPCLMULQDQ,
 * AVX2, AVX-512, SHA-NI), CPUs, memory, OS and load average, read from /proc where there is one.
 *
 * @param cpu       model name
 * @param flags     the crypto-relevant flags present
 * @param cpus      processors available to the JVM
 * @param memoryGiB total memory
 * @param os        name, version and architecture
 */
public record Machine(String cpu, List<String> flags, int cpus, long memoryGiB, String os) {

    private static final List<String> INTERESTING = List.of("aes", "vaes", "pclmulqdq", "vpclmulqdq", "avx2",
            "avx512f", "avx512vl", "sha_ni", "adx", "bmi2");

    public static Machine here() {
        String cpu = System.getProperty("os.arch");
        List<String> flags = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && cpu.equals(System.getProperty("os.arch"))) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    Set<String> present = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                    for (String f : INTERESTING) {
                        if (present.contains(f)) {
                            flags.add(f.equals("aes") ? "AES-NI" : f.toUpperCase(java.util.Locale.ROOT).replace("_", "-"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            // not Linux: the architecture is all we say
        }
        long memory = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new Machine(cpu, List.copyOf(flags), Runtime.getRuntime().availableProcessors(), memory, os);
    }

    /** The 1, 5 and 15-minute load averages, or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
