package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a benchmark parameter accepts, checked in one place so a typo is one line naming the closest valid
 * name, never a stack trace: cipher suites by IANA name (OpenSSL names such as {@code ECDHE-RSA-AES128-GCM-SHA256}
 * are mapped), stacks, handshake kinds.
 */
public final class BenchNames {

    /** OpenSSL's names for the suites reactls speaks (TLS 1.3 suites have the IANA name in OpenSSL too). */
    private static final Map<String, CipherSuite> OPENSSL = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
            Map.entry("AES128-GCM-SHA256", CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
            Map.entry("AES256-GCM-SHA384", CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384),
            Map.entry("ECDHE-RSA-AES128-SHA", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
            Map.entry("ECDHE-RSA-AES256-SHA", CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA),
            Map.entry("ECDHE-ECDSA-AES128-SHA", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA),
            Map.entry("ECDHE-ECDSA-AES256-SHA", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA),
            Map.entry("ECDHE-RSA-AES128-SHA256", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256),
            Map.entry("AES128-SHA", CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA),
            Map.entry("AES256-SHA", CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA),
            Map.entry("AES128-SHA256", CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256),
            Map.entry("AES256-SHA256", CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256));

    private BenchNames() {
    }

    /** A suite by IANA or OpenSSL name, case-insensitive. */
    public static CipherSuite suite(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        CipherSuite openssl = OPENSSL.get(n);
        if (openssl != null) {
            return openssl;
        }
        for (CipherSuite s : CipherSuite.values()) {
            if (s.name().equals(n)) {
                return s;
            }
        }
        List<String> valid = Arrays.stream(CipherSuite.values()).map(Enum::name).toList();
        throw new IllegalArgumentException("unknown cipher suite '" + name + "'; did you mean " + closest(n, valid)
                + "? Valid IANA names: " + String.join(", ", valid));
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
