package io.reactls.server;

import static io.reactls.server.ServerFixtures.tcpServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.CertificateRevokedException;
import io.reactls.HandshakeEvent;
import io.reactls.HandshakeStep;
import io.reactls.RevocationPolicy;
import io.reactls.TlsAlertException;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsVersion;
import io.reactls.cert.Ocsp;
import io.reactls.cert.RevocationStatus;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OcspPki;
import io.reactls.testing.OcspResponder;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;

/**
 * OCSP stapling by our server (RFC 6066 §8 in TLS 1.2, RFC 8446 §4.4.2.1 in TLS 1.3) from a real {@code openssl ocsp}
 * responder on 127.0.0.1, seen by {@code openssl s_client -status} and by our own client's revocation policies.
 */
class OcspStaplingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The stapler's logger (reactor's loggers go through java.util.logging here), held strongly. */
    private static final Logger STAPLER_LOG = Logger.getLogger(OcspStapler.class.getName());
    /**
     * Our client's wait for a responder or CRL that answers (a dead one refuses at once): a cold HTTP client and
     * openssl ocsp on a loaded machine can take seconds, and a soft-fail client would then connect without an answer.
     */
    private static final Duration REVOCATION_TIMEOUT = Duration.ofSeconds(10);
    private final OcspPki pki = OcspPki.create();
    private OcspResponder responder;
    private OcspStapler stapler;
    private DisposableServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow(TIMEOUT);
        }
        if (stapler != null) {
            stapler.dispose();
        }
        if (responder != null) {
            responder.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void staplesGoodThenRevokedAfterTheRefreshAndOurHardFailClientRefusesIt(TlsVersion version) {
        responder = OcspResponder.start(pki);
        OcspPki.Leaf leaf = pki.leaf("server", responder.port());
        responder.add(leaf.leaf());
        stapler = OcspStapler.fromResponders().refreshEvery(Duration.ofMillis(500)).retryAfter(Duration.ofMillis(200)).build();
        startServer(TlsServerConfig.builder(leaf.keyMaterial()).versions(version).ocspStapling(stapler).build());
        awaitStaple(leaf, RevocationStatus.State.GOOD);

        String good = sClientStatus(version);
        assertThat(good).contains("OCSP Response Status: successful").contains("Cert Status: good");
        SecureConnection ok = connect(RevocationPolicy.HARD_FAIL, version);
        assertThat(ok.handshakeEvents()).anySatisfy(e -> assertThat(e.detail()).contains("revocation: OCSP staple: good"));
        ok.close().block(TIMEOUT);

        responder.revoke(leaf.leaf(), "keyCompromise");
        awaitStaple(leaf, RevocationStatus.State.REVOKED);
        assertThat(sClientStatus(version)).contains("OCSP Response Status: successful").contains("Cert Status: revoked")
                .contains("Revocation Reason: keyCompromise");
        assertThatThrownBy(() -> connect(RevocationPolicy.HARD_FAIL, version))
                .satisfies(e -> {
                    CertificateRevokedException revoked = cause(e, CertificateRevokedException.class);
                    assertThat(revoked.alert()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
                    assertThat(revoked.revocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
                    assertThat(revoked.getMessage()).contains("OCSP staple");
                });
    }

    @Test
    void keepsTheLastGoodStapleWhileTheResponderIsDownAndStaplesNothingPastNextUpdate() {
        responder = OcspResponder.start(pki);
        OcspPki.Leaf leaf = pki.leaf("server", responder.port());
        responder.add(leaf.leaf());
        stapler = OcspStapler.fromResponders().refreshEvery(Duration.ofMillis(300)).retryAfter(Duration.ofMillis(100)).build();
        AtomicInteger failedRefreshes = new AtomicInteger();
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().contains("no new OCSP response")) {
                    failedRefreshes.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        STAPLER_LOG.addHandler(counter);
        try {
            stapler.prefetch(leaf.keyMaterial());
            awaitStaple(leaf, RevocationStatus.State.GOOD);
            responder.stop();
            // A refresh under way when the responder stopped may still bring a newer response: the last good one is
            // the one served once a refresh has failed (refreshes run one after the other), not the one before stop.
            int before = failedRefreshes.get();
            assertThat(LoopbackPorts.poll(() -> failedRefreshes.get() > before, TIMEOUT)).as("a refresh failed").isTrue();
            byte[] last = stapler.staple(leaf.keyMaterial());
            assertThat(last).as("kept after a failed refresh").isNotNull();
            int after = failedRefreshes.get();
            assertThat(LoopbackPorts.poll(() -> failedRefreshes.get() >= after + 3, TIMEOUT)).as("more failed refreshes").isTrue();
            assertThat(stapler.staple(leaf.keyMaterial())).isEqualTo(last);
            staplesNothingPastNextUpdate(leaf, last);
        } finally {
            STAPLER_LOG.removeHandler(counter);
        }
    }

    private static void staplesNothingPastNextUpdate(OcspPki.Leaf leaf, byte[] last) {
        // Judged after its nextUpdate (openssl ocsp -nmin 5), the same response is no longer served; a stapler on
        // today's clock, fed the same way, shows the response did arrive (so the null is a refusal, not a delay).
        OcspStapler now = OcspStapler.from(km -> reactor.core.publisher.Mono.just(last)).build();
        OcspStapler later = OcspStapler.from(km -> reactor.core.publisher.Mono.just(last))
                .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(6))).build();
        try {
            later.prefetch(leaf.keyMaterial());
            now.prefetch(leaf.keyMaterial());
            assertThat(LoopbackPorts.poll(() -> now.staple(leaf.keyMaterial()) != null, TIMEOUT)).isTrue();
            assertThat(later.staple(leaf.keyMaterial())).isNull();
        } finally {
            later.dispose();
            now.dispose();
        }
    }

    @Test
    void aReloadedCertificateGetsItsOwnStaple() {
        responder = OcspResponder.start(pki);
        OcspPki.Leaf first = pki.leaf("first", responder.port());
        OcspPki.Leaf second = pki.leaf("second", responder.port());
        responder.add(first.leaf(), second.leaf());
        stapler = OcspStapler.fromResponders().retryAfter(Duration.ofMillis(200)).build();
        SwappableCertificateResolver certificates = SwappableCertificateResolver.of(first.keyMaterial());
        server = TlsServer.create(tcpServer(), TlsServerOptions.builder(
                        TlsServerConfig.builder(first.keyMaterial()).ocspStapling(stapler).build())
                        .certificateResolver(certificates).build())
                .bind(c -> c.outbound().send(c.inbound().receive().retain())).block(TIMEOUT);
        awaitStaple(first, RevocationStatus.State.GOOD);
        certificates.swap(second.keyMaterial());
        // The first handshake with the new certificate starts its fetch; later ones carry its staple.
        assertThat(LoopbackPorts.poll(() -> {
            SecureConnection c = connect(RevocationPolicy.SOFT_FAIL, TlsVersion.TLS_1_3);
            c.close().block(TIMEOUT);
            return c.session().peerCertificates().get(0).equals(second.leaf())
                    && c.handshakeEvents().stream().anyMatch(e -> e.detail().contains("revocation: OCSP staple: good"));
        }, TIMEOUT)).isTrue();
        assertThat(stapler.staple(first.keyMaterial())).isNotNull();
    }

    @Test
    void softFailConnectsWithTheResponderDownAndAnEventSaysWhyWhileHardFailRefuses() throws IOException {
        try (Socket dead = LoopbackPorts.refusingPort()) {
            int deadPort = dead.getLocalPort();
            OcspPki.Leaf leaf = pki.leaf("server", deadPort);
            startServer(TlsServerConfig.builder(leaf.keyMaterial()).build());

            SecureConnection c = connect(RevocationPolicy.SOFT_FAIL, TlsVersion.TLS_1_3);
            assertThat(c.handshakeEvents()).filteredOn(e -> e.step() == HandshakeStep.CERTIFICATE_VERIFIED)
                    .anySatisfy(e -> assertThat(e.detail()).contains("revocation status unknown, connecting anyway (soft-fail)")
                            .contains("OCSP responder " + OcspPki.url(deadPort, "")).contains("unreachable"));
            c.close().block(TIMEOUT);

            assertThatThrownBy(() -> connect(RevocationPolicy.HARD_FAIL, TlsVersion.TLS_1_2))
                    .satisfies(e -> assertThat(cause(e, TlsAlertException.class).alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN));
        }
    }

    @Test
    void withoutAStapleTheClientAsksTheResponderItself() {
        responder = OcspResponder.start(pki);
        OcspPki.Leaf leaf = pki.leaf("server", responder.port());
        responder.add(leaf.leaf());
        startServer(TlsServerConfig.builder(leaf.keyMaterial()).build()); // no stapling

        SecureConnection c = connect(RevocationPolicy.HARD_FAIL, TlsVersion.TLS_1_2);
        assertThat(c.handshakeEvents()).anySatisfy(e -> assertThat(e.detail())
                .contains("revocation: OCSP responder " + responder.url() + ": good"));
        c.close().block(TIMEOUT);

        responder.revoke(leaf.leaf(), "superseded");
        // A new client (a new cache): the responder now says revoked.
        assertThatThrownBy(() -> connect(RevocationPolicy.SOFT_FAIL, TlsVersion.TLS_1_3))
                .satisfies(e -> assertThat(cause(e, CertificateRevokedException.class).revocationReason())
                        .isEqualTo(CRLReason.SUPERSEDED));
    }

    @Test
    void withTheResponderDownTheClientFallsBackToTheCrlAndKeepsTheAnswer() throws IOException {
        AtomicReference<byte[]> crl = new AtomicReference<>();
        AtomicInteger downloads = new AtomicInteger();
        // Both ports are held before the leaf names them: the CRL server bound, the dead responder's port refusing.
        DisposableServer crlServer = reactor.netty.http.server.HttpServer.create().host(LoopbackPorts.HOST).port(0)
                .route(r -> r.get("/ca.crl", (req, res) -> {
                    downloads.incrementAndGet();
                    return res.sendByteArray(reactor.core.publisher.Mono.fromSupplier(crl::get));
                }))
                .bindNow(TIMEOUT);
        try (Socket dead = LoopbackPorts.refusingPort()) {
            String crlUrl = OcspPki.url(crlServer.port(), "ca.crl");
            OcspPki.Leaf leaf = pki.leaf("crl", b -> b.ocspResponder(OcspPki.url(dead.getLocalPort(), ""))
                    .crlDistributionPoint(crlUrl));
            crl.set(pki.crl(Instant.now().minusSeconds(60), leaf.leaf()));
            startServer(TlsServerConfig.builder(leaf.keyMaterial()).build());
            TlsClientOptions options = TlsClientOptions.builder(TlsClientConfig.builder().trust(pki.trustAnchors())
                    .revocation(RevocationPolicy.SOFT_FAIL).revocationTimeout(REVOCATION_TIMEOUT).build())
                    .serverName(TestPki.HOST).handshakeTimeout(TIMEOUT).build();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(server.port()),
                        options).connect().block(TIMEOUT))
                        .satisfies(e -> {
                            CertificateRevokedException r = cause(e, CertificateRevokedException.class);
                            assertThat(r.revocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
                            assertThat(r.getMessage()).contains("CRL " + crlUrl);
                        });
            }
            assertThat(downloads).as("the second handshake used the cached status (the CRL's nextUpdate is a day away)").hasValue(1);
        } finally {
            crlServer.disposeNow(TIMEOUT);
        }
    }

    @Test
    void aMustStapleCertificateWithoutAStapleIsRefusedAndWithOneAccepted() {
        responder = OcspResponder.start(pki);
        OcspPki.Leaf leaf = pki.leaf("muststaple", b -> b.ocspResponder(responder.url()).mustStaple());
        responder.add(leaf.leaf());
        startServer(TlsServerConfig.builder(leaf.keyMaterial()).build());
        assertThatThrownBy(() -> connect(RevocationPolicy.SOFT_FAIL, TlsVersion.TLS_1_3))
                .satisfies(e -> assertThat(cause(e, TlsAlertException.class).alert())
                        .isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE))
                .hasStackTraceContaining("RFC 7633");
        server.disposeNow(TIMEOUT);

        stapler = OcspStapler.fromResponders().build();
        startServer(TlsServerConfig.builder(leaf.keyMaterial()).ocspStapling(stapler).build());
        awaitStaple(leaf, RevocationStatus.State.GOOD);
        connect(RevocationPolicy.SOFT_FAIL, TlsVersion.TLS_1_2).close().block(TIMEOUT);
    }

    private void startServer(TlsServerConfig config) {
        server = TlsServer.create(tcpServer(), TlsServerOptions.of(config))
                .bind(c -> c.outbound().send(c.inbound().receive().retain())).block(TIMEOUT);
    }

    private SecureConnection connect(RevocationPolicy policy, TlsVersion version) {
        TlsClientConfig config = TlsClientConfig.builder().trust(pki.trustAnchors()).versions(version)
                .revocation(policy).revocationTimeout(REVOCATION_TIMEOUT).build();
        return TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(server.port()),
                        TlsClientOptions.builder(config).serverName(TestPki.HOST).handshakeTimeout(TIMEOUT).build())
                .connect().block(TIMEOUT);
    }

    /** s_client without -brief, which would silence the OCSP printout (it goes to the quiet stdout). */
    private String sClientStatus(TlsVersion version) {
        try (PeerProcess p = PeerProcess.start(List.of("openssl", "s_client", "-status", "-no_ign_eof",
                "-connect", LoopbackPorts.HOST + ":" + server.port(), "-servername", TestPki.HOST,
                version == TlsVersion.TLS_1_2 ? "-tls1_2" : "-tls1_3"))) {
            p.stdout().awaitText("Cert Status: ", TIMEOUT);
            p.stdout().awaitText("Verify return code", TIMEOUT);
            p.closeStdin();
            p.awaitExit(TIMEOUT);
            return p.stdout().text();
        }
    }

    private void awaitStaple(OcspPki.Leaf leaf, RevocationStatus.State expected) {
        AtomicReference<String> last = new AtomicReference<>("none");
        boolean seen = LoopbackPorts.poll(() -> {
            byte[] staple = stapler.staple(leaf.keyMaterial());
            if (staple == null) {
                return false;
            }
            RevocationStatus status = Ocsp.evaluate(staple, leaf.leaf(), pki.ca().certificate(), Instant.now(), "staple");
            last.set(status.toString());
            return status.state() == expected;
        }, TIMEOUT);
        assertThat(seen).as("staple " + expected + ", last " + last + "\n"
                + (responder != null && responder.process() != null ? responder.process().describeOutput() : "")).isTrue();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + e, e);
    }

    static List<HandshakeEvent> events(SecureConnection c) {
        return c.handshakeEvents();
    }
}
