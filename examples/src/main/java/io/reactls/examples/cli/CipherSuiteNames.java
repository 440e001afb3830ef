package io.reactls.examples.cli;

import io.reactls.CipherSuite;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Cipher suite names as users type them: the IANA name (any case), or OpenSSL's name for the same suite
 * ({@code ECDHE-RSA-AES128-GCM-SHA256}); anything else is refused with the closest IANA name as a suggestion.
 */
final class CipherSuiteNames {

    private CipherSuiteNames() {
    }

    /** The suite named {@code text}, or an IllegalArgumentException that suggests the closest IANA name. */
    static CipherSuite parse(String text) {
        String name = text.trim();
        for (CipherSuite suite : CipherSuite.values()) {
            if (suite.name().equalsIgnoreCase(name) || openSsl(suite).equalsIgnoreCase(name)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown cipher suite '" + name + "'; did you mean " + closest(name).name()
                + "? (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, or OpenSSL names)");
    }

    /** OpenSSL's name: TLS 1.3 suites keep the IANA one; TLS 1.2 ones read like ECDHE-ECDSA-AES256-GCM-SHA384. */
    static String openSsl(CipherSuite suite) {
        if (suite.isTls13()) {
            return suite.name();
        }
        String kx = switch (suite.keyExchange()) {
            case ECDHE_ECDSA -> "ECDHE-ECDSA-";
            case ECDHE_RSA -> "ECDHE-RSA-";
            case RSA, TLS13 -> "";
        };
        if (suite.isCbc()) {
            String cipher = switch (suite.cbc()) {
                case AES_128_CBC -> "AES128-";
                case AES_256_CBC -> "AES256-";
            };
            String mac = switch (suite.mac()) {
                case HMAC_SHA1 -> "SHA";
                case HMAC_SHA256 -> "SHA256";
                case HMAC_SHA384 -> "SHA384";
            };
            return kx + cipher + mac;
        }
        return kx + switch (suite.aead()) {
            case AES_128_GCM -> "AES128-GCM-" + suite.hash();
            case AES_256_GCM -> "AES256-GCM-" + suite.hash();
            case CHACHA20_POLY1305 -> "CHACHA20-POLY1305";
        };
    }

    /** The IANA name nearest to {@code text} by edit distance (OpenSSL-style dashes read as underscores). */
    static CipherSuite closest(String text) {
        String wanted = text.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(CipherSuite.values())
                .min(Comparator.comparingInt((CipherSuite s) -> Math.min(distance(wanted, s.name()),
                        distance(wanted, openSsl(s).replace('-', '_')))))
                .orElseThrow();
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
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
