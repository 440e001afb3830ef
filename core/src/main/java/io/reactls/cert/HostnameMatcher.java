package io.reactls.cert;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;

/**
 * Matches the name a client meant to reach against a server certificate, per RFC 6125 §6:
 * <ul>
 *   <li>DNS names match subjectAltName dNSName entries, ASCII case-insensitively, a trailing dot ignored;</li>
 *   <li>a wildcard is only a whole left-most label ({@code *.example.com}), matches exactly one label, and needs at
 *       least two labels after it (no {@code *.com}); partial wildcards ({@code f*.example.com}) never match;</li>
 *   <li>IP literals (v4, v6, v6 in brackets) match only iPAddress entries, byte for byte;</li>
 *   <li>the subject CN is consulted only when the certificate has no dNSName at all, and never for IP literals.</li>
 * </ul>
 * Without a public suffix list, {@code *.co.uk} is accepted; the two-label rule stops only the crudest cases.
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /**
     * Whether {@code certificate} is for {@code hostname} (RFC 6125).
     *
     * @param certificate the leaf certificate
     * @param hostname a DNS name or IP literal
     * @return true when an identifier it presents matches
     */
    public static boolean matches(X509Certificate certificate, String hostname) {
        return matches(PresentedIdentifiers.of(certificate), hostname);
    }

    /**
     * Whether these presented identifiers match {@code hostname} (RFC 6125).
     *
     * @param identifiers what a certificate presents
     * @param hostname a DNS name or IP literal
     * @return true when one of them matches
     */
    public static boolean matches(PresentedIdentifiers identifiers, String hostname) {
        if (hostname == null || hostname.isEmpty()) {
            return false;
        }
        byte[] ip = parseIpLiteral(hostname);
        if (ip != null) {
            for (byte[] presented : identifiers.ipAddresses()) {
                if (Arrays.equals(normalizeIp(presented), ip)) {
                    return true;
                }
            }
            return false;
        }
        String host = normalizeHost(hostname);
        if (host == null) {
            return false;
        }
        // RFC 6125 §6.4.4: a CN is only a fallback for certificates that carry no DNS-ID.
        Iterable<String> patterns = identifiers.dnsNames().isEmpty() ? identifiers.commonNames() : identifiers.dnsNames();
        for (String pattern : patterns) {
            if (matchesNormalized(pattern, host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a presented DNS identifier (possibly a wildcard) matches a reference DNS name.
     *
     * @param pattern a presented dNSName, possibly {@code *.example.com}
     * @param hostname the reference name
     * @return true when they match
     */
    public static boolean matchesDnsName(String pattern, String hostname) {
        String host = normalizeHost(hostname);
        return host != null && matchesNormalized(pattern, host);
    }

    private static boolean matchesNormalized(String pattern, String host) {
        String p = normalizePattern(pattern);
        if (p == null) {
            return false;
        }
        if (p.indexOf('*') < 0) {
            return p.equals(host);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false; // partial or non-left-most wildcards are not honoured
        }
        String suffix = p.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0) {
            return false; // "*.com": a wildcard over a whole top-level domain
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String firstLabel = host.substring(0, host.length() - suffix.length());
        return !firstLabel.isEmpty() && firstLabel.indexOf('.') < 0;
    }

    /** Lower-case ASCII form of the reference name, or null when it cannot be a valid DNS name. */
    private static String normalizeHost(String hostname) {
        if (hostname == null) {
            return null;
        }
        String host = stripTrailingDot(hostname);
        if (!isAscii(host)) {
            try {
                host = IDN.toASCII(host);
            } catch (IllegalArgumentException e) {
                return null; // not convertible to an A-label: it cannot equal any (ASCII) dNSName, so no match
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        return validLabels(host) && host.indexOf('*') < 0 ? host : null;
    }

    private static String normalizePattern(String pattern) {
        String p = stripTrailingDot(pattern);
        // dNSName is IA5String; a non-ASCII CN is not a DNS name at all.
        return isAscii(p) && validLabels(p) ? p.toLowerCase(Locale.ROOT) : null;
    }

    private static String stripTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean validLabels(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '/' || c == '\\' || c == '@' || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the text is an IPv4 or IPv6 literal (IPv6 optionally in brackets).
     *
     * @param text a host
     * @return true for an IP literal
     */
    public static boolean isIpLiteral(String text) {
        return parseIpLiteral(text) != null;
    }

    /**
     * The address bytes of an IP literal (4 for IPv4 and IPv4-mapped IPv6, else 16), or null if it is not one.
     * Never resolves a name: only strings that can only be literals reach {@link InetAddress}.
     * IPv4 must be four decimal octets without leading zeros (so "010.1.1.1" is not read as octal or decimal).
     *
     * @param text a host
     * @return the address bytes, or null
     */
    public static byte[] parseIpLiteral(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text);
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (literal.isEmpty() || !(Character.digit(literal.charAt(0), 16) >= 0 || literal.charAt(0) == ':')) {
            return null;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null; // also rejects zone ids ("%eth0"), which never appear in certificates
            }
        }
        try {
            // Starts with a hex digit or ':' and contains ':', so the JDK parses it as a literal without any lookup.
            return normalizeIp(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return null; // malformed IPv6 literal: the caller treats the text as "not an IP address"
        }
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** IPv4-mapped IPv6 (::ffff:a.b.c.d) compares equal to the IPv4 address, as the JDK parses it. */
    private static byte[] normalizeIp(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    static String formatIp(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            return "(malformed " + address.length + "-byte address)";
        }
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address was refused", e);
        }
    }
}
