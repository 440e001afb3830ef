package io.reactls.benchmarks;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;

/**
 * What every stack is pinned to for one measurement: protocol version, the single suite, the single key-exchange
 * group and the server's certificate (ECDSA P-256, or RSA 2048 for the RSA-authenticated TLS 1.2 suites).
 */
record TlsShape(TlsVersion version, CipherSuite suite, NamedGroup group, boolean rsaCertificate) {

    /** The shape a record (data transfer) benchmark uses for a suite: x25519 and the certificate the suite needs. */
    static TlsShape forSuite(CipherSuite suite) {
        KeyExchangeAlgorithm kx = CipherSuites.keyExchange(suite);
        boolean rsa = kx == KeyExchangeAlgorithm.ECDHE_RSA || kx == KeyExchangeAlgorithm.RSA;
        return new TlsShape(suite.isTls13() ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2, suite, NamedGroup.X25519, rsa);
    }

    /** "TLSv1.3" or "TLSv1.2", as SSLEngine names protocols. */
    String protocol() {
        return version == TlsVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
    }

    /** The group as {@code jdk.tls.namedGroups} (JDK, BCJSSE) names it. */
    String jdkGroup() {
        return group.rfcName();
    }

    /** The group as BoringSSL names it. */
    String boringSslGroup() {
        return switch (group) {
            case X25519 -> "X25519";
            case SECP256R1 -> "P-256";
            case SECP384R1 -> "P-384";
            default -> group.rfcName();
        };
    }
}
