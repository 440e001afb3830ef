package io.reactls.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.HandshakeEvent;
import io.reactls.NamedGroup;
import io.reactls.PendingOperation;
import io.reactls.SessionCache;
import io.reactls.TicketKeys;
import io.reactls.TlsAlertException;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import io.reactls.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 0-RTT engine to engine (RFC 8446 §2.3, §4.2.10, §4.5 EndOfEarlyData, §8 anti-replay): accepted, refused and
 * resent in 1-RTT, a replayed or stale ClientHello refused as early data while its handshake goes on, the
 * max_early_data_size bound, and an anti-replay store that fails.
 */
class EarlyDataTest {

    private static final String PEER = "localhost";
    private static final String REQUEST = "GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private final SessionCache cache = SessionCache.bounded(16);
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    private final MutableClock clock = new MutableClock(base);
    /** Shared by every server config of a test: the "fleet" opens each other's tickets. */
    private final TicketKeys keys = TicketKeys.fromSecret(new byte[32], Duration.ofHours(12), 1, new SecureRandom());
    private final java.util.List<EnginePair> pairs = new java.util.ArrayList<>();

    @AfterEach
    void release() {
        pairs.forEach(EnginePair::close);
    }

    private TlsConfig client() {
        return TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()).sessionCache(cache).clock(clock).build();
    }

    private TlsConfig.Builder server(int maxEarlyData) {
        return TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).clock(clock).ticketKeys(keys).maxEarlyData(maxEarlyData);
    }

    private EnginePair pair(TlsConfig client, TlsConfig server) {
        EnginePair p = new EnginePair(TlsEngine.client(client, PEER, ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT));
        pairs.add(p);
        return p;
    }

    /** A full handshake and one exchange, so that the server's tickets reach the client's cache. */
    private void getTickets(TlsConfig client, TlsConfig server) {
        EnginePair p = pair(client, server);
        p.handshake();
        p.server.send(EnginePair.text("hi"));
        p.pump();
        assertThat(EnginePair.drain(p.client)).isEqualTo("hi");
        assertThat(cache.size(PEER)).isEqualTo(TlsConfig.DEFAULT_SESSION_TICKETS);
    }

    /**
     * A client that holds tickets from {@code issuer} (one full handshake), on a new connection to {@code server}
     * offering {@link #REQUEST} as 0-RTT data: its first flight (ClientHello, ChangeCipherSpec, the early data) is
     * written but not yet delivered.
     */
    private EnginePair offeringEarlyData(TlsConfig issuer, TlsConfig server) {
        TlsConfig client = client();
        getTickets(client, issuer);
        EnginePair p = pair(client, server);
        p.client.sendEarlyData(EnginePair.text(REQUEST));
        p.client.beginHandshake();
        return p;
    }

    private static boolean saidSomething(TlsEngine engine, String words) {
        return engine.takeEvents().stream().map(HandshakeEvent::detail).anyMatch(d -> d.contains(words));
    }

    @Test
    void earlyDataIsReadBeforeTheHandshakeCompletesAndMarkedOnBothSides() {
        TlsConfig server = server(4096).build();
        EnginePair p = offeringEarlyData(server, server);
        p.server.beginHandshake();
        p.server.receive(p.client.takeOutbound()); // ClientHello, ChangeCipherSpec, the early data: one flight
        assertThat(p.server.isHandshakeComplete()).isFalse();
        assertThat(EnginePair.drain(p.server)).as("0-RTT data, a round trip before the client's Finished").isEqualTo(REQUEST);
        assertThat(saidSomething(p.server, "0-RTT data accepted")).isTrue();
        p.pump();

        TlsSession atServer = p.server.session();
        TlsSession atClient = p.client.session();
        assertThat(atServer.resumed()).isTrue();
        assertThat(atServer.earlyData()).isEqualTo(TlsSession.EarlyData.ACCEPTED);
        assertThat(atServer.earlyDataBytes()).isEqualTo(REQUEST.length());
        assertThat(atClient.earlyData()).isEqualTo(TlsSession.EarlyData.ACCEPTED);
        assertThat(atClient.earlyDataBytes()).isEqualTo(REQUEST.length());
        // Sent once: not again after the handshake.
        p.client.send(EnginePair.text("after"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("after");
    }

    @Test
    void aServerThatRefusesEarlyDataGetsItOnceAfterTheHandshake() {
        TlsConfig client = client();
        getTickets(client, server(4096).build());

        EnginePair p = pair(client, server(0).build()); // same ticket keys, 0-RTT now off: resumes, refuses early data
        p.client.sendEarlyData(EnginePair.text(REQUEST));
        p.client.send(EnginePair.text("second"));
        p.handshake();
        assertThat(p.server.session().resumed()).isTrue();
        assertThat(p.server.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(p.client.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(EnginePair.drain(p.server)).as("resent in 1-RTT, ahead of later writes").isEqualTo(REQUEST + "second");
        assertThat(saidSomething(p.server, "0-RTT data refused")).isTrue();
    }

    @Test
    void withoutATicketThatAllowsItTheDataWaitsForTheHandshake() {
        TlsConfig client = client();
        getTickets(client, server(0).build()); // tickets without early_data
        EnginePair p = pair(client, server(4096).build());
        p.client.sendEarlyData(EnginePair.text(REQUEST));
        p.handshake();
        assertThat(p.client.session().earlyData()).isEqualTo(TlsSession.EarlyData.NONE);
        assertThat(p.server.session().earlyData()).isEqualTo(TlsSession.EarlyData.NONE);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);
    }

    @Test
    void helloRetryRequestRefusesEarlyDataAndTheClientResendsIt() {
        TlsConfig client = client(); // key share for X25519 first
        getTickets(client, server(4096).build());
        TlsConfig preferP256 = server(4096).groups(List.of(NamedGroup.SECP256R1, NamedGroup.X25519)).retryForPreferredGroup(true).build();
        EnginePair p = pair(client, preferP256);
        p.client.sendEarlyData(EnginePair.text(REQUEST));
        p.handshake();
        assertThat(p.client.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(p.server.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);
    }

    @Test
    void aReplayedClientHelloIsRefusedAsEarlyDataAndItsHandshakeGoesOn() {
        TlsConfig server = server(4096).build();
        EnginePair p = offeringEarlyData(server, server);
        ByteBuf firstFlight = p.client.takeOutbound();
        ByteBuf replay = firstFlight.copy();
        p.server.receive(firstFlight);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);

        // The attacker's copy, to another connection of the same server (the strike register is per config).
        TlsEngine victim = TlsEngine.server(server, ByteBufAllocator.DEFAULT);
        try {
            victim.receive(replay);
            assertThat(EnginePair.drain(victim)).as("replayed early data is not delivered").isEmpty();
            assertThat(victim.failure()).as("the handshake goes on in 1-RTT").isNull();
            ByteBuf answer = victim.takeOutbound();
            assertThat(answer).as("ServerHello and the encrypted flight").isNotNull();
            answer.release();
            assertThat(saidSomething(victim, "seen before")).isTrue();
        } finally {
            victim.release();
        }
    }

    @Test
    void aClientHelloHeldBackBeyondTheFreshnessWindowIsRefusedAsEarlyData() {
        TlsConfig server = server(4096).build();
        EnginePair p = offeringEarlyData(server, server);
        ByteBuf flight = p.client.takeOutbound();
        clock.advance(TlsConfig.DEFAULT_EARLY_DATA_WINDOW.plusSeconds(1)); // delivered late: never seen, but stale
        p.server.receive(flight);
        assertThat(EnginePair.drain(p.server)).isEmpty();
        assertThat(saidSomething(p.server, "freshness window")).isTrue();
        p.pump();
        assertThat(p.client.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);
    }

    @Test
    void moreEarlyDataThanMaxEarlyDataSizeIsUnexpectedMessage() {
        // Tickets promising 4096 bytes; this server of the fleet takes 16.
        EnginePair p = offeringEarlyData(server(4096).build(), server(16).build());
        ByteBuf flight = p.client.takeOutbound();
        assertThatThrownBy(() -> p.server.receive(flight))
                .isInstanceOfSatisfying(TlsAlertException.class,
                        e -> assertThat(e.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE))
                .hasMessageContaining("max_early_data_size");
    }

    @Test
    void anAntiReplayStoreThatFailsRefusesEarlyDataNotTheConnection() {
        TlsConfig server = server(4096).build();
        EnginePair p = offeringEarlyData(server, server);
        p.server.handOut(Set.of(PendingOperation.Kind.ANTI_REPLAY));
        p.server.receive(p.client.takeOutbound());
        assertThat(p.server.pendingOperation()).isInstanceOf(PendingOperation.ReplayCheck.class);
        assertThat(EnginePair.drain(p.server)).as("nothing is read while the store is asked").isEmpty();
        p.server.failPendingOperation(new java.util.concurrent.TimeoutException("store did not answer"));
        assertThat(saidSomething(p.server, "anti-replay store unavailable")).isTrue();
        p.pump();
        assertThat(p.server.session().earlyData()).isEqualTo(TlsSession.EarlyData.REFUSED);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);
    }

    @Test
    void anAntiReplayStoreThatSaysYesLetsTheDataIn() {
        TlsConfig server = server(4096).build();
        EnginePair p = offeringEarlyData(server, server);
        p.server.handOut(Set.of(PendingOperation.Kind.ANTI_REPLAY));
        p.server.receive(p.client.takeOutbound());
        PendingOperation.ReplayCheck check = (PendingOperation.ReplayCheck) p.server.pendingOperation();
        assertThat(check.ttl()).isEqualTo(TlsConfig.DEFAULT_EARLY_DATA_WINDOW.multipliedBy(2));
        p.server.completeReplayCheck(true);
        assertThat(EnginePair.drain(p.server)).isEqualTo(REQUEST);
        p.pump();
        assertThat(p.server.session().earlyData()).isEqualTo(TlsSession.EarlyData.ACCEPTED);
    }
}
