package io.reactls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.reactls.AlertDescription;
import io.reactls.HandshakeHooks;
import io.reactls.TlsAlertException;
import io.reactls.TlsClosedException;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.TestPki;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The handler's lifecycle on Netty's in-memory channel: closes and failures at every stage of the handshake, writes
 * made before it, records filled to the brim, and nothing held between reads. The leak detector (paranoid in every
 * test run) fails the run if any of these paths drops a buffer.
 */
class TlsHandlerLifecycleTest {

    static final TlsConfig SERVER = TlsHandlerTest.SERVER;
    static final TlsConfig CLIENT = TlsHandlerTest.CLIENT;

    final TlsHandlerTest.Above clientAbove = new TlsHandlerTest.Above();
    final TlsHandlerTest.Above serverAbove = new TlsHandlerTest.Above();
    EmbeddedChannel client;
    EmbeddedChannel server;

    @AfterEach
    void closeBoth() {
        for (EmbeddedChannel channel : new EmbeddedChannel[] {client, server}) {
            if (channel != null) {
                channel.finishAndReleaseAll();
            }
        }
    }

    void pump() {
        TlsHandlerTest.pump(client, server);
    }

    static boolean moveAll(EmbeddedChannel from, EmbeddedChannel to) {
        return TlsHandlerTest.moveAll(from, to);
    }

    static ByteBuf text(String s) {
        return TlsHandlerTest.text(s);
    }

    /** The plaintext length of each application_data record in {@code wire} (TLS 1.3: minus content type and tag). */
    static List<Integer> applicationRecords(ByteBuf wire) {
        List<Integer> lengths = new ArrayList<>();
        for (int at = wire.readerIndex(); at < wire.writerIndex(); at += 5 + wire.getUnsignedShort(at + 3)) {
            assertThat(wire.getUnsignedByte(at)).as("application_data").isEqualTo((short) 23);
            lengths.add(wire.getUnsignedShort(at + 3) - 1 - 16);
        }
        return lengths;
    }

