package io.reactls.engine;

import static io.reactls.engine.Tls13NegativeTest.CERTIFICATE;
import static io.reactls.engine.Tls13NegativeTest.ENCRYPTED_EXTENSIONS;
import static io.reactls.engine.TlsEngineNegativeTest.expectAlert;
import static io.reactls.engine.TlsEngineNegativeTest.handshake;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeEvent;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.CertificateCompression;
import io.reactls.handshake.compression.CertificateCodecs;
import io.reactls.record.ContentType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 8879 between two engines: who compresses with what, and every malformed CompressedCertificate's alert. */
class CertificateCompressionHandshakeTest {

    static final GeneratedPki EC = TlsEngineHandshakeTest.EC;
    static final GeneratedPki RSA = TlsEngineHandshakeTest.RSA;
    static final int COMPRESSED_CERTIFICATE = 25;
    static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);

    static TlsConfig.Builder client(List<CertificateCompression> offered) {
        return Tls13HandshakeTest.client(EC).certificateCompression(offered);
    }

    static TlsConfig.Builder server(List<CertificateCompression> accepted) {
        return Tls13HandshakeTest.server(EC).certificateCompression(accepted);
    }

    static List<String> events(TlsEngine engine) {
        return engine.takeEvents().stream().map(HandshakeEvent::detail).toList();
    }

    static void assertTraffic(EnginePair p) {
        assertThat(p.client.isHandshakeComplete()).isTrue();
        assertThat(p.server.isHandshakeComplete()).isTrue();
        p.client.send(EnginePair.text("ping"));
        p.server.send(EnginePair.text("pong"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
        assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
    }

    // ------------------------------------------------------------------------------------------ negotiation

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void theServerCompressesItsCertificateWithWhatTheClientOffers(CertificateCompression c) {
        try (EnginePair p = Tls13HandshakeTest.pair(client(List.of(c)), server(CertificateCompression.PREFERENCE)).handshake()) {
            assertTraffic(p);
            assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(events(p.server)).anyMatch(e -> e.startsWith("Certificate sent as CompressedCertificate (" + c.rfcName() + ")"));
            assertThat(events(p.client)).anyMatch(e -> e.startsWith("Certificate received as CompressedCertificate (" + c.rfcName() + ")"));
        }
    }

    @Test
    void theServerTakesTheFirstOfTheClientsListThatItSupports() {
        // The client prefers zlib over brotli; the server's own preference (brotli first) does not matter (RFC 8879 §3).
        try (EnginePair p = Tls13HandshakeTest.pair(
                client(List.of(CertificateCompression.ZLIB, CertificateCompression.BROTLI)),
                server(List.of(CertificateCompression.BROTLI, CertificateCompression.ZLIB))).handshake()) {
            assertTraffic(p);
            assertThat(events(p.server)).anyMatch(e -> e.startsWith("Certificate sent as CompressedCertificate (zlib)"));
        }
        try (EnginePair p = Tls13HandshakeTest.pair(
                client(List.of(CertificateCompression.ZSTD, CertificateCompression.BROTLI)),
                server(List.of(CertificateCompression.BROTLI))).handshake()) {
            assertTraffic(p);
            assertThat(events(p.server)).anyMatch(e -> e.startsWith("Certificate sent as CompressedCertificate (brotli)"));
        }
    }

    @Test
    void noAlgorithmInCommonMeansAPlainCertificate() {
        try (EnginePair p = Tls13HandshakeTest.pair(client(List.of(CertificateCompression.ZLIB)),
                server(List.of(CertificateCompression.BROTLI, CertificateCompression.ZSTD))).handshake()) {
            assertTraffic(p);
            assertThat(events(p.server)).noneMatch(e -> e.contains("CompressedCertificate"));
            assertThat(events(p.client)).noneMatch(e -> e.contains("CompressedCertificate"));
        }
    }

    @Test
    void compressionOffOnEitherSideMeansAPlainCertificate() {
        for (EnginePair p : List.of(
                Tls13HandshakeTest.pair(client(List.of()), server(CertificateCompression.PREFERENCE)).handshake(),
                Tls13HandshakeTest.pair(client(CertificateCompression.PREFERENCE), server(List.of())).handshake())) {
            try (p) {
                assertTraffic(p);
                assertThat(events(p.server)).noneMatch(e -> e.contains("CompressedCertificate"));
            }
        }
    }

    @Test
    void tls12IgnoresTheExtension() {
        try (EnginePair p = Tls13HandshakeTest.pair(client(CertificateCompression.PREFERENCE),
                server(CertificateCompression.PREFERENCE).versions(List.of(TlsVersion.TLS_1_2))).handshake()) {
            assertTraffic(p);
            assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(events(p.server)).noneMatch(e -> e.contains("CompressedCertificate"));
        }
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void theClientCompressesItsCertificateWithWhatTheCertificateRequestOffers(CertificateCompression c) {
        try (EnginePair p = Tls13HandshakeTest.pair(
                client(CertificateCompression.PREFERENCE).keyMaterial(RSA.leaf()),
                server(List.of(c)).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors())).handshake()) {
            assertTraffic(p);
            List<String> client = events(p.client);
            assertThat(client).anyMatch(e -> e.startsWith("Certificate sent as CompressedCertificate (" + c.rfcName() + ")"));
            List<String> server = events(p.server);
            assertThat(server).anyMatch(e -> e.startsWith("Certificate received as CompressedCertificate (" + c.rfcName() + ")"));
            assertThat(server).anyMatch(e -> e.startsWith("client certificate") && e.endsWith("verified"));
        }
    }

    @Test
    void aCertificateRequestWithoutTheExtensionGetsAPlainClientCertificate() {
        try (EnginePair p = Tls13HandshakeTest.pair(
                client(CertificateCompression.PREFERENCE).keyMaterial(RSA.leaf()),
                server(List.of()).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors())).handshake()) {
            assertTraffic(p);
            assertThat(events(p.client)).noneMatch(e -> e.contains("CompressedCertificate"));
        }
    }

    @Test
    void theServerCompressesItsChainOncePerConfig() {
        TlsConfig serverConfig = server(List.of(CertificateCompression.BROTLI)).build();
        for (int i = 0; i < 3; i++) {
            try (EnginePair p = new EnginePair(TlsEngine.client(client(List.of(CertificateCompression.BROTLI)).build(), "localhost",
                    ByteBufAllocator.DEFAULT), TlsEngine.server(serverConfig, ByteBufAllocator.DEFAULT)).handshake()) {
                assertTraffic(p);
            }
        }
        assertThat(serverConfig.compressedCertificateCache().compressions()).isEqualTo(1);
    }

    /** The numbers for the report: a TLS 1.3 Certificate message (leaf + CA) plain and compressed. */
    @Test
    void certificateMessageSizes() {
        for (GeneratedPki pki : List.of(RSA, EC)) {
            KeyMaterial leafAndCa = new KeyMaterial(List.of(pki.leafCertificate().certificate(), pki.caCertificate()),
                    pki.leafCertificate().privateKey());
            int plain = certificateMessageSize(leafAndCa, null);
            StringBuilder line = new StringBuilder(pki.leafCertificate().certificate().getPublicKey().getAlgorithm()
                    + " leaf+CA Certificate message: plain " + plain);
            for (CertificateCompression c : CertificateCompression.values()) {
                int compressed = certificateMessageSize(leafAndCa, c);
                assertThat(compressed).isLessThan(plain);
                line.append(", ").append(c.rfcName()).append(' ').append(compressed);
            }
            System.out.println(line + " bytes (handshake header included)");
        }
    }

    /** The size of the server's Certificate or CompressedCertificate message, read from the client's decrypted view. */
    private static int certificateMessageSize(KeyMaterial km, CertificateCompression c) {
        try (EnginePair p = Tls13NegativeTest.pair(client(c == null ? List.of() : List.of(c)).versions(TLS13),
                TlsConfig.server(km).versions(TLS13).certificateCompression(c == null ? List.of() : List.of(c)))) {
            Tls13NegativeTest.ClientAfterServerHello s = new Tls13NegativeTest.ClientAfterServerHello(p);
            return s.message(c == null ? CERTIFICATE : COMPRESSED_CERTIFICATE).length;
        }
    }

    // ------------------------------------------------------------------------------------------ malformed input

    /** A client offering {@code offered}, past ServerHello, facing a plain-Certificate server whose flight we rewrite. */
    private static Tls13NegativeTest.ClientAfterServerHello clientFacingCraftedFlight(List<CertificateCompression> offered) {
        EnginePair p = Tls13NegativeTest.pair(client(offered).versions(TLS13), server(List.of()).versions(TLS13));
        return new Tls13NegativeTest.ClientAfterServerHello(p);
    }

    private static byte[] compressedCertificate(int algorithm, int declaredLength, byte[] compressed) {
        ByteBuffer b = ByteBuffer.allocate(2 + 3 + 3 + compressed.length);
        b.putShort((short) algorithm);
        b.put((byte) (declaredLength >>> 16)).put((byte) (declaredLength >>> 8)).put((byte) declaredLength);
        b.put((byte) (compressed.length >>> 16)).put((byte) (compressed.length >>> 8)).put((byte) compressed.length);
        b.put(compressed);
        return handshake(COMPRESSED_CERTIFICATE, b.array());
    }

    private static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    private static TlsAlertException expectClientAlert(List<CertificateCompression> offered, AlertDescription alert,
                                                       java.util.function.Function<byte[], byte[]> craft) {
        Tls13NegativeTest.ClientAfterServerHello c = clientFacingCraftedFlight(offered);
        try (EnginePair p = c.p) {
            byte[] crafted = craft.apply(body(c.message(CERTIFICATE)));
            return expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), crafted), alert, p.server);
        }
    }

    @Test
    void aCompressedCertificateWeDidNotAskForIsUnexpected() {
        TlsAlertException e = expectClientAlert(List.of(), AlertDescription.UNEXPECTED_MESSAGE,
                cert -> compressedCertificate(1, cert.length, CertificateCodecs.compress(CertificateCompression.ZLIB, cert)));
        assertThat(e.getMessage()).contains("did not offer certificate compression");
    }

    @Test
    void anAlgorithmWeDidNotOfferIsAnIllegalParameter() {
        TlsAlertException e = expectClientAlert(List.of(CertificateCompression.ZLIB), AlertDescription.ILLEGAL_PARAMETER,
                cert -> compressedCertificate(2, cert.length, CertificateCodecs.compress(CertificateCompression.BROTLI, cert)));
        assertThat(e.getMessage()).contains("algorithm 2");
        expectClientAlert(List.of(CertificateCompression.ZLIB), AlertDescription.ILLEGAL_PARAMETER,
                cert -> compressedCertificate(0x4000, cert.length, CertificateCodecs.compress(CertificateCompression.ZLIB, cert)));
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aStreamShorterOrLongerThanDeclaredIsABadCertificate(CertificateCompression c) {
        expectClientAlert(List.of(c), AlertDescription.BAD_CERTIFICATE,
                cert -> compressedCertificate(c.id(), cert.length + 1, CertificateCodecs.compress(c, cert)));
        expectClientAlert(List.of(c), AlertDescription.BAD_CERTIFICATE,
                cert -> compressedCertificate(c.id(), cert.length - 1, CertificateCodecs.compress(c, cert)));
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void garbageIsABadCertificate(CertificateCompression c) {
        byte[] garbage = new byte[300];
        Arrays.fill(garbage, (byte) 0x5A);
        expectClientAlert(List.of(c), AlertDescription.BAD_CERTIFICATE, cert -> compressedCertificate(c.id(), cert.length, garbage));
    }

    @Test
    void aDeclaredLengthOverOurLimitIsRefusedBeforeAnyAllocation() {
        byte[] tiny = CertificateCodecs.compress(CertificateCompression.ZSTD, new byte[16]);
        long before = allocatedBytes();
        TlsAlertException e = expectClientAlert(List.of(CertificateCompression.ZSTD), AlertDescription.ILLEGAL_PARAMETER,
                cert -> compressedCertificate(CertificateCompression.ZSTD.id(), 0xFFFFFF, tiny)); // 16 MiB - 1, the u24 maximum
        long allocated = allocatedBytes() - before;
        assertThat(e.getMessage()).contains("declares 16777215 bytes, over our limit of 65536");
        assertThat(allocated).as("bytes allocated by the whole exchange (a 16 MiB buffer would show)").isLessThan(8L << 20);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aBombInflatingPastItsDeclaredLengthIsABadCertificate(CertificateCompression c) {
        byte[] bomb = CertificateCodecs.compress(c, new byte[16 << 20]);
        long before = allocatedBytes();
        TlsAlertException e = expectClientAlert(List.of(c), AlertDescription.BAD_CERTIFICATE,
                cert -> compressedCertificate(c.id(), 60_000, bomb));
        long allocated = allocatedBytes() - before;
        assertThat(e.getMessage()).contains("does not decompress");
        assertThat(allocated).as("bytes allocated by the whole exchange").isLessThan(8L << 20);
    }

    @Test
    void theLimitAppliesToAPlainCertificateToo() {
        // RFC 8879 §5: the same limit with or without compression. An RSA leaf plus CA (~1.6 KiB) against the smallest
        // limit the builder allows.
        KeyMaterial leafAndCa = new KeyMaterial(List.of(RSA.leafCertificate().certificate(), RSA.caCertificate()),
                RSA.leafCertificate().privateKey());
        try (EnginePair p = Tls13NegativeTest.pair(Tls13HandshakeTest.client(RSA).versions(TLS13).maxCertificateSize(1024),
                TlsConfig.server(leafAndCa).versions(TLS13).certificateCompression(List.of()))) {
            Tls13NegativeTest.ClientAfterServerHello c = new Tls13NegativeTest.ClientAfterServerHello(p);
            TlsAlertException e = expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(CERTIFICATE)),
                    AlertDescription.ILLEGAL_PARAMETER, p.server);
            assertThat(e.getMessage()).contains("exceeds our limit of 1024");
        }
    }

    @Test
    void theServerRefusesACompressedClientCertificateItDidNotAskFor() {
        try (EnginePair p = Tls13NegativeTest.pair(client(CertificateCompression.PREFERENCE).versions(TLS13).keyMaterial(RSA.leaf()),
                server(List.of()).versions(TLS13).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors()))) {
            Tls13NegativeTest.ServerAwaitingClientFlight s = new Tls13NegativeTest.ServerAwaitingClientFlight(p);
            byte[] cert = body(s.message(CERTIFICATE));
            byte[] crafted = compressedCertificate(1, cert.length, CertificateCodecs.compress(CertificateCompression.ZLIB, cert));
            expectAlert(p.server, s.toServer(ContentType.HANDSHAKE, crafted), AlertDescription.UNEXPECTED_MESSAGE, p.client);
        }
    }

    @Test
    void theServerRejectsABadCompressedClientCertificate() {
        try (EnginePair p = Tls13NegativeTest.pair(client(List.of()).versions(TLS13).keyMaterial(RSA.leaf()),
                server(List.of(CertificateCompression.ZLIB)).versions(TLS13).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors()))) {
            Tls13NegativeTest.ServerAwaitingClientFlight s = new Tls13NegativeTest.ServerAwaitingClientFlight(p);
            byte[] cert = body(s.message(CERTIFICATE));
            byte[] crafted = compressedCertificate(1, cert.length + 7, CertificateCodecs.compress(CertificateCompression.ZLIB, cert));
            expectAlert(p.server, s.toServer(ContentType.HANDSHAKE, crafted), AlertDescription.BAD_CERTIFICATE, p.client);
        }
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
