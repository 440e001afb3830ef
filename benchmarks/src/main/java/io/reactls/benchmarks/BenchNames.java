package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import java.util.Collection;
import java.util.Locale;

/**
 * The names a benchmark parameter accepts, checked in one place so a typo is one line naming the closest valid
 * name, never a stack trace: cipher suites by IANA name (OpenSSL names such as {@code ECDHE-RSA-AES128-GCM-SHA256}
 * are mapped), stacks, handshake kinds.
 */
public final class BenchNames {

    private BenchNames() {
    }

    /** A suite by IANA or OpenSSL name, case-insensitive; a typo names the closest suite. */
    public static CipherSuite suite(String name) {
        return CipherSuite.parse(name);
    }

    /** {@code name} if it is one of {@code valid} (case-insensitive, returned as spelled there), else one clear line. */
    public static String oneOf(String what, String name, Collection<String> valid) {
        for (String v : valid) {
            if (v.equalsIgnoreCase(name.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "'; did you mean "
                + closest(name.trim(), valid) + "? Valid: " + String.join(", ", valid));
    }

    /** The valid name at the smallest edit distance (case-insensitive). */
    static String closest(String name, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(name.toUpperCase(Locale.ROOT), v.toUpperCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
