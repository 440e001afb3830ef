package io.reactls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.reactls.TlsClosedException;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The handler on Netty's in-memory channel: two pipelines wired back to back, time under the test's control. */
class TlsHandlerTest {

    static final TestPki PKI = TestPki.get();
    static final TlsConfig SERVER = TlsConfig.server(PKI.ecdsaServer().keyMaterial()).build();
    static final TlsConfig CLIENT = TlsConfig.client().trustAnchors(PKI.trustAnchors()).build();

    /** Records what reaches the handler above TLS. */
    static final class Above extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        int active;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            active++;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            text.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    final Above clientAbove = new Above();
    final Above serverAbove = new Above();
    EmbeddedChannel client;
    EmbeddedChannel server;

    @AfterEach
    void closeBoth() {
        // finishAndReleaseAll frees whatever is still queued in the channels; the handlers free their own.
        if (client != null) {
            client.finishAndReleaseAll();
        }
        if (server != null) {
            server.finishAndReleaseAll();
        }
    }

    void connect(TlsHandlerSettings settings) {
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, settings), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, settings), serverAbove);
        pump();
    }

    /** Moves bytes both ways until both sides are quiet. */
    void pump() {
        pump(client, server);
    }

    static void pump(EmbeddedChannel client, EmbeddedChannel server) {
        boolean any = true;
        while (any) {
            any = moveAll(client, server) | moveAll(server, client);
        }
    }

    /** Delivers everything {@code from} wrote; like a socket, bytes for a closed end are dropped. */
    static boolean moveAll(EmbeddedChannel from, EmbeddedChannel to) {
        boolean any = false;
        ByteBuf b;
        while ((b = from.readOutbound()) != null) {
            any = true;
            if (to.isOpen()) {
                to.writeInbound(b);
            } else {
                b.release();
            }
        }
        return any;
    }

    static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void channelActiveFiresOnceAfterTheHandshakeWithTheCompletionEventFirst() {
        connect(TlsHandlerSettings.defaults());
        for (Above above : List.of(clientAbove, serverAbove)) {
            assertThat(above.active).isEqualTo(1);
            assertThat(above.events).hasSize(1).first().isInstanceOfSatisfying(TlsHandshakeCompletionEvent.class,
                    e -> assertThat(e.session().protocol()).isEqualTo("TLSv1.3")); // the default now
        }
        assertThat(client.pipeline().get(TlsHandler.class).handshakeFuture().isSuccess()).isTrue();
    }

    @Test
    void smallWritesAreCoalescedIntoOneRecordOnFlush() {
        connect(TlsHandlerSettings.defaults());
        List<ChannelFuture> writes = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String s = String.format("line %04d\n", i);
            expected.append(s);
            writes.add(client.write(text(s)));
        }
        assertThat(client.outboundMessages()).as("nothing is sealed before the flush").isEmpty();
        client.flush();
        ByteBuf records = client.readOutbound();
        assertThat((ByteBuf) client.readOutbound()).isNull();
        // One application_data record: header, then 1000 bytes of plaintext plus the AEAD's overhead
        // (TLS 1.3: inner content type and tag; TLS 1.2: explicit nonce and tag).
        assertThat(records.getUnsignedByte(0)).isEqualTo((short) 23);
        assertThat(records.readableBytes()).isEqualTo(5 + records.getUnsignedShort(3));
        assertThat(records.getUnsignedShort(3)).isBetween(1000, 1000 + 8 + 16);
        server.writeInbound(records);
        assertThat(serverAbove.text.toString()).isEqualTo(expected.toString());
        assertThat(writes).allMatch(ChannelFuture::isSuccess);
    }

    @Test
    void aLargeWriteIsFragmentedIntoFullRecords() {
        connect(TlsHandlerSettings.defaults());
        String big = "x".repeat(40_000);
        client.writeAndFlush(text(big));
        ByteBuf records = client.readOutbound();
        int count = 0;
        for (int at = 0; at < records.writerIndex(); at += 5 + records.getUnsignedShort(at + 3)) {
            count++;
        }
        assertThat(count).isEqualTo(3); // 16384 + 16384 + 7232
        server.writeInbound(records);
        assertThat(serverAbove.text.toString()).isEqualTo(big);
    }

    @Test
    void thePublicFactoriesTakeThePublicConfigsAndTheirHooks() {
        AtomicInteger checks = new AtomicInteger();
        List<String> asked = new ArrayList<>();
        io.reactls.TlsClientConfig clientConfig = io.reactls.TlsClientConfig.builder().trust(PKI.trustAnchors())
                .certificateVerifier(check -> Mono.fromRunnable(checks::incrementAndGet)).build();
        io.reactls.TlsServerConfig serverConfig = io.reactls.TlsServerConfig.of(PKI.ecdsaServer().keyMaterial());
        client = new EmbeddedChannel(TlsHandler.client(clientConfig, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(serverConfig, name -> {
            asked.add(name);
            return Mono.just(PKI.ecdsaServer().keyMaterial());
        }, TlsHandlerSettings.defaults()), serverAbove);
        // A config no connection has used yet is built off the event loop (TlsHandlerOnEventLoopTest): its engine
        // arrives from another thread, so pump until both handshakes are done rather than a fixed number of rounds.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!(client.pipeline().get(TlsHandler.class).handshakeFuture().isDone()
                && server.pipeline().get(TlsHandler.class).handshakeFuture().isDone()) && System.nanoTime() < deadline) {
            pump();
            client.runPendingTasks();
            server.runPendingTasks();
            Thread.onSpinWait();
        }
        assertThat(client.pipeline().get(TlsHandler.class).handshakeFuture().isSuccess()).isTrue();
        assertThat(server.pipeline().get(TlsHandler.class).handshakeFuture().isSuccess()).isTrue();
        assertThat(checks).as("the client config's certificate hook ran").hasValue(1);
        assertThat(asked).as("the resolver was asked for the ClientHello's name").containsExactly(TestPki.HOST);
    }

    @Test
    void writesBeforeTheHandshakeWaitAndGoOutAfterIt() {
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        ChannelFuture early = client.writeAndFlush(text("early bird"));
        assertThat(early.isDone()).isFalse();
        pump();
        assertThat(early.isSuccess()).isTrue();
        assertThat(serverAbove.text.toString()).isEqualTo("early bird");
    }

    @Test
    void closeSendsCloseNotifyAndThePeerAnswersAndCloses() {
        connect(TlsHandlerSettings.defaults());
        client.writeAndFlush(text("last words"));
        client.close();
        pump();
        assertThat(serverAbove.text.toString()).isEqualTo("last words");
        assertThat(serverAbove.events).contains(TlsCloseEvent.CLOSE_NOTIFY);
        assertThat(server.isOpen()).isFalse();
        assertThat(client.isOpen()).isFalse();
        assertThat(serverAbove.errors).isEmpty();
    }

    @Test
    void closeOutboundSendsCloseNotifyAndKeepsReadingUntilThePeerCloses() {
        connect(TlsHandlerSettings.defaults());
        client.writeAndFlush(text("question"));
        ChannelFuture closeNotify = client.pipeline().get(TlsHandler.class).closeOutbound();
        assertThat(closeNotify.isSuccess()).isTrue();
        assertThat(client.isOpen()).as("only the outbound is closed").isTrue();
        server.writeAndFlush(text("answer")); // crosses our close_notify on the wire
        ChannelFuture late = client.writeAndFlush(text("too late"));
        assertThat(late.cause()).isInstanceOf(TlsClosedException.class);
        pump();
        assertThat(serverAbove.text.toString()).isEqualTo("question");
        assertThat(clientAbove.text.toString()).as("read after our close_notify").isEqualTo("answer");
        assertThat(clientAbove.events).contains(TlsCloseEvent.CLOSE_NOTIFY);
        assertThat(server.isOpen()).isFalse();
        assertThat(client.isOpen()).as("closed by the peer's close_notify").isFalse();
        assertThat(clientAbove.errors).isEmpty();
        assertThat(serverAbove.errors).isEmpty();
    }

    @Test
    void afterOurCloseNotifyThePeerMayCloseTheTransportWithoutAnswering() {
        connect(TlsHandlerSettings.defaults());
        client.pipeline().get(TlsHandler.class).closeOutbound();
        ByteBuf closeNotify = client.readOutbound();
        closeNotify.release(); // lost with the peer that just closes
        client.pipeline().fireChannelInactive();
        assertThat(clientAbove.events).doesNotContain(TlsCloseEvent.TRUNCATED);
        assertThat(clientAbove.errors).isEmpty();
    }

    @Test
    void closingTheTransportWithoutCloseNotifyIsTruncation() {
        connect(TlsHandlerSettings.defaults());
        client.writeAndFlush(text("partial"));
        pump();
        server.pipeline().fireChannelInactive(); // the TCP connection just ended
        assertThat(serverAbove.events).contains(TlsCloseEvent.TRUNCATED);
        assertThat(serverAbove.errors).singleElement().isInstanceOf(TlsClosedException.class);
    }

    @Test
    void handshakeTimeoutFailsAndClosesOnTheEventLoopClock() {
        client = EmbeddedChannel.builder().build();
        client.freezeTime();
        client.pipeline().addLast(TlsHandler.client(CLIENT, TestPki.HOST,
                TlsHandlerSettings.defaults().withHandshakeTimeout(Duration.ofSeconds(10))), clientAbove);
        ByteBuf hello = client.readOutbound();
        assertThat(hello).isNotNull(); // the ClientHello; no server ever answers
        hello.release();
        client.advanceTimeBy(9, TimeUnit.SECONDS);
        client.runScheduledPendingTasks();
        assertThat(client.isOpen()).isTrue();
        client.advanceTimeBy(2, TimeUnit.SECONDS);
        client.runScheduledPendingTasks();
        assertThat(client.isOpen()).isFalse();
        assertThat(clientAbove.errors).singleElement().isInstanceOf(TlsHandshakeTimeoutException.class);
        assertThat(clientAbove.active).isZero();
    }

    @Test
    void aServersFailedHandshakeGoesUpAsAnSslHandshakeExceptionAClientsAsItself() {
        TlsConfig distrustful = TlsConfig.client().trustAnchors(io.reactls.CertificateGenerator.ec()
                .ca("someone else's CA").leaf("localhost").trustAnchors()).build();
        client = new EmbeddedChannel(TlsHandler.client(distrustful, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults()), serverAbove);
        pump();
        assertThat(clientAbove.errors).singleElement().isInstanceOf(io.reactls.TlsAlertException.class);
        // As from Netty's SslHandler: an IOException, which reactor-netty's server logs at DEBUG, not ERROR.
        assertThat(serverAbove.errors).singleElement().isInstanceOfSatisfying(TlsHandshakeFailedException.class, e -> {
            assertThat(e).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            assertThat(e.getCause()).isInstanceOfSatisfying(io.reactls.TlsAlertException.class,
                    a -> assertThat(a.alert()).isEqualTo(io.reactls.AlertDescription.UNKNOWN_CA));
        });
        assertThat(serverAbove.events).singleElement().isInstanceOfSatisfying(TlsHandshakeCompletionEvent.class,
                done -> assertThat(done.cause()).isSameAs(serverAbove.errors.get(0).getCause()));
        assertThat(server.isOpen()).isFalse();
        assertThat(serverAbove.active).isZero();
    }

    @Test
    void handshakeEventsGoToTheListenerAndAreNotKeptOnceTheHandshakeIsAnnounced() {
        List<io.reactls.HandshakeEvent> heard = new ArrayList<>();
        List<List<io.reactls.HandshakeEvent>> atActive = new ArrayList<>();
        ChannelInboundHandlerAdapter takesThemWhenActive = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                atActive.add(ctx.pipeline().get(TlsHandler.class).handshakeEvents()); // as SecureConnection does
                ctx.fireChannelActive();
            }
        };
        client = new EmbeddedChannel(TlsHandler.client(CLIENT, TestPki.HOST, TlsHandlerSettings.defaults()), clientAbove);
        server = new EmbeddedChannel(TlsHandler.server(SERVER, TlsHandlerSettings.defaults().withEventListener(heard::add)),
                takesThemWhenActive, serverAbove);
        pump();
        assertThat(serverAbove.active).isEqualTo(1);
        assertThat(heard).extracting(io.reactls.HandshakeEvent::step)
                .contains(io.reactls.HandshakeStep.CLIENT_HELLO, io.reactls.HandshakeStep.APPLICATION_DATA);
        assertThat(atActive).singleElement().isEqualTo(heard);
        // Delivered: neither side's handler keeps them for the connection's lifetime.
        assertThat(server.pipeline().get(TlsHandler.class).handshakeEvents()).isEmpty();
        assertThat(client.pipeline().get(TlsHandler.class).handshakeEvents()).isEmpty();
    }
}
