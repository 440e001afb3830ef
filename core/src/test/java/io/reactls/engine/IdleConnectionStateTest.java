package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.SessionCache;
import io.reactls.TlsVersion;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.Transcript;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an established connection keeps: once in traffic the engine lets go of its transcript, the queue for writes
 * made during the handshake and the handshake reassembly buffer, and it keeps no event history (events are handed
 * out once); KeyUpdate, exporters, tickets and data still work afterwards.
 */
class IdleConnectionStateTest {

    private static final String LABEL = "EXPORTER-reactls-idle-test";

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void aCompletedEngineHoldsNoTranscriptNorHandshakeBuffers(TlsVersion version) throws Exception {
        SessionCache tickets = SessionCache.bounded(4);
        try (EnginePair p = Tls13HandshakeTest.pair(
                Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC).versions(List.of(version)).sessionCache(tickets),
                Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC))) {
            p.client.beginHandshake();
            WeakReference<Transcript> clientTranscript = new WeakReference<>(field(p.client, "transcript", Transcript.class));
            WeakReference<Transcript> serverTranscript = new WeakReference<>(field(p.server, "transcript", Transcript.class));
            assertThat(clientTranscript.get()).isNotNull();
            assertThat(serverTranscript.get()).isNotNull();
            p.client.send(EnginePair.text("written before the handshake completed"));
            p.server.beginHandshake();
            p.pump();
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
            assertThat(EnginePair.drain(p.server)).isEqualTo("written before the handshake completed");

            for (TlsEngine e : List.of(p.client, p.server)) {
                assertThat(e.holdsTranscript()).as("transcript of the %s", side(e)).isFalse();
                assertThat(field(e, "earlyWrites", Object.class)).as("early-write queue of the %s", side(e)).isNull();
                byte[] pending = field(field(e, "handshake", HandshakeReassembler.class), "pending", byte[].class);
                assertThat(pending).as("handshake reassembly buffer of the %s", side(e)).isEmpty();
            }
            // Nothing else refers to the transcripts either: they are collected.
            awaitCollected(clientTranscript);
            awaitCollected(serverTranscript);

            // What outlives the handshake still works: exporters agree, data flows.
            assertThat(p.client.exportKeyingMaterial(LABEL, null, 32))
                    .isEqualTo(p.server.exportKeyingMaterial(LABEL, null, 32));
            p.server.send(EnginePair.text("after"));
            p.pump();
            assertThat(EnginePair.drain(p.client)).isEqualTo("after");
            if (version == TlsVersion.TLS_1_3) {
                // KeyUpdate both ways (its message goes in no transcript), and the server's tickets reached the client.
                p.client.requestKeyUpdate();
                p.pump();
                p.client.send(EnginePair.text("under new keys"));
                p.server.send(EnginePair.text("so are these"));
                p.pump();
                assertThat(EnginePair.drain(p.server)).isEqualTo("under new keys");
                assertThat(EnginePair.drain(p.client)).isEqualTo("so are these");
                assertThat(p.client.holdsTranscript()).isFalse();
                assertThat(p.server.holdsTranscript()).isFalse();
                assertThat(field(field(p.client, "handshake", HandshakeReassembler.class), "pending", byte[].class))
                        .as("a post-handshake message leaves no buffer behind").isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_3", "TLS_1_2"})
    void eventsAreHandedOutOnceAndNotKept(TlsVersion version) throws Exception {
        try (EnginePair p = Tls13HandshakeTest.pair(
                Tls13HandshakeTest.client(TlsEngineHandshakeTest.EC).versions(List.of(version)),
                Tls13HandshakeTest.server(TlsEngineHandshakeTest.EC)).handshake()) {
            for (TlsEngine e : List.of(p.client, p.server)) {
                List<HandshakeEvent> events = e.takeEvents();
                assertThat(events).extracting(HandshakeEvent::step).as("events of the %s", side(e))
                        .contains(HandshakeStep.APPLICATION_DATA);
                assertThat(e.takeEvents()).as("taken already").isEmpty();
                assertThat(field(e, "events", Object.class)).as("the %s keeps no event list", side(e)).isNull();
            }
        }
    }

    private static String side(TlsEngine e) {
        return e.isClient() ? "client" : "server";
    }

    private static void awaitCollected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ref.get()).as("the transcript is still reachable").isNull();
    }

    private static <T> T field(Object owner, String name, Class<T> type) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return type.cast(f.get(owner));
    }
}
