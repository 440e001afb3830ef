package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.record.RecordProtection;
import io.reactls.record.Tls13AeadProtection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8446 §5.5: a write key is replaced (KeyUpdate, update_not_requested) before it protects too many records. */
class AutomaticKeyUpdateTest {

    static final int RECORD = RecordProtection.MAX_PLAINTEXT;

    static EnginePair pair(long clientThreshold, long serverThreshold) {
        TlsConfig.Builder client = Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC).versions(List.of(TlsVersion.TLS_1_3));
        // No session tickets: the record counts below are of application data and KeyUpdates only.
        TlsConfig.Builder server = Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC).sessionTickets(0);
        if (clientThreshold > 0) {
            client.keyUpdateAfterRecords(clientThreshold);
        }
        if (serverThreshold > 0) {
            server.keyUpdateAfterRecords(serverThreshold);
        }
        return Tls13HandshakeTest.pair(client, server);
    }

    static Tls13AeadProtection write(TlsEngine e) {
        return (Tls13AeadProtection) TlsEngineNegativeTest.protection(e, "writeProtection");
    }

    static Tls13AeadProtection read(TlsEngine e) {
        return (Tls13AeadProtection) TlsEngineNegativeTest.protection(e, "readProtection");
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    static byte[] drainBytes(TlsEngine e) {
        ByteBuf all = ByteBufAllocator.DEFAULT.heapBuffer();
        try {
            ByteBuf b;
            while ((b = e.takePlaintext()) != null) {
                all.writeBytes(b);
                b.release();
            }
            byte[] out = new byte[all.readableBytes()];
            all.readBytes(out);
            return out;
        } finally {
            all.release();
        }
    }

    @Test
    void oneLargeWriteChangesKeysBetweenItsRecords() {
        try (EnginePair p = pair(2, 0).handshake()) {
            Tls13AeadProtection first = write(p.client);
            byte[] data = pattern(5 * RECORD);
            p.client.send(EnginePair.copy(data));
            p.pump();
            assertThat(drainBytes(p.server)).isEqualTo(data);
            // 2 records, KeyUpdate; 2 records, KeyUpdate; 1 record: the third key has sealed one record.
            assertThat(write(p.client)).isNotSameAs(first);
            assertThat(write(p.client).sequenceNumber()).isEqualTo(1);
            assertThat(read(p.server).sequenceNumber()).as("the server followed both updates").isEqualTo(1);
            assertThat(read(p.client).sequenceNumber()).as("update_not_requested: the server kept its keys and sent nothing")
                    .isZero();
        }
    }

    @Test
    void separateWritesUpdateBeforeTheRecordThatWouldExceedTheLimit() {
        try (EnginePair p = pair(0, 3).handshake()) {
            for (int i = 1; i <= 7; i++) {
                p.server.send(EnginePair.text("message " + i));
                p.pump();
                assertThat(EnginePair.drain(p.client)).isEqualTo("message " + i);
                assertThat(write(p.server).sequenceNumber()).as("records under the current key after write %d", i)
                        .isLessThanOrEqualTo(3);
            }
            // Records 1-3 on key 0, KeyUpdate; 4-6 on key 1, KeyUpdate; 7 on key 2.
            assertThat(write(p.server).sequenceNumber()).isEqualTo(1);
            p.client.send(EnginePair.text("client keys untouched"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("client keys untouched");
        }
    }

    @Test
    void withoutAThresholdOnlyTheAeadLimitApplies() {
        try (EnginePair p = pair(0, 0).handshake()) {
            byte[] data = pattern(5 * RECORD);
            p.client.send(EnginePair.copy(data));
            p.pump();
            assertThat(drainBytes(p.server)).isEqualTo(data);
            assertThat(write(p.client).sequenceNumber()).isEqualTo(5);
        }
    }

    @Test
    void tls12IgnoresTheThreshold() {
        try (EnginePair p = Tls13HandshakeTest.pair(Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC)
                        .versions(List.of(TlsVersion.TLS_1_2)).keyUpdateAfterRecords(1),
                Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC)).handshake()) {
            byte[] data = pattern(3 * RECORD);
            p.client.send(EnginePair.copy(data));
            p.pump();
            assertThat(Arrays.equals(drainBytes(p.server), data)).isTrue();
            assertThat(p.client.failure()).isNull();
        }
    }

    @Test
    void thresholdMustBePositive() {
        assertThatThrownBy(() -> TlsConfig.client().keyUpdateAfterRecords(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
