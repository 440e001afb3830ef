package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.CertificateGenerator;
import io.reactls.CipherSuite;
import io.reactls.GeneratedPki;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;
import io.reactls.crypto.NativeCrypto;
import io.reactls.handshake.TlsConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full handshakes where the client and the server run on different crypto backends (the native one where present,
 * pure Java on the other side, and both alike): key shares, signatures and record protection made by one backend
 * must be accepted by the other, for every group and signature kind the backends split between them.
 */
class CryptoBackendHandshakeTest {

    private static final GeneratedPki EC = CertificateGenerator.ec().ca("backend EC CA").leaf("localhost");
    private static final GeneratedPki RSA = TlsEngineNegativeTest.RSA;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean clientNative : new boolean[] {true, false}) {
            for (boolean serverNative : new boolean[] {true, false}) {
                b.add(Arguments.of(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP256R1, "ec", clientNative, serverNative));
                b.add(Arguments.of(TlsVersion.TLS_1_3, CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.SECP384R1, "rsa", clientNative, serverNative));
                b.add(Arguments.of(TlsVersion.TLS_1_3, CipherSuite.TLS_CHACHA20_POLY1305_SHA256, NamedGroup.X25519, "ec", clientNative, serverNative));
                b.add(Arguments.of(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1, "rsa", clientNative, serverNative));
                b.add(Arguments.of(TlsVersion.TLS_1_2, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, NamedGroup.SECP521R1, "ec", clientNative, serverNative));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} cert, client native {4}, server native {5}")
    @MethodSource("cases")
    void handshakesAndExchangesDataAcrossBackends(TlsVersion version, CipherSuite suite, NamedGroup group, String cert,
            boolean clientNative, boolean serverNative) {
        GeneratedPki pki = cert.equals("ec") ? EC : RSA;
        TlsConfig client = TlsConfig.client().versions(List.of(version)).cipherSuites(List.of(suite)).groups(List.of(group))
                .trustAnchors(pki.trustAnchors()).nativeCrypto(clientNative).build();
        TlsConfig server = TlsConfig.server(pki.leaf()).versions(List.of(version)).cipherSuites(List.of(suite))
                .groups(List.of(group)).nativeCrypto(serverNative).build();
        boolean present = NativeCrypto.provider().isPresent();
        assertThat(client.crypto().usesNative()).isEqualTo(clientNative && present);
        assertThat(server.crypto().usesNative()).isEqualTo(serverNative && present);
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
            assertThat(p.client.session().cipherSuite()).isEqualTo(suite);
            assertThat(p.client.session().group()).isEqualTo(group);
            TlsEngineNegativeTest.exchangeData(p);
        }
    }
}
