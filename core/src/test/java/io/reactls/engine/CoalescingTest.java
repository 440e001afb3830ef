package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many small writes handed to {@link TlsEngine#send} as one {@link CompositeByteBuf} (what a write queue does on
 * flush) leave as full records, sealed straight from the components: 100 writes of 300 bytes are two records, not 100.
 */
class CoalescingTest {

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
    void smallWritesInOneCompositeLeaveAsFullRecords(CipherSuite suite) {
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(RSA.trustAnchors()).build();
        TlsConfig server = TlsConfig.server(RSA.leaf()).cipherSuites(List.of(suite)).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            CompositeByteBuf writes = ByteBufAllocator.DEFAULT.compositeBuffer(128);
            for (int i = 0; i < 100; i++) {
                byte[] write = new byte[300];
                java.util.Arrays.fill(write, (byte) i);
                sent.writeBytes(write);
                writes.addComponent(true, ByteBufAllocator.DEFAULT.heapBuffer(300).writeBytes(write));
            }
            p.client.send(writes);
            assertThat(writes.refCnt()).as("the engine released the composite").isZero();

            byte[] wire = TlsEngineNegativeTest.take(p.client);
            List<Integer> fragments = new ArrayList<>();
            for (TlsEngineNegativeTest.Rec r : TlsEngineNegativeTest.records(wire)) {
                fragments.add(r.body().length);
            }
            int overhead = suite.isTls13() ? 1 + 16 : 8 + 16;
            assertThat(fragments).containsExactly(16_384 + overhead, 30_000 - 16_384 + overhead);

            p.server.receive(TlsEngineNegativeTest.buf(wire));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuf b;
            while ((b = p.server.takePlaintext()) != null) {
                received.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            assertThat(received.toByteArray()).isEqualTo(sent.toByteArray());
        }
    }
}
