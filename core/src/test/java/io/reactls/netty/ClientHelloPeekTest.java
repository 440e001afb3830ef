package io.reactls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SNI peek on real ClientHellos from our client engine: whole, split across records and reads, and not TLS. */
class ClientHelloPeekTest {

    static final TlsConfig CLIENT = TlsConfig.client().trustAnchors(TestPki.get().trustAnchors()).build();

    ByteBuf wire;

    @AfterEach
    void release() {
        if (wire != null) {
            wire.release();
        }
    }

    /** The client's first flight for {@code host}: one handshake record holding the ClientHello. */
    static ByteBuf clientHello(String host) {
        TlsEngine engine = TlsEngine.client(CLIENT, host, ByteBufAllocator.DEFAULT);
        try {
            engine.beginHandshake();
            return engine.takeOutbound();
        } finally {
            engine.release();
        }
    }

    /** The same handshake message re-framed into records of at most {@code size} bytes of fragment. */
    static ByteBuf reframed(ByteBuf record, int size) {
        ByteBuf message = record.slice(record.readerIndex() + 5, record.readableBytes() - 5);
        ByteBuf out = Unpooled.buffer();
        while (message.isReadable()) {
            int n = Math.min(size, message.readableBytes());
            out.writeByte(22).writeShort(0x0301).writeShort(n).writeBytes(message, n);
        }
        return out;
    }

    @Test
    void findsTheServerNameAndLeavesTheBytesUnread() {
        wire = clientHello("peek.example");
        int before = wire.readableBytes();
        ClientHelloPeek.Result result = ClientHelloPeek.peek(wire);
        assertThat(result.complete()).isTrue();
        assertThat(result.serverName()).isEqualTo("peek.example");
        assertThat(wire.readerIndex()).isZero();
        assertThat(wire.readableBytes()).isEqualTo(before);
        assertThat(wire.refCnt()).isEqualTo(1);
    }

    @Test
    void aClientHelloSplitAcrossRecordsAndReadsNeedsMoreUntilItIsWhole() {
        ByteBuf one = clientHello("split.example");
        wire = reframed(one, 50);
        one.release();
        ByteBuf arrived = Unpooled.buffer();
        try {
            while (wire.isReadable()) {
                ClientHelloPeek.Result partial = ClientHelloPeek.peek(arrived);
                assertThat(partial.complete()).as("after %d bytes", arrived.readableBytes()).isFalse();
                arrived.writeBytes(wire, Math.min(7, wire.readableBytes()));
            }
            ClientHelloPeek.Result result = ClientHelloPeek.peek(arrived);
            assertThat(result.complete()).isTrue();
            assertThat(result.serverName()).isEqualTo("split.example");
            assertThat(arrived.readerIndex()).isZero();
        } finally {
            arrived.release();
        }
    }

    @Test
    void aHelloWithoutServerNameIsCompleteWithNoName() {
        wire = clientHello(null);
        ClientHelloPeek.Result result = ClientHelloPeek.peek(wire);
        assertThat(result.complete()).isTrue();
        assertThat(result.serverName()).isNull();
    }

    @Test
    void bytesThatAreNotAClientHelloGiveNoNameForTheEngineToJudge() {
        // Plain HTTP: not a TLS content type at all.
        wire = Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ClientHelloPeek.peek(wire)).isEqualTo(ClientHelloPeek.Result.noName());
        wire.release();
        // An application-data record first.
        wire = Unpooled.buffer().writeByte(23).writeShort(0x0303).writeShort(2).writeShort(0);
        assertThat(ClientHelloPeek.peek(wire)).isEqualTo(ClientHelloPeek.Result.noName());
        wire.release();
        // A handshake record holding a ServerHello (type 2).
        wire = Unpooled.buffer().writeByte(22).writeShort(0x0303).writeShort(4).writeByte(2).writeMedium(0);
        assertThat(ClientHelloPeek.peek(wire)).isEqualTo(ClientHelloPeek.Result.noName());
        wire.release();
        // A ClientHello whose body is garbage: framing fine, decoding fails.
        wire = Unpooled.buffer().writeByte(22).writeShort(0x0303).writeShort(7).writeByte(1).writeMedium(3).writeMedium(0xFFFFFF);
        assertThat(ClientHelloPeek.peek(wire)).isEqualTo(ClientHelloPeek.Result.noName());
        assertThat(wire.refCnt()).isEqualTo(1);
    }
}
