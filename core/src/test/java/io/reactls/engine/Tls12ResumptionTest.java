package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import io.reactls.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.handshake.ExtensionType;
import io.reactls.HandshakeStep;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.SessionIdCache;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;

import java.time.Duration;
import java.time.Instant;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS 1.2 session-ID resumption between two reactls engines, and the cases where it must not happen. */
class Tls12ResumptionTest {

    static final GeneratedPki RSA = TlsEngineHandshakeTest.RSA;
    static final GeneratedPki EC = TlsEngineHandshakeTest.EC;

    final MutableClock clock = new MutableClock(Instant.now());

    TlsConfig server(CipherSuite suite) {
        GeneratedPki pki = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? EC : RSA;
        return TlsConfig.server(pki.leaf()).versions(List.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(suite))
                .sessionIdCache(16, Duration.ofHours(1)).clock(clock).build();
    }

    TlsConfig client(CipherSuite suite, List<TlsVersion> versions) {
        GeneratedPki pki = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? EC : RSA;
        List<CipherSuite> suites = versions.contains(TlsVersion.TLS_1_3)
                ? List.of(CipherSuite.TLS_AES_128_GCM_SHA256, suite) : List.of(suite);
        return TlsConfig.client().versions(versions).cipherSuites(suites).trustAnchors(pki.trustAnchors())
                .sessionIdCache(16, Duration.ofHours(1)).clock(clock).build();
    }

    static EnginePair connect(TlsConfig client, TlsConfig server, String name, int port) {
        return new EnginePair(TlsEngine.client(client, name, port, ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT));
    }

