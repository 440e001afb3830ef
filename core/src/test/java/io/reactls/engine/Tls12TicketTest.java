package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.handshake.ExtensionType;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.resumption.ClientTicket;
import io.reactls.SessionCache;
import io.reactls.TicketKeys;
import io.reactls.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS 1.2 session tickets (RFC 5077) between two reactls engines, and the cases where a ticket must not resume. */
class Tls12TicketTest {

    private static final String HOST = "localhost";
    private static final int PORT = 443;
    private static final String KEY = SessionCache.key(HOST, PORT);
    private static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;

    private final SessionCache cache = SessionCache.bounded(16);
    /** On an hour boundary, so that one-hour ticket key periods start exactly at base. */
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    private final MutableClock clock = new MutableClock(base);

    private static GeneratedPki pki(CipherSuite suite) {
        return CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? TlsEngineHandshakeTest.EC : TlsEngineHandshakeTest.RSA;
    }

    private TlsConfig.Builder server(CipherSuite suite) {
        return TlsConfig.server(pki(suite).leaf()).versions(List.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(suite)).clock(clock);
    }

    private TlsConfig.Builder client(CipherSuite suite) {
        return TlsConfig.client().versions(List.of(TlsVersion.TLS_1_2)).cipherSuites(List.of(suite))
                .trustAnchors(pki(suite).trustAnchors()).sessionCache(cache).clock(clock);
    }

    private static EnginePair connect(TlsConfig client, TlsConfig server, String name) {
        return new EnginePair(TlsEngine.client(client, name, PORT, ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT));
    }

    /** Handshakes and exchanges data; returns the handshake message types of the server's plaintext first flight. */
    private static List<Integer> run(EnginePair p) {
        ByteArrayOutputStream fromServer = capture(p);
        p.handshake();
        Tls12ResumptionTest.exchange(p);
        return plaintextHandshakeTypes(fromServer.toByteArray());
    }

