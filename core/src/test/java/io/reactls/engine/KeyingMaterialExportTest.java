package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.TlsVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyingMaterialExportTest {

    private static final String LABEL = "EXPERIMENTAL-reactls";

    private static EnginePair pair(TlsVersion version) {
        return Tls13HandshakeTest.pair(Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC).versions(List.of(version)),
                Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC));
    }

    @Test
    void tls13BothSidesExportTheSameKeys() {
        try (EnginePair p = pair(TlsVersion.TLS_1_3).handshake()) {
            byte[] client = p.client.exportKeyingMaterial(LABEL, null, 32);
            assertThat(client).hasSize(32).isEqualTo(p.server.exportKeyingMaterial(LABEL, null, 32));
            // RFC 8446 §7.5: no context and an empty context are the same in TLS 1.3.
            assertThat(p.server.exportKeyingMaterial(LABEL, new byte[0], 32)).isEqualTo(client);
            assertThat(p.server.exportKeyingMaterial(LABEL, "ctx".getBytes(StandardCharsets.US_ASCII), 32)).isNotEqualTo(client);
            assertThat(p.server.exportKeyingMaterial(LABEL + "2", null, 32)).isNotEqualTo(client);
        }
    }

    @Test
    void tls12WithExtendedMasterSecretExports() {
        try (EnginePair p = pair(TlsVersion.TLS_1_2).handshake()) {
            assertThat(p.client.session().extendedMasterSecret()).isTrue();
            byte[] client = p.client.exportKeyingMaterial(LABEL, null, 40);
            assertThat(client).hasSize(40).isEqualTo(p.server.exportKeyingMaterial(LABEL, null, 40));
            // RFC 5705: an empty context is not the same as none.
            assertThat(p.server.exportKeyingMaterial(LABEL, new byte[0], 40)).isNotEqualTo(client)
                    .isEqualTo(p.client.exportKeyingMaterial(LABEL, new byte[0], 40));
        }
    }

    @Test
    void refusedBeforeTheHandshakeCompletes() {
        try (EnginePair p = pair(TlsVersion.TLS_1_3)) {
            p.client.beginHandshake();
            assertThatThrownBy(() -> p.client.exportKeyingMaterial(LABEL, null, 32)).isInstanceOf(IllegalStateException.class);
        }
    }
}