    static void exchange(EnginePair p) {
        p.client.send(EnginePair.text("ping"));
        p.server.send(EnginePair.text("pong"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
        assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
    void secondConnectionResumesBothWays(CipherSuite suite) {
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_2));
        try (EnginePair first = connect(client, server, "localhost", 443).handshake()) {
            assertThat(first.client.session().resumed()).isFalse();
            assertThat(first.server.session().resumed()).isFalse();
            exchange(first);
        }
        assertThat(server.sessionIdCache().size()).isEqualTo(1);
        assertThat(client.sessionIdCache().size()).isEqualTo(1);
        try (EnginePair second = connect(client, server, "localhost", 443).handshake()) {
            assertThat(second.client.session().resumed()).isTrue();
            assertThat(second.server.session().resumed()).isTrue();
            assertThat(second.client.session().cipherSuite()).isEqualTo(suite);
            assertThat(second.client.session().extendedMasterSecret()).isTrue();
            assertThat(second.client.session().peerCertificates()).isNotEmpty();
            assertThat(second.client.takeEvents()).extracting(e -> e.step()).doesNotContain(
                    HandshakeStep.CERTIFICATE_VERIFIED, HandshakeStep.KEY_EXCHANGE)
                    .containsSubsequence(HandshakeStep.CLIENT_HELLO, HandshakeStep.SERVER_HELLO,
                            HandshakeStep.SERVER_FINISHED, HandshakeStep.CLIENT_FINISHED);
            exchange(second);
        }
    }

    @Test
    void tls13CapableClientResumesATls12SessionThroughItsLegacySessionId() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA;
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2));
        try (EnginePair first = connect(client, server, "localhost", 443).handshake()) {
            assertThat(first.client.session().version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(first.client.session().resumed()).isFalse();
        }
        try (EnginePair second = connect(client, server, "localhost", 443).handshake()) {
            assertThat(second.client.session().resumed()).isTrue();
            assertThat(second.server.session().resumed()).isTrue();
            exchange(second);
        }
    }

    @Test
    void tls13ClientsRandomSessionIdIsNotResumedByATls12Server() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig server = server(suite);
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, suite))
                .trustAnchors(RSA.trustAnchors()).build(); // no cache: a random legacy_session_id
        try (EnginePair p = connect(client, server, "localhost", 443).handshake()) {
            assertThat(p.server.session().resumed()).isFalse();
            exchange(p);
        }
    }

    @Test
    void expiredSessionsAreNotResumed() {
        CipherSuite suite = CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_2));
        connect(client, server, "localhost", 443).handshake().close();
        clock.advance(Duration.ofHours(1));
        try (EnginePair p = connect(client, server, "localhost", 443).handshake()) {
            assertThat(p.client.session().resumed()).isFalse();
            assertThat(p.server.session().resumed()).isFalse();
        }
        // the new full handshake made a new session, which resumes
        try (EnginePair p = connect(client, server, "localhost", 443).handshake()) {
            assertThat(p.client.session().resumed()).isTrue();
        }
    }

    @Test
    void clientCacheIsKeyedByServerNameAndPort() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256;
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_2));
        connect(client, server, "localhost", 443).handshake().close();
        try (EnginePair p = connect(client, server, "localhost", 8443).handshake()) {
            assertThat(p.client.session().resumed()).as("another port").isFalse();
        }
        try (EnginePair p = connect(client, server, "localhost", 443).handshake()) {
            assertThat(p.client.session().resumed()).isTrue();
        }
    }

    @Test
    void serverDoesNotResumeForAnotherServerName() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256;
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_2));
        connect(client, server, "localhost", 443).handshake().close();
        ResumableSession cached = client.sessionIdCache().get(SessionIdCache.serverKey("localhost", 443), clock.instant());
        // The same session offered for another name (as a confused client might): RFC 6066 §3 forbids resuming it.
        client.sessionIdCache().put(SessionIdCache.serverKey("127.0.0.1", 443), cached);
        try (EnginePair p = connect(client, server, "127.0.0.1", 443).handshake()) {
            assertThat(p.server.session().resumed()).isFalse();
            assertThat(p.client.session().resumed()).isFalse();
        }
    }

    @Test
    void resumingWithoutExtendedMasterSecretIsAborted() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        TlsConfig server = server(suite);
        TlsConfig client = client(suite, List.of(TlsVersion.TLS_1_2));
        connect(client, server, "localhost", 443).handshake().close();
        try (EnginePair p = connect(client, server, "localhost", 443)) {
            p.toServer = HelloTampering.dropExtension(ExtensionType.EXTENDED_MASTER_SECRET);
            // RFC 7627 §5.3: the session used EMS and this ClientHello does not offer it, so the server MUST abort.
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class);
            assertThat(p.server.failure()).isInstanceOfSatisfying(TlsAlertException.class, e -> {
                assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
                assertThat(e.getMessage()).contains("RFC 7627");
            });
            assertThat(p.server.session()).isNull();
        }
    }

    @Test
    void fullHandshakeWithoutExtendedMasterSecretIsNeverCached() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig server = server(suite);
        try (EnginePair p = connect(client(suite, List.of(TlsVersion.TLS_1_2)), server, "localhost", 443)) {
            p.toServer = HelloTampering.dropExtension(ExtensionType.EXTENDED_MASTER_SECRET);
            List<byte[]> fromServer = new java.util.ArrayList<>();
            p.toClient = b -> {
                byte[] copy = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), copy);
                fromServer.add(copy);
                return b;
            };
            // The dropped extension splits the transcripts, so Finished fails; what matters is the server's answer.
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class);
            byte[] flight = fromServer.get(0);
            assertThat(flight[5]).as("ServerHello").isEqualTo((byte) 2);
            assertThat(flight[9 + 2 + 32]).as("ServerHello session id length: nothing to resume").isZero();
            assertThat(p.server.takeEvents()).anyMatch(e -> e.step() == HandshakeStep.SERVER_HELLO
                    && e.detail().contains("no extended master secret"));
        }
        assertThat(server.sessionIdCache().size()).isZero();
    }

    @Test
    void strippingEncryptThenMacIsDetectedAtFinished() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        try (EnginePair p = connect(client(suite, List.of(TlsVersion.TLS_1_2)), server(suite), "localhost", 443)) {
            p.toServer = HelloTampering.dropExtension(ExtensionType.ENCRYPT_THEN_MAC);
            assertThatThrownBy(p::handshake).isInstanceOf(TlsAlertException.class);
            assertThat(p.server.session()).isNull();
        }
    }

    @Test
    void encryptThenMacOnlyWithCbcSuites() {
        CipherSuite gcm = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(gcm, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA))
                .trustAnchors(RSA.trustAnchors()).build();
        try (EnginePair p = connect(client, server(gcm), "localhost", 443).handshake()) {
            assertThat(p.client.takeEvents()).noneMatch(e -> e.detail().contains("encrypt-then-MAC"));
            exchange(p);
        }
        try (EnginePair p = connect(client, server(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA), "localhost", 443).handshake()) {
            assertThat(p.client.takeEvents()).anyMatch(e -> e.detail().contains("encrypt-then-MAC"));
            exchange(p);
        }
    }

    @Test
    void sessionCacheIsBoundedAndForgetsTheLeastRecentlyUsed() {
        SessionIdCache cache = new SessionIdCache(2, Duration.ofMinutes(5));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        ResumableSession s = new ResumableSession(new byte[32], CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, new byte[48],
                null, List.of(), null, t);
        cache.put("a", s);
        cache.put("b", s);
        assertThat(cache.get("a", t)).isNotNull(); // a is now more recent than b
        cache.put("c", s);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b", t)).isNull();
        assertThat(cache.get("a", t)).isNotNull();
        assertThat(cache.get("c", t.plus(Duration.ofMinutes(5)))).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }
}
