package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Handshake messages split over many records, records split over many reads, and the Bouncy Castle backend. */
class HandshakeFramingTest {

    /**
     * Re-frames every plaintext handshake record (those sent before ChangeCipherSpec) into records carrying one byte
     * each, so every handshake message spans many records. Protected records pass through unchanged.
     */
    static UnaryOperator<ByteBuf> oneBytePerHandshakeRecord() {
        boolean[] protectedFromNowOn = {false};
        return in -> {
            ByteBuf out = ByteBufAllocator.DEFAULT.heapBuffer(in.readableBytes() * 6);
            while (in.readableBytes() >= 5) {
                int type = in.getUnsignedByte(in.readerIndex());
                int length = in.getUnsignedShort(in.readerIndex() + 3);
                ByteBuf record = in.readSlice(5 + length);
                if (type == 22 && !protectedFromNowOn[0]) {
                    for (int i = 5; i < 5 + length; i++) {
                        out.writeByte(22).writeShort(record.getUnsignedShort(1)).writeShort(1).writeByte(record.getByte(i));
                    }
                } else {
                    out.writeBytes(record, 0, record.readableBytes());
                }
                if (type == 20) {
                    protectedFromNowOn[0] = true;
                }
            }
            in.release();
            return out;
        };
    }

    @Test
    void handshakeMessagesSpanningManyRecords() {
        try (EnginePair p = TlsEngineHandshakeTest.pair(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                io.reactls.NamedGroup.SECP256R1, io.reactls.ClientAuthMode.REQUIRE)) {
            p.toServer = oneBytePerHandshakeRecord();
            p.toClient = oneBytePerHandshakeRecord();
            p.handshake();
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
        }
    }

    @Test
    void recordsArrivingOneByteAtATime() {
        try (EnginePair p = TlsEngineHandshakeTest.pair(CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                io.reactls.NamedGroup.X25519, io.reactls.ClientAuthMode.NONE)) {
            p.client.beginHandshake();
            p.server.beginHandshake();
            for (int round = 0; round < 10 && !p.client.isHandshakeComplete(); round++) {
                dribble(p.client, p.server);
                dribble(p.server, p.client);
            }
            assertThat(p.client.isHandshakeComplete()).isTrue();
            p.client.send(EnginePair.text("byte by byte"));
            dribble(p.client, p.server);
            assertThat(EnginePair.drain(p.server)).isEqualTo("byte by byte");
        }
    }

    private static void dribble(TlsEngine from, TlsEngine to) {
        ByteBuf out = from.takeOutbound();
        if (out == null) {
            return;
        }
        try {
            while (out.isReadable()) {
                to.receive(out.readRetainedSlice(1));
            }
        } finally {
            out.release();
        }
    }

    @Test
    void bouncyCastleRecordBackendInteroperatesWithJce() {
        TlsConfig server = TlsConfig.server(TlsEngineHandshakeTest.RSA.leaf()).aeadBackend(AeadBackends.bouncyCastle()).build();
        for (CipherSuite suite : List.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256)) {
            TlsConfig client = TlsConfig.client().cipherSuites(List.of(suite))
                    .trustAnchors(TlsEngineHandshakeTest.RSA.trustAnchors()).build();
            try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                    TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
                p.client.send(EnginePair.text("via " + suite));
                p.pump();
                assertThat(EnginePair.drain(p.server)).isEqualTo("via " + suite);
            }
        }
    }
}
