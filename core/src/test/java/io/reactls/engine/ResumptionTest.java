package io.reactls.engine;

import io.reactls.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ExtensionType;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.SessionCache;
import io.reactls.SessionTicket;
import io.reactls.TicketKeys;
import java.security.SecureRandom;

import java.time.Duration;
import java.time.Instant;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** TLS 1.3 resumption with session tickets, engine to engine. */
class ResumptionTest {

    private static final String PEER = "localhost";
    private final SessionCache cache = SessionCache.bounded(16);
    /** Certificates are checked against this clock too: start at the top of the next hour, real time. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    private final MutableClock clock = new MutableClock(base);

    private TlsConfig.Builder client() {
        return TlsConfig.client().versions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .trustAnchors(TlsEngineHandshakeTest.EC.trustAnchors()).sessionCache(cache).clock(clock);
    }

    private TlsConfig.Builder server() {
        return TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).clock(clock);
    }

    private static EnginePair connect(TlsConfig client, TlsConfig server) {
        return new EnginePair(TlsEngine.client(client, PEER, ByteBufAllocator.DEFAULT), TlsEngine.server(server, ByteBufAllocator.DEFAULT));
    }

    /** A handshake plus one exchange, so that the tickets sent after the handshake reach the client. */
    private static EnginePair run(TlsConfig client, TlsConfig server) {
        EnginePair p = connect(client, server);
        try {
            p.handshake();
            p.client.send(EnginePair.text("ping"));
            p.server.send(EnginePair.text("pong"));
            p.pump();
            assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
            assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
            return p;
        } catch (RuntimeException | AssertionError e) {
            p.close();
            throw e;
        }
    }

    private static boolean resumed(TlsConfig client, TlsConfig server) {
        try (EnginePair p = run(client, server)) {
            assertThat(p.server.session().resumed()).isEqualTo(p.client.session().resumed());
            return p.client.session().resumed();
        }
    }

    @Test
    void secondConnectionResumesWithATicket() {
        TlsConfig client = client().build();
        TlsConfig server = server().build();
        try (EnginePair first = run(client, server)) {
            assertThat(first.client.session().resumed()).isFalse();
            assertThat(cache.size(PEER)).isEqualTo(TlsConfig.DEFAULT_SESSION_TICKETS);
        }
        try (EnginePair second = run(client, server)) {
            assertThat(second.client.session().resumed()).isTrue();
            assertThat(second.server.session().resumed()).isTrue();
            assertThat(second.client.session().peerCertificates()).containsExactly(TlsEngineHandshakeTest.EC.leaf().leaf());
            assertThat(second.client.takeEvents()).extracting(e -> e.step()).doesNotContain(HandshakeStep.CERTIFICATE_VERIFIED);
            assertThat(second.server.takeEvents()).anyMatch(e -> e.detail().contains("resuming"));
            // exporters work on a resumed connection too, and both sides agree
            assertThat(second.client.exportKeyingMaterial("EXPERIMENTAL-r", null, 16))
                    .isEqualTo(second.server.exportKeyingMaterial("EXPERIMENTAL-r", null, 16));
        }
        // One ticket was used (never reused, RFC 8446 §C.4) and the resumed connection brought two new ones.
        assertThat(cache.size(PEER)).isEqualTo(3);
    }

    /** A cache an application writes against the public API alone: the tickets it is given, handed back. */
    private static final class OneSlotCache implements SessionCache {
        final Map<String, SessionTicket> slots = new ConcurrentHashMap<>();

        @Override
        public void put(String peer, SessionTicket ticket) {
            slots.put(peer, ticket);
        }

        @Override
        public SessionTicket take(String peer, Instant now) {
            SessionTicket t = slots.remove(peer);
            return t != null && t.usableAt(now) ? t : null;
        }

        @Override
        public int size(String peer) {
            return slots.containsKey(peer) ? 1 : 0;
        }
    }

