package io.reactls.testing;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;

/** OpenSSL's names for the IANA cipher suites and groups reactls speaks. */
public final class OpenSslNames {

    private OpenSslNames() {
    }

    public static String cipher(CipherSuite suite) {
        return switch (suite) {
            case TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 -> "ECDHE-ECDSA-AES128-GCM-SHA256";
            case TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 -> "ECDHE-ECDSA-AES256-GCM-SHA384";
            case TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 -> "ECDHE-ECDSA-CHACHA20-POLY1305";
            case TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 -> "ECDHE-RSA-AES128-GCM-SHA256";
            case TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 -> "ECDHE-RSA-AES256-GCM-SHA384";
            case TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 -> "ECDHE-RSA-CHACHA20-POLY1305";
            case TLS_RSA_WITH_AES_128_GCM_SHA256 -> "AES128-GCM-SHA256";
            case TLS_RSA_WITH_AES_256_GCM_SHA384 -> "AES256-GCM-SHA384";
            case TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA -> "ECDHE-RSA-AES128-SHA";
            case TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA -> "ECDHE-RSA-AES256-SHA";
            case TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA -> "ECDHE-ECDSA-AES128-SHA";
            case TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA -> "ECDHE-ECDSA-AES256-SHA";
            case TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 -> "ECDHE-RSA-AES128-SHA256";
            case TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 -> "ECDHE-ECDSA-AES128-SHA256";
            case TLS_RSA_WITH_AES_128_CBC_SHA -> "AES128-SHA";
            case TLS_RSA_WITH_AES_256_CBC_SHA -> "AES256-SHA";
            case TLS_RSA_WITH_AES_128_CBC_SHA256 -> "AES128-SHA256";
            case TLS_RSA_WITH_AES_256_CBC_SHA256 -> "AES256-SHA256";
            // TLS 1.3 suites keep their IANA names in openssl (-ciphersuites)
            case TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256 -> suite.name();
        };
    }

    public static String group(NamedGroup group) {
        return switch (group) {
            case X25519 -> "X25519";
            case SECP256R1 -> "P-256";
            case SECP384R1 -> "P-384";
            case SECP521R1 -> "P-521";
            case FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192 -> group.rfcName();
            case X25519MLKEM768 -> "X25519MLKEM768"; // not in OpenSSL 3.0; named for newer peers
        };
    }

    /** GnuTLS priority-string group name, e.g. {@code GROUP-X25519}. */
    public static String gnutlsGroup(NamedGroup group) {
        return switch (group) {
            case X25519 -> "GROUP-X25519";
            case SECP256R1 -> "GROUP-SECP256R1";
            case SECP384R1 -> "GROUP-SECP384R1";
            case SECP521R1 -> "GROUP-SECP521R1";
            case FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192 -> "GROUP-" + group.rfcName().toUpperCase(java.util.Locale.ROOT);
            case X25519MLKEM768 -> "GROUP-X25519-MLKEM768";
        };
    }

    /** A GnuTLS priority string allowing TLS 1.2 with exactly {@code suite}'s key exchange and cipher. */
    public static String gnutlsPriority(CipherSuite suite) {
        String kx = switch (CipherSuites.keyExchange(suite)) {
            case ECDHE_ECDSA -> "ECDHE-ECDSA";
            case ECDHE_RSA -> "ECDHE-RSA";
            case RSA -> "RSA";
            case TLS13 -> throw new IllegalArgumentException("TLS 1.3 suites need a TLS 1.3 priority string");
        };
        if (suite.isCbc()) {
            String cipher = switch (CipherSuites.cbc(suite)) {
                case AES_128_CBC -> "AES-128-CBC";
                case AES_256_CBC -> "AES-256-CBC";
            };
            String mac = switch (CipherSuites.mac(suite)) {
                case HMAC_SHA1 -> "SHA1";
                case HMAC_SHA256 -> "SHA256";
                case HMAC_SHA384 -> "SHA384";
            };
            return "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+" + kx + ":-CIPHER-ALL:+" + cipher + ":-MAC-ALL:+" + mac;
        }
        String cipher = switch (CipherSuites.aead(suite)) {
            case AES_128_GCM -> "AES-128-GCM";
            case AES_256_GCM -> "AES-256-GCM";
            case CHACHA20_POLY1305 -> "CHACHA20-POLY1305";
        };
        return "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+" + kx + ":-CIPHER-ALL:+" + cipher;
    }
}
