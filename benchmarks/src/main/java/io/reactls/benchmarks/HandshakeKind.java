package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;
import java.util.Arrays;
import java.util.List;

/** The handshakes {@link HandshakeBenchmark} measures: version, key exchange and certificate, one suite each. */
public enum HandshakeKind {
    TLS13_X25519(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, false),
    TLS13_P256(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP256R1, false),
    TLS13_X25519MLKEM768(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519MLKEM768, false),
    TLS12_ECDHE_ECDSA(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, false),
    TLS12_ECDHE_RSA(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, true),
    TLS12_RSA(TlsVersion.TLS_1_2, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, true);

    private final TlsShape shape;

    HandshakeKind(TlsVersion version, CipherSuite suite, NamedGroup group, boolean rsa) {
        this.shape = new TlsShape(version, suite, group, rsa);
    }

    TlsShape shape() {
        return shape;
    }

    /** What a report calls it, e.g. "TLS 1.3 x25519" or "TLS 1.2 RSA kx". */
    public String label() {
        return switch (this) {
            case TLS13_X25519 -> "TLS 1.3 x25519";
            case TLS13_P256 -> "TLS 1.3 P-256";
            case TLS13_X25519MLKEM768 -> "TLS 1.3 X25519MLKEM768";
            case TLS12_ECDHE_ECDSA -> "TLS 1.2 ECDHE-ECDSA";
            case TLS12_ECDHE_RSA -> "TLS 1.2 ECDHE-RSA";
            case TLS12_RSA -> "TLS 1.2 RSA kx";
        };
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** By name, case-insensitive; an unknown name is one line listing the valid ones. */
    public static HandshakeKind parse(String name) {
        return valueOf(BenchNames.oneOf("handshake", name, names()));
    }
}
