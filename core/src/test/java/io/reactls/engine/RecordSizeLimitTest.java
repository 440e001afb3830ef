package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import io.reactls.record.RecordProtection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** record_size_limit (RFC 8449) between our own engines: the sender cuts its protected records to the receiver's limit. */
class RecordSizeLimitTest {

    static EnginePair pair(CipherSuite suite, int clientLimit, int serverLimit) {
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(suite)).recordSizeLimit(clientLimit)
                .trustAnchors(RSA.trustAnchors()).build();
        TlsConfig server = TlsConfig.server(RSA.leaf()).cipherSuites(List.of(suite)).recordSizeLimit(serverLimit).build();
        return new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake();
    }

    /** Sends {@code length} bytes from {@code from}, returns the record lengths on the wire and delivers them to {@code to}. */
    static List<Integer> send(TlsEngine from, TlsEngine to, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) i;
        }
        from.send(TlsEngineNegativeTest.buf(data));
        byte[] wire = TlsEngineNegativeTest.take(from);
        List<Integer> sizes = new ArrayList<>();
        for (TlsEngineNegativeTest.Rec r : TlsEngineNegativeTest.records(wire)) {
            sizes.add(r.body().length);
        }
        TlsEngineNegativeTest.feed(to, wire);
        int received = 0;
        ByteBuf b;
        while ((b = to.takePlaintext()) != null) {
            for (int i = 0; i < b.readableBytes(); i++) {
                assertThat(b.getByte(b.readerIndex() + i)).isEqualTo((byte) (received + i));
            }
            received += b.readableBytes();
            b.release();
        }
        assertThat(received).isEqualTo(length);
        return sizes;
    }

    @Test
    void tls13ServerCutsItsRecordsToTheClientsLimit() {
        try (EnginePair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, 256, RecordSizeLimitTestDefaults.DEFAULT)) {
            // 256 = 255 bytes of content + the content type; the AEAD adds its 16-byte tag.
            List<Integer> sizes = send(p.server, p.client, 4096);
            assertThat(sizes).hasSize((4096 + 254) / 255).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(256 + 16));
            assertThat(sizes.get(0)).isEqualTo(256 + 16);
            // The client was given no limit below the maximum: full records the other way.
            assertThat(send(p.client, p.server, 20000)).containsExactly(RecordProtection.MAX_PLAINTEXT + 1 + 16, 20000 - RecordProtection.MAX_PLAINTEXT + 1 + 16);
        }
    }

    @Test
    void tls13ClientCutsItsRecordsToTheServersLimit() {
        try (EnginePair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, RecordSizeLimitTestDefaults.DEFAULT, 64)) {
            assertThat(send(p.client, p.server, 1000)).hasSize((1000 + 62) / 63).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(64 + 16));
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void tls12CountsPlaintextOnly(CipherSuite suite) {
        try (EnginePair p = pair(suite, 512, 1000)) {
            int overhead = suite == CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ? 8 + 16 : 16;
            assertThat(send(p.server, p.client, 5000)).hasSize(10).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(512 + overhead));
            assertThat(send(p.client, p.server, 5000)).hasSize(5).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(1000 + overhead));
        }
    }

    @Test
    void withoutTheClientsExtensionNoLimitApplies() {
        try (EnginePair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, 0, 64)) {
            assertThat(send(p.client, p.server, 1000)).as("the server's limit was never announced").hasSize(1);
            assertThat(send(p.server, p.client, 1000)).hasSize(1);
        }
    }

    @Test
    void aRecordOverOurLimitIsARecordOverflow() {
        try (EnginePair p = pair(CipherSuite.TLS_AES_128_GCM_SHA256, RecordSizeLimitTestDefaults.DEFAULT, 128)) {
            p.client.recordSizeLimits(RecordProtection.MAX_PLAINTEXT, RecordProtection.MAX_PLAINTEXT); // a client that ignores it
            p.client.send(TlsEngineNegativeTest.buf(new byte[500]));
            byte[] wire = TlsEngineNegativeTest.take(p.client);
            assertThatThrownBy(() -> TlsEngineNegativeTest.feed(p.server, wire)).isInstanceOfSatisfying(TlsAlertException.class,
                    e -> assertThat(e.alert()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
        }
    }

    @Test
    void limitsOutsideTheRfcsRangeAreRefused() {
        assertThatThrownBy(() -> TlsConfig.client().recordSizeLimit(63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsConfig.client().recordSizeLimit(16386)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The default announced limit. */
    static final class RecordSizeLimitTestDefaults {
        static final int DEFAULT = io.reactls.handshake.RecordSizeLimit.TLS13_MAX;
    }
}
