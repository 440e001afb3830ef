package io.reactls.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeHooks;
import io.reactls.TlsAlertException;
import io.reactls.TlsSession;
import io.reactls.driver.EngineDriver.State;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Two drivers wired back to back: the lifecycle as the transports see it, in order, with nothing leaked. */
class EngineDriverTest {

    static final TestPki PKI = TestPki.get();
    static final TlsConfig SERVER = TlsConfig.server(PKI.ecdsaServer().keyMaterial()).build();
    static final TlsConfig CLIENT = TlsConfig.client().trustAnchors(PKI.trustAnchors()).build();

    /** Writes to a queue, remembers the order of everything else, and drains plaintext as it comes. */
    static final class Recorder implements EngineDriver.Transport {
        final ArrayDeque<ByteBuf> wire = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final List<Runnable> resumed = new ArrayList<>();
        EngineDriver driver;
        TlsSession session;
        Throwable failure;

        @Override
        public void write(ByteBuf records) {
            calls.add("write");
            wire.add(records);
        }

        @Override
        public void event(HandshakeEvent event) {
        }

        @Override
        public void established(TlsSession s) {
            calls.add("established");
            session = s;
        }

        @Override
        public void plaintextReady() {
            ByteBuf b;
            while ((b = driver.takePlaintext()) != null) {
                text.append(b.toString(StandardCharsets.UTF_8));
                b.release();
            }
        }

        @Override
        public void outboundClosed() {
            calls.add("outboundClosed");
        }

        @Override
        public void inboundClosed() {
            calls.add("inboundClosed");
        }

        @Override
        public void failed(Throwable cause) {
            calls.add("failed");
            failure = cause;
        }
    }

    final Recorder clientSide = new Recorder();
    final Recorder serverSide = new Recorder();
    EngineDriver client;
    EngineDriver server;

    void drivers(HandshakeHooks clientHooks) {
        client = new EngineDriver(TlsEngine.client(CLIENT, TestPki.HOST, ByteBufAllocator.DEFAULT),
                clientSide.resumed::add, clientSide);
        server = new EngineDriver(TlsEngine.server(SERVER, ByteBufAllocator.DEFAULT), serverSide.resumed::add, serverSide);
        clientSide.driver = client;
        serverSide.driver = server;
        client.hooks(clientHooks);
    }

    @AfterEach
    void release() {
        for (Recorder r : List.of(clientSide, serverSide)) {
            r.wire.forEach(ByteBuf::release);
        }
        client.release();
        server.release();
        assertThat(client.state()).isEqualTo(State.RELEASED);
    }

    void pump() {
        boolean any = true;
        while (any) {
            any = false;
            ByteBuf b;
            while ((b = clientSide.wire.poll()) != null) {
                server.receive(b);
                any = true;
            }
            while ((b = serverSide.wire.poll()) != null) {
                client.receive(b);
                any = true;
            }
        }
    }

    @Test
    void handshakeDataAndCloseMoveThroughTheStatesInOrder() {
        drivers(HandshakeHooks.none());
        assertThat(client.state()).isEqualTo(State.NEW);
        client.start();
        assertThat(client.state()).isEqualTo(State.HANDSHAKING);
        pump();
        assertThat(client.state()).isEqualTo(State.OPEN);
        assertThat(server.state()).isEqualTo(State.OPEN);
        assertThat(clientSide.session.protocol()).isEqualTo("TLSv1.3");

        client.send(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
        assertThat(clientSide.wire).as("sealed, held until flush").isEmpty();
        client.flush();
        client.closeOutbound();
        assertThat(client.state()).isEqualTo(State.OUTBOUND_CLOSED);
        pump();
        assertThat(serverSide.text.toString()).isEqualTo("hello");
        assertThat(server.state()).as("it saw our close_notify; its own is up to its transport").isEqualTo(State.INBOUND_CLOSED);
        server.closeOutbound();
        pump();
        assertThat(server.state()).isEqualTo(State.CLOSED);
        assertThat(client.state()).isEqualTo(State.CLOSED);
        assertThat(clientSide.calls).containsSubsequence("write", "established", "write", "outboundClosed", "inboundClosed")
                .doesNotContain("failed");
        assertThat(serverSide.calls).containsSubsequence("established", "inboundClosed", "write", "outboundClosed");
    }

    @Test
    void aHandedOutOperationResumesOnTheOwnersThread() {
        Sinks.Empty<Void> verdict = Sinks.empty();
        drivers(HandshakeHooks.none().withCertificateVerifier(check -> verdict.asMono()));
        client.start();
        pump();
        assertThat(client.state()).as("waiting for the hook").isEqualTo(State.HANDSHAKING);
        verdict.tryEmitEmpty(); // from "another thread": only queued on the owner's executor
        assertThat(client.state()).isEqualTo(State.HANDSHAKING);
        assertThat(clientSide.resumed).hasSize(1);
        clientSide.resumed.remove(0).run();
        pump();
        assertThat(client.state()).isEqualTo(State.OPEN);
        assertThat(server.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aFailedOperationSendsTheAlertBeforeTellingTheTransport() {
        drivers(HandshakeHooks.none().withCertificateVerifier(check -> Mono.error(new IllegalStateException("no"))));
        client.start();
        pump();
        clientSide.resumed.remove(0).run();
        assertThat(client.state()).isEqualTo(State.FAILED);
        assertThat(clientSide.calls).endsWith("write", "failed");
        assertThat(clientSide.failure).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE));
        pump();
        assertThat(server.state()).isEqualTo(State.FAILED);
        assertThat(serverSide.failure).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE));
        // Nothing moves after a failure; what comes in is released.
        client.send(Unpooled.copiedBuffer("late", StandardCharsets.UTF_8));
        client.receive(Unpooled.copiedBuffer("junk", StandardCharsets.UTF_8));
        assertThat(clientSide.calls).endsWith("failed");
    }

    @Test
    void failingWhileAnOperationRunsCancelsIt() {
        List<String> signals = new ArrayList<>();
        drivers(HandshakeHooks.none().withCertificateVerifier(check -> Mono.<Void>never()
                .doOnCancel(() -> signals.add("cancelled"))));
        client.start();
        pump();
        client.fail(new IllegalStateException("transport gone"));
        assertThat(signals).containsExactly("cancelled");
        assertThat(client.state()).isEqualTo(State.FAILED);
        assertThat(client.failure()).hasMessage("transport gone");
    }
}