    @Test
    void handlerHasNoBooleanLifecycleFlags() {
        // Its lifecycle is one Phase; the engine's is the driver's State. (Final fields are configuration: which side.)
        assertThat(Arrays.stream(TlsHandler.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()))
                .map(Field::getType)).doesNotContain(boolean.class, Boolean.class);
    }

    @Test
    void closeDuringTheHandshakeFailsItReleasesThePermitAndNeverActivates() {
        HandshakeLimiter limiter = HandshakeLimiter.of(1);
        TlsHandlerSettings settings = TlsHandlerSettings.defaults().withLimiter(limiter);
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, settings), serverAbove);
        moveAll(client, server); // the ClientHello: the server answers and waits for the client's Finished
        assertThat(limiter.inFlight()).isEqualTo(1);
        TlsHandler handler = server.pipeline().get(TlsHandler.class);

        server.close();

        assertThat(handler.handshakeFuture().cause()).isInstanceOf(TlsClosedException.class);
        assertThat(limiter.inFlight()).as("the permit went back exactly once").isZero();
        assertThat(serverAbove.active).isZero();
        assertThat(server.isOpen()).isFalse();
        ChannelFuture late = server.writeAndFlush(text("late"));
        assertThat(late.isSuccess()).isFalse();
    }

    @Test
    void aHookThatFailsFailsTheHandshakeWithItsAlertOnBothSides() {
        HandshakeHooks rejecting = HandshakeHooks.none().withCertificateVerifier(
                check -> Mono.error(new IllegalStateException("revoked, says the hook")));
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST,
                TlsHandlerSettings.defaults().withHooks(rejecting)), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        ChannelFuture early = client.writeAndFlush(text("never sent"));

        pump();

        assertThat(clientAbove.errors).singleElement().isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE));
        assertThat(serverAbove.errors).singleElement().satisfies(e -> assertThat(e.getCause())
                .isInstanceOfSatisfying(TlsAlertException.class, a -> assertThat(a.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE)));
        assertThat(early.cause()).as("a write made before the handshake fails with it").isNotNull();
        assertThat(clientAbove.active).isZero();
        assertThat(client.isOpen()).isFalse();
        assertThat(server.isOpen()).isFalse();
    }

    @Test
    void closeWhileAHookRunsCancelsItAndFailsTheHandshake() {
        AtomicInteger subscribed = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        HandshakeHooks slow = HandshakeHooks.none().withCertificateVerifier(check -> Mono.<Void>never()
                .doOnSubscribe(s -> subscribed.incrementAndGet())
                .doOnCancel(cancelled::incrementAndGet));
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST,
                TlsHandlerSettings.defaults().withHooks(slow)), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        pump();
        assertThat(subscribed).hasValue(1);
        TlsHandler handler = client.pipeline().get(TlsHandler.class);
        assertThat(handler.handshakeFuture().isDone()).isFalse();

        client.close();

        assertThat(cancelled).hasValue(1);
        assertThat(handler.handshakeFuture().cause()).isInstanceOf(TlsClosedException.class);
        assertThat(clientAbove.active).isZero();
    }

    @Test
    void smallWritesFillRecordsToTheBrim() {
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        pump();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String s = String.valueOf((char) ('a' + i % 26)).repeat(1000);
            expected.append(s);
            client.write(text(s));
        }
        client.flush();
        ByteBuf wire = client.readOutbound();
        assertThat((Object) client.readOutbound()).as("one buffer per flush").isNull();
        // 40 x 1000 bytes: two full records and the rest, not one record per write nor per 16 whole writes.
        assertThat(applicationRecords(wire)).containsExactly(16_384, 16_384, 7_232);
        server.writeInbound(wire);
        assertThat(serverAbove.text.toString()).isEqualTo(expected.toString());
    }

    @Test
    void writesBeforeTheHandshakeShareRecordsAfterIt() {
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        List<ChannelFuture> early = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            early.add(client.writeAndFlush(text("early " + i + ";")));
        }
        assertThat(early).noneMatch(ChannelFuture::isDone);
        moveAll(client, server); // ClientHello
        moveAll(server, client); // the server's flight: the client finishes and sends its writes
        ByteBuf finished = client.readOutbound();
        ByteBuf data = client.readOutbound();
        assertThat(applicationRecords(data)).as("ten writes, one record").hasSize(1);
        server.writeInbound(finished, data);
        assertThat(early).allMatch(ChannelFuture::isSuccess);
        assertThat(serverAbove.text.toString()).isEqualTo("early 0;early 1;early 2;early 3;early 4;early 5;early 6;"
                + "early 7;early 8;early 9;");
    }

    @Test
    void anIdleConnectionHoldsNoBuffer() throws Exception {
        // Unpooled allocators that count what is live: handler, engine and records together, direct and heap.
        UnpooledByteBufAllocator clientAlloc = new UnpooledByteBufAllocator(true, false, false);
        UnpooledByteBufAllocator serverAlloc = new UnpooledByteBufAllocator(true, false, false);
        client = new EmbeddedChannel(false, false, TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()),
                clientAbove);
        server = new EmbeddedChannel(false, false, TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        client.config().setAllocator(clientAlloc);
        server.config().setAllocator(serverAlloc);
        client.register();
        server.register();
        pump();
        assertThat(clientAbove.active).isEqualTo(1);
        for (int i = 0; i < 5; i++) {
            client.writeAndFlush(directText("ping " + i));
            pump();
            server.writeAndFlush(directText("pong " + i));
            pump();
        }
        // A partial record read and then completed: the cumulation goes once it is empty.
        client.writeAndFlush(directText("split"));
        ByteBuf record = client.readOutbound();
        server.writeInbound(record.readRetainedSlice(7));
        server.writeInbound(record);
        assertThat(serverAbove.text.toString()).endsWith("split");
        assertThat(clientAbove.text.toString()).isEqualTo("pong 0pong 1pong 2pong 3pong 4");

        assertThat(live(clientAlloc)).as("client bytes held while idle").isZero();
        assertThat(live(serverAlloc)).as("server bytes held while idle").isZero();
    }

    private ByteBuf directText(String s) {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer();
        b.writeCharSequence(s, StandardCharsets.UTF_8);
        return b;
    }

    private static long live(UnpooledByteBufAllocator alloc) {
        return alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory();
    }
}
