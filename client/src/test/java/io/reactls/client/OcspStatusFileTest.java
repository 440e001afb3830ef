package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.AlertDescription;
import io.reactls.CertificateRevokedException;
import io.reactls.CertificateVerificationException;
import io.reactls.HandshakeStep;
import io.reactls.RevocationPolicy;
import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OcspPki;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.netty.tcp.TcpClient;

/**
 * Our client's revocation checking against {@code openssl s_server -status_file}, which staples a fixed OCSP
 * response made by {@code openssl ocsp -respout}: good, revoked, and stale (judged by a client clock past its
 * nextUpdate), on TLS 1.2 (CertificateStatus) and TLS 1.3 (the leaf's CertificateEntry).
 */
class OcspStatusFileTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final OcspPki PKI = OcspPki.create();
    /** No responder URL: the staple is the only source, so what it says decides. */
    private static final OcspPki.Leaf LEAF = PKI.leaf("status-file", b -> { });

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aGoodStapleIsAccepted(TlsVersion version) {
        Path good = response("good", null);
        try (OpenSslServer server = server(version, good)) {
            SecureConnection c = connect(server, version, RevocationPolicy.HARD_FAIL, Clock.systemUTC());
            assertThat(c.session().protocol()).isEqualTo(version.displayName());
            assertThat(c.handshakeEvents()).filteredOn(e -> e.step() == HandshakeStep.CERTIFICATE_VERIFIED)
                    .anySatisfy(e -> assertThat(e.detail()).startsWith("revocation: OCSP staple: good"));
            c.close().block(TIMEOUT);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aRevokedStapleIsRefusedWithCertificateRevokedAndItsReason(TlsVersion version) {
        Path revoked = response("revoked", "cessationOfOperation");
        try (OpenSslServer server = server(version, revoked)) {
            // Soft-fail too: a revocation is known, not merely unavailable.
            assertThatThrownBy(() -> connect(server, version, RevocationPolicy.SOFT_FAIL, Clock.systemUTC()))
                    .satisfies(e -> {
                        CertificateRevokedException r = cause(e, CertificateRevokedException.class);
                        assertThat(r.alert()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
                        assertThat(r.revocationReason()).isEqualTo(CRLReason.CESSATION_OF_OPERATION);
                    });
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text() + server.process().stdout().text()).contains("certificate revoked");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void aStapleJudgedAfterItsNextUpdateIsABadStatusResponse(TlsVersion version) {
        Path good = response("stale", null); // nextUpdate 5 minutes ahead; the client's clock is 20 minutes ahead
        try (OpenSslServer server = server(version, good)) {
            assertThatThrownBy(() -> connect(server, version, RevocationPolicy.SOFT_FAIL,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20))))
                    .satisfies(e -> {
                        CertificateVerificationException v = cause(e, CertificateVerificationException.class);
                        assertThat(v.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
                        assertThat(v.getMessage()).contains("stale");
                    });
            server.process().awaitExit(TIMEOUT);
            assertThat(server.process().stderr().text() + server.process().stdout().text())
                    .contains("bad certificate status response");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsVersion.class, names = {"TLS_1_2", "TLS_1_3"})
    void withRevocationOffNoStatusIsAskedFor(TlsVersion version) {
        Path revoked = response("off", "keyCompromise");
        try (OpenSslServer server = server(version, revoked)) {
            SecureConnection c = connect(server, version, RevocationPolicy.OFF, Clock.systemUTC());
            assertThat(c.handshakeEvents()).noneSatisfy(e -> assertThat(e.detail()).containsAnyOf("stapled", "revocation"));
            c.close().block(TIMEOUT);
        }
    }

    /** A response from {@code openssl ocsp -respout}, signed by the CA, valid 5 minutes; revoked with {@code reason}. */
    private static Path response(String name, String reason) {
        try {
            Path index = PKI.dir().resolve(name + "-index.txt");
            String serial = OcspPki.serialHex(LEAF.leaf().getSerialNumber());
            String line = reason == null ? "V\t301231000000Z\t\t" + serial + "\tunknown\t/CN=localhost\n"
                    : "R\t301231000000Z\t250101000000Z," + reason + "\t" + serial + "\tunknown\t/CN=localhost\n";
            Files.writeString(index, line, StandardCharsets.US_ASCII);
            Path leafPem = PKI.dir().resolve(name + "-leaf.pem");
            io.reactls.Pem.writeCertificates(leafPem, List.of(LEAF.leaf()));
            Path out = PKI.dir().resolve(name + "-resp.der");
            try (PeerProcess p = PeerProcess.start(List.of("openssl", "ocsp", "-index", index.toString(),
                    "-rsigner", PKI.caPem().toString(), "-rkey", PKI.caKey().toString(), "-CA", PKI.caPem().toString(),
                    "-issuer", PKI.caPem().toString(), "-cert", leafPem.toString(), "-respout", out.toString(), "-nmin", "5"))) {
                assertThat(p.awaitExit(TIMEOUT)).as(p.describeOutput()).isZero();
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static OpenSslServer server(TlsVersion version, Path statusFile) {
        OpenSslServer.Builder b = OpenSslServer.builder(LEAF.chain(), LEAF.key()).arg("-status_file", statusFile.toString());
        return (version == TlsVersion.TLS_1_2 ? b.tls12() : b.arg("-tls1_3")).start();
    }

    private static SecureConnection connect(OpenSslServer server, TlsVersion version, RevocationPolicy policy, Clock clock) {
        TlsConfig config = TlsConfig.client().trustAnchors(PKI.trustAnchors()).versions(List.of(version))
                .revocationPolicy(policy).clock(clock).build();
        return TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(server.port()),
                TlsClientOptions.builder(config).serverName(TestPki.HOST).build()).connect().block(TIMEOUT);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + e, e);
    }
}