    /** Records what the server sends (as it leaves the server, before {@code toClient} tampering). */
    private static ByteArrayOutputStream capture(EnginePair p) {
        ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
        UnaryOperator<ByteBuf> downstream = p.toClient;
        p.toClient = b -> {
            byte[] copy = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), copy);
            fromServer.writeBytes(copy);
            return downstream.apply(b);
        };
        return fromServer;
    }

    /** The extension types of the ServerHello that starts {@code flight}. */
    private static List<Integer> serverHelloExtensions(byte[] flight) {
        assertThat(flight[0]).isEqualTo((byte) HANDSHAKE);
        assertThat(flight[5]).as("ServerHello").isEqualTo((byte) 2);
        int helloEnd = 9 + (((flight[6] & 0xFF) << 16) | ((flight[7] & 0xFF) << 8) | (flight[8] & 0xFF));
        int at = 9 + 2 + 32;
        at += 1 + (flight[at] & 0xFF) + 2 + 1 + 2; // session id, suite, compression, extensions length
        List<Integer> types = new ArrayList<>();
        while (at < helloEnd) {
            types.add(((flight[at] & 0xFF) << 8) | (flight[at + 1] & 0xFF));
            at += 4 + (((flight[at + 2] & 0xFF) << 8) | (flight[at + 3] & 0xFF));
        }
        return types;
    }

    /** The types of the handshake messages before the first ChangeCipherSpec record (everything after is encrypted). */
    private static List<Integer> plaintextHandshakeTypes(byte[] flight) {
        List<Integer> types = new ArrayList<>();
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int at = 0;
        while (at + 5 <= flight.length && (flight[at] & 0xFF) != CHANGE_CIPHER_SPEC) {
            int len = ((flight[at + 3] & 0xFF) << 8) | (flight[at + 4] & 0xFF);
            if ((flight[at] & 0xFF) == HANDSHAKE) {
                handshake.write(flight, at + 5, len);
            }
            at += 5 + len;
        }
        byte[] messages = handshake.toByteArray();
        for (int m = 0; m + 4 <= messages.length; ) {
            types.add(messages[m] & 0xFF);
            m += 4 + (((messages[m + 1] & 0xFF) << 16) | ((messages[m + 2] & 0xFF) << 8) | (messages[m + 3] & 0xFF));
        }
        return types;
    }

    private static boolean serverResumed(EnginePair p) {
        assertThat(p.server.session().resumed()).isEqualTo(p.client.session().resumed());
        return p.server.session().resumed();
    }

    /** Replaces the cached ticket by {@code change(ticket)}. */
    private void rewriteTicket(UnaryOperator<ClientTicket> change) {
        ClientTicket t = (ClientTicket) cache.take(KEY, clock.instant());
        assertThat(t).as("a cached TLS 1.2 ticket").isNotNull();
        assertThat(t.version()).isEqualTo(TlsVersion.TLS_1_2);
        cache.put(KEY, change.apply(t));
    }

    private static ClientTicket withTicket(ClientTicket t, byte[] ticket, Duration lifetime) {
        return new ClientTicket(t.version(), t.suite(), ticket, t.secret(), t.ageAdd(), t.received(), lifetime,
                t.serverName(), t.alpn(), t.serverCertificates(), t.group());
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256"})
    void fullHandshakeIssuesATicketAndTheNextConnectionResumesWithIt(CipherSuite suite) {
        TlsConfig server = server(suite).build();
        TlsConfig client = client(suite).build();
        try (EnginePair first = connect(client, server, HOST)) {
            List<Integer> flight = run(first);
            assertThat(serverResumed(first)).isFalse();
            // ServerHello, Certificate, [ServerKeyExchange], ServerHelloDone; then NewSessionTicket before ChangeCipherSpec
            assertThat(flight).startsWith(2, 11).endsWith(14, 4);
            assertThat(first.server.takeEvents()).extracting(HandshakeEvent::detail).anyMatch(d -> d.startsWith("NewSessionTicket sent"));
        }
        assertThat(cache.size(KEY)).isEqualTo(1);
        ClientTicket ticket = (ClientTicket) cache.take(KEY, clock.instant());
        cache.put(KEY, ticket);
        assertThat(ticket.version()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(ticket.lifetime()).isEqualTo(TicketKeys.DEFAULT_ROTATION);
        assertThat(new String(ticket.ticket(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the ticket is sealed: no master secret in the clear")
                .doesNotContain(new String(ticket.secret(), java.nio.charset.StandardCharsets.ISO_8859_1));

        for (int i = 0; i < 2; i++) { // the renewed ticket resumes again
            try (EnginePair next = connect(client, server, HOST)) {
                List<Integer> flight = run(next);
                assertThat(serverResumed(next)).isTrue();
                assertThat(flight).as("ServerHello, NewSessionTicket, then ChangeCipherSpec: no Certificate").containsExactly(2, 4);
                assertThat(next.client.session().peerCertificates()).isEqualTo(ticket.serverCertificates());
                assertThat(next.client.session().extendedMasterSecret()).isTrue();
                assertThat(next.client.session().cipherSuite()).isEqualTo(suite);
                assertThat(next.server.session().group()).isEqualTo(next.client.session().group());
                assertThat(next.client.takeEvents()).extracting(HandshakeEvent::step)
                        .doesNotContain(HandshakeStep.CERTIFICATE_VERIFIED, HandshakeStep.KEY_EXCHANGE);
            }
            assertThat(cache.size(KEY)).isEqualTo(1);
        }
    }

    @Test
    void tls13CapableClientResumesATls12Ticket() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).versions(List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, SUITE)).build();
        try (EnginePair first = connect(client, server, HOST)) {
            run(first);
            assertThat(first.client.session().version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(serverResumed(first)).isFalse();
        }
        try (EnginePair second = connect(client, server, HOST)) {
            assertThat(run(second)).containsExactly(2, 4);
            assertThat(serverResumed(second)).isTrue();
        }
    }

    @Test
    void serverWithoutTicketsResumesNothingAndSendsNone() {
        TlsConfig server = server(SUITE).sessionTickets(0).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            assertThat(run(p)).doesNotContain(4);
        }
        assertThat(cache.size(KEY)).isZero();
    }

    @Test
    void tamperedTicketMeansAFullHandshakeWithoutAlert() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        rewriteTicket(t -> {
            byte[] bad = t.ticket();
            bad[bad.length / 2] ^= 1;
            return withTicket(t, bad, t.lifetime());
        });
        try (EnginePair p = connect(client, server, HOST)) {
            assertThat(run(p)).contains(11, 4);
            assertThat(serverResumed(p)).isFalse();
        }
        try (EnginePair p = connect(client, server, HOST)) { // with the new ticket of that full handshake
            run(p);
            assertThat(serverResumed(p)).isTrue();
        }
    }

    @Test
    void expiredTicketMeansAFullHandshake() {
        TlsConfig server = server(SUITE).ticketLifetime(Duration.ofHours(1)).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        // The client would drop it by the lifetime hint; make it keep the ticket so that the server decides.
        rewriteTicket(t -> withTicket(t, t.ticket(), Duration.ofDays(1)));
        clock.advance(Duration.ofHours(1));
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isFalse();
        }
    }

    @Test
    void renewedTicketKeepsTheSessionsOriginalExpiry() {
        TlsConfig server = server(SUITE).ticketLifetime(Duration.ofHours(1)).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        clock.advance(Duration.ofMinutes(40));
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isTrue();
        }
        ClientTicket renewed = (ClientTicket) cache.take(KEY, clock.instant());
        assertThat(renewed.lifetime()).as("lifetime hint: what is left of the hour").isEqualTo(Duration.ofMinutes(20));
        cache.put(KEY, withTicket(renewed, renewed.ticket(), Duration.ofDays(1)));
        clock.advance(Duration.ofMinutes(21));
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isFalse();
        }
    }

    @Test
    void ticketFromAServerWithOtherTicketKeysMeansAFullHandshake() {
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server(SUITE).build(), HOST)) {
            run(p);
        }
        try (EnginePair p = connect(client, server(SUITE).build(), HOST)) { // its own random keys
            run(p);
            assertThat(serverResumed(p)).isFalse();
            assertThat(p.server.failure()).isNull();
        }
    }

    @Test
    void serversSharingTicketKeysResumeEachOthersSessions() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TlsConfig a = server(SUITE).ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(12), 1, new SecureRandom())).build();
        TlsConfig b = server(SUITE).ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(12), 1, new SecureRandom())).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, a, HOST)) {
            run(p);
        }
        try (EnginePair p = connect(client, b, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isTrue();
        }
        try (EnginePair p = connect(client, a, HOST)) { // and A takes B's renewed ticket
            run(p);
            assertThat(serverResumed(p)).isTrue();
        }
    }

    @Test
    void ticketKeyRotationAcceptsThePreviousKeyOnly() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        TlsConfig server = server(SUITE).ticketKeys(TicketKeys.fromSecret(secret, Duration.ofHours(1), 1, new SecureRandom()))
                .ticketLifetime(Duration.ofHours(6)).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        clock.advance(Duration.ofHours(1)); // the next key seals, ours still opens
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isTrue();
        }
        clock.advance(Duration.ofHours(2)); // the renewed ticket's key (the one of hour 1) is two periods old
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
            assertThat(serverResumed(p)).isFalse();
        }
    }

    @Test
    void ticketIsNotResumedForAnotherServerName() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        // The ticket offered under another name, as a confused client might: RFC 6066 §3 forbids resuming it.
        cache.put(SessionCache.key("127.0.0.1", PORT), cache.take(KEY, clock.instant()));
        try (EnginePair p = connect(client, server, "127.0.0.1")) {
            run(p);
            assertThat(serverResumed(p)).isFalse();
        }
    }

    @Test
    void withoutExtendedMasterSecretNoTicketIsIssued() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            p.toServer = HelloTampering.dropExtension(ExtensionType.EXTENDED_MASTER_SECRET);
            ByteArrayOutputStream fromServer = capture(p);
            // The Finished messages catch the tampering; what matters is how the server answered the hello.
            assertThat(catchThrowableOfType(TlsAlertException.class, p::handshake).alert()).isEqualTo(AlertDescription.DECRYPT_ERROR);
            assertThat(serverHelloExtensions(fromServer.toByteArray())).doesNotContain(ExtensionType.SESSION_TICKET)
                    .doesNotContain(ExtensionType.EXTENDED_MASTER_SECRET);
        }
        assertThat(cache.size(KEY)).isZero();
    }

    @Test
    void ticketIsNotResumedWithoutExtendedMasterSecret() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        try (EnginePair p = connect(client, server, HOST)) {
            p.toServer = HelloTampering.dropExtension(ExtensionType.EXTENDED_MASTER_SECRET);
            // RFC 7627 §5.3: the ticket's session used EMS and this ClientHello does not offer it: the server aborts.
            assertThat(catchThrowableOfType(TlsAlertException.class, () -> run(p))).isNotNull();
            assertThat(p.server.failure()).isInstanceOfSatisfying(TlsAlertException.class, e -> {
                assertThat(e.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
                assertThat(e.getMessage()).contains("ticket", "RFC 7627");
            });
            assertThat(p.server.takeEvents()).noneMatch(ev -> ev.step() == HandshakeStep.SERVER_HELLO);
        }
    }

    @Test
    void newSessionTicketTheServerDidNotAnnounceIsUnexpectedMessage() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).build();
        try (EnginePair p = connect(client, server, HOST)) {
            run(p);
        }
        try (EnginePair p = connect(client, server, HOST)) {
            // Resumed, but the ServerHello no longer acknowledges session_ticket: the NewSessionTicket is out of place.
            p.toClient = HelloTampering.dropServerHelloExtension(ExtensionType.SESSION_TICKET);
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, p::handshake);
            assertThat(e).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
            assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
            assertThat(e.getMessage()).contains("NEW_SESSION_TICKET");
            ByteBuf alert = p.client.takeOutbound();
            TlsAlertException atServer = catchThrowableOfType(TlsAlertException.class, () -> p.server.receive(alert));
            assertThat(atServer.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
            assertThat(atServer.origin()).isEqualTo(TlsAlertException.Origin.PEER);
        }
    }

    @Test
    void serverAcknowledgingATicketExtensionWeDidNotSendIsUnsupportedExtension() {
        TlsConfig server = server(SUITE).build();
        TlsConfig client = client(SUITE).sessionCache(null).build();
        try (EnginePair p = connect(client, server, HOST)) {
            p.toServer = HelloTampering.appendExtension(ExtensionType.SESSION_TICKET, new byte[0]);
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, p::handshake);
            assertThat(e).isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        }
    }
}