    @Test
    void anApplicationsOwnCacheResumes() {
        OneSlotCache own = new OneSlotCache();
        TlsConfig client = client().sessionCache(own).build();
        TlsConfig server = server().build();
        assertThat(resumed(client, server)).isFalse();
        SessionTicket kept = own.slots.get(PEER);
        assertThat(kept.version()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(kept.serverName()).isEqualTo(PEER);
        assertThat(kept.usableAt(clock.instant())).isTrue();
        assertThat(kept.usableAt(clock.instant().plus(kept.lifetime()))).isFalse();
        assertThat(resumed(client, server)).isTrue();
    }

    @Test
    void aTicketReactlsDidNotMakeIsNotOffered() {
        OneSlotCache own = new OneSlotCache();
        TlsConfig client = client().sessionCache(own).build();
        TlsConfig server = server().build();
        assertThat(resumed(client, server)).isFalse();
        SessionTicket real = own.slots.get(PEER);
        own.slots.put(PEER, new SessionTicket() {
            @Override
            public TlsVersion version() {
                return real.version();
            }

            @Override
            public String serverName() {
                return real.serverName();
            }

            @Override
            public Instant received() {
                return real.received();
            }

            @Override
            public Duration lifetime() {
                return real.lifetime();
            }
        });
        assertThat(resumed(client, server)).as("a full handshake, no failure").isFalse();
    }

    @Test
    void ticketsAreNotReusedAndRunOut() {
        TlsConfig client = client().build();
        TlsConfig server = server().sessionTickets(1).build();
        assertThat(resumed(client, server)).isFalse();
        assertThat(cache.size(PEER)).isEqualTo(1);
        assertThat(resumed(client, server)).isTrue(); // takes the ticket, gets a fresh one
        assertThat(cache.size(PEER)).isEqualTo(1);
        assertThat(resumed(client, server.toBuilder().sessionTickets(0).build())).isFalse(); // 0 tickets: no resumption
    }

    @Test
    void serverWithOtherTicketKeysFallsBackToAFullHandshake() {
        TlsConfig client = client().build();
        assertThat(resumed(client, server().build())).isFalse();
        assertThat(resumed(client, server().build())).as("a second server with its own random keys").isFalse();
        assertThat(cache.size(PEER)).as("the full handshake refilled the cache").isEqualTo(3);
    }

    @Test
    void serversSharingTicketKeysResumeEachOthersSessions() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TlsConfig serverA = server().ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(1), 1, new SecureRandom())).build();
        TlsConfig serverB = TlsConfig.server(TlsEngineHandshakeTest.EC.leaf()).clock(clock)
                .ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(1), 1, new SecureRandom())).build();
        TlsConfig client = client().build();
        assertThat(resumed(client, serverA)).isFalse();
        assertThat(resumed(client, serverB)).isTrue();
        assertThat(resumed(client, serverA)).isTrue();
    }

    @Test
    void ticketKeyRotationAcceptsThePreviousKeyOnly() {
        byte[] secret = new byte[32];
        TlsConfig server = server().ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(1), 1, new SecureRandom()))
                .ticketLifetime(Duration.ofDays(7)).sessionTickets(2).build();
        TlsConfig client = client().build();
        clock.set(base.plus(Duration.ofMinutes(10)));
        assertThat(resumed(client, server)).isFalse();
        // Next period: the ticket's key is the previous one, still accepted.
        clock.set(base.plus(Duration.ofMinutes(90)));
        assertThat(cache.take(PEER, clock.instant())).isNotNull(); // drop the newer ticket: keep the one sealed at 00:10
        try (EnginePair p = run(client, server)) {
            assertThat(p.server.session().resumed()).isTrue();
        }
        // Two periods on, the 01:30 tickets' key has rotated out although their 7-day lifetime has not.
        clock.set(base.plus(Duration.ofMinutes(185)));
        assertThat(resumed(client, server)).isFalse();
    }

    @Test
    void expiredTicketIsNotOffered() {
        TlsConfig client = client().build();
        TlsConfig server = server().ticketLifetime(Duration.ofMinutes(5)).build();
        assertThat(resumed(client, server)).isFalse();
        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertThat(resumed(client, server)).isFalse();
    }

    @Test
    void resumptionAfterHelloRetryRequest() {
        TlsConfig server = server().groups(List.of(NamedGroup.SECP384R1)).build();
        TlsConfig client = client().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)).build();
        assertThat(resumed(client, server)).isFalse();
        try (EnginePair p = run(client, server)) {
            assertThat(p.client.session().resumed()).isTrue();
            assertThat(p.client.takeEvents()).anyMatch(e -> e.detail().contains("HelloRetryRequest"));
        }
    }

    @Test
    void clientCertificateIsRememberedByTheTicket() {
        TlsConfig server = server().clientAuth(ClientAuthMode.REQUIRE).trustAnchors(TlsEngineHandshakeTest.RSA.trustAnchors()).build();
        TlsConfig client = client().keyMaterial(TlsEngineHandshakeTest.RSA.leaf()).build();
        assertThat(resumed(client, server)).isFalse();
        try (EnginePair p = run(client, server)) {
            assertThat(p.server.session().resumed()).isTrue();
            assertThat(p.server.session().peerCertificates()).containsExactly(TlsEngineHandshakeTest.RSA.leaf().leaf());
        }
    }

    @Test
    void tamperedBinderIsDecryptError() {
        TlsConfig client = client().build();
        TlsConfig server = server().build();
        assertThat(resumed(client, server)).isFalse();
        try (EnginePair p = connect(client, server)) {
            p.toServer = HelloTampering.corruptLastHelloByte();
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.DECRYPT_ERROR))
                    .hasMessageContaining("bad binder");
        }
    }

    @Test
    void preSharedKeyNotLastIsIllegalParameter() {
        TlsConfig client = client().build();
        TlsConfig server = server().build();
        assertThat(resumed(client, server)).isFalse();
        try (EnginePair p = connect(client, server)) {
            p.toServer = HelloTampering.appendExtension(0x4A4B, new byte[0]); // not a GREASE value: the client draws those
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER))
                    .hasMessageContaining("last extension");
        }
    }

    // Skipping rejected 0-RTT data that then completes is shown against openssl (ResumptionInteropTest): a ClientHello
    // rewritten in transit cannot complete, since both transcripts must match.
    @Test
    void earlyDataBeyondTheBoundIsFatal() {
        try (EnginePair p = connect(client().sessionCache(null).build(), server().build())) {
            p.toServer = HelloTampering.appendExtension(ExtensionType.EARLY_DATA, fakeEarlyData(6, 16000));
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class)
                    .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE))
                    .hasMessageContaining("after rejecting 0-RTT data");
        }
    }

    /** Records that look like 0-RTT application data: outer type 23, random contents no key of ours opens. */
    private static byte[] fakeEarlyData(int records, int size) {
        byte[] out = new byte[records * (5 + size)];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < records; i++) {
            int at = i * (5 + size);
            out[at] = 23;
            out[at + 1] = 3;
            out[at + 2] = 3;
            out[at + 3] = (byte) (size >>> 8);
            out[at + 4] = (byte) size;
            byte[] body = new byte[size];
            random.nextBytes(body);
            System.arraycopy(body, 0, out, at + 5, size);
        }
        return out;
    }

}
