package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS 1.3 key exchange over secp521r1 and the RFC 7919 finite-field groups, between our own engines. */
class FiniteFieldGroupsTest {

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP521R1", "FFDHE2048", "FFDHE3072", "FFDHE4096", "FFDHE6144", "FFDHE8192"})
    void tls13HandshakesOver(NamedGroup group) {
        TlsConfig client = TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3)).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(List.of(group)).trustAnchors(RSA.trustAnchors()).build();
        TlsConfig server = TlsConfig.server(RSA.leaf()).cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256))
                .groups(List.of(NamedGroup.X25519, group)).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
            assertThat(p.client.session().group()).isEqualTo(group);
            assertThat(p.server.session().group()).isEqualTo(group);
            TlsEngineNegativeTest.exchangeData(p);
        }
    }
}
