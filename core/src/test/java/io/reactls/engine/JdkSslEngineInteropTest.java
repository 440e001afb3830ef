package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In-process interop with the JDK's own {@link SSLEngine}, TLS 1.2 and TLS 1.3: our client against a JDK server and a JDK
 * client against our server, both engines driven in memory. No RSA key exchange: the JDK disables the RSA key
 * exchange suites through {@code jdk.tls.disabledAlgorithms} (TLS_RSA_* are "legacy"), and re-enabling them would
 * mean changing a JVM-wide security property under the other tests; the RSA key exchange is covered against
 * openssl and between our own engines instead.
 */
class JdkSslEngineInteropTest {

    static final GeneratedPki RSA = CertificateGenerator.rsa().ca("jdk interop RSA CA").leaf("localhost");
    static final GeneratedPki EC = CertificateGenerator.ec().ca("jdk interop EC CA").leaf("localhost");
    /** The client certificate, from its own CA, so each side must really trust the other's CA. */
    static final GeneratedPki CLIENT = CertificateGenerator.ec().ca("jdk interop client CA").leaf("interop client");

    static final char[] PASSWORD = "interop".toCharArray();
    static final int[] SIZES = {1, 16385, 1 << 20};

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            if (CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.RSA) {
                continue; // the JDK disables the RSA key exchange (see the class comment)
            }
            for (boolean ourClient : new boolean[] {true, false}) {
                for (boolean clientAuth : new boolean[] {false, true}) {
                    out.add(Arguments.of(suite, ourClient, clientAuth));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} reactls client: {1} client auth: {2}")
    @MethodSource("cases")
    void handshakeDataAndCloseBothWays(CipherSuite suite, boolean ourClient, boolean clientAuth) throws Exception {
        GeneratedPki serverPki = CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? EC : RSA;
        SSLEngine jdk;
        TlsEngine ours;
        if (ourClient) {
            jdk = jdkContext(serverPki.leaf(), clientAuth ? CLIENT : null).createSSLEngine();
            jdk.setUseClientMode(false);
            SSLParameters params = jdkParameters(suite);
            params.setNeedClientAuth(clientAuth);
            params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            jdk.setSSLParameters(params);
            TlsConfig.Builder cfg = TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(serverPki.trustAnchors())
                    .alpn(List.of("http/1.1", "h2"));
            if (clientAuth) {
                cfg.keyMaterial(CLIENT.leaf());
            }
            ours = TlsEngine.client(cfg.build(), "localhost", ByteBufAllocator.DEFAULT);
        } else {
            jdk = jdkContext(clientAuth ? CLIENT.leaf() : null, serverPki).createSSLEngine("localhost", 443);
            jdk.setUseClientMode(true);
            SSLParameters params = jdkParameters(suite);
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the JDK checks our certificate's name too
            params.setApplicationProtocols(new String[] {"http/1.1", "h2"});
            jdk.setSSLParameters(params);
            TlsConfig.Builder cfg = TlsConfig.server(serverPki.leaf()).cipherSuites(List.of(suite)).alpn(List.of("h2", "http/1.1"));
            if (clientAuth) {
                cfg.clientAuth(ClientAuthMode.REQUIRE).trustAnchors(CLIENT.trustAnchors());
            }
            ours = TlsEngine.server(cfg.build(), ByteBufAllocator.DEFAULT);
        }

        try (Wire w = new Wire(ours, jdk)) {
            w.handshake();
            assertThat(ours.session().cipherSuite()).isEqualTo(suite);
            assertThat(jdk.getSession().getCipherSuite()).isEqualTo(suite.name());
            assertThat(jdk.getSession().getProtocol()).isEqualTo(suite.isTls13() ? "TLSv1.3" : "TLSv1.2");
            // Each side's first preference is the server's choice: h2 both ways.
            assertThat(ours.session().applicationProtocol()).isEqualTo("h2");
            assertThat(jdk.getApplicationProtocol()).isEqualTo("h2");
            if (clientAuth) {
                if (ourClient) {
                    assertThat(((X509Certificate) jdk.getSession().getPeerCertificates()[0]).getSubjectX500Principal())
                            .isEqualTo(CLIENT.leaf().leaf().getSubjectX500Principal());
                } else {
                    assertThat(ours.session().peerCertificates().get(0)).isEqualTo(CLIENT.leaf().leaf());
                    assertThat(jdk.getSession().getLocalCertificates()).isNotNull();
                }
            } else {
                assertThat(jdk.getSession().getLocalCertificates() == null || ourClient).isTrue();
            }

            Random random = new Random(suite.ordinal() * 4L + (ourClient ? 2 : 0) + (clientAuth ? 1 : 0));
            for (int size : SIZES) {
                byte[] up = new byte[size];
                random.nextBytes(up);
                ours.send(ByteBufAllocator.DEFAULT.heapBuffer(size).writeBytes(up));
                w.pump();
                assertThat(w.jdkReceived.toByteArray()).as("%d bytes reactls → JDK", size).isEqualTo(up);
                w.jdkReceived.reset();

                byte[] down = new byte[size];
                random.nextBytes(down);
                w.jdkSend(down);
                w.pump();
                assertThat(w.takeOurs()).as("%d bytes JDK → reactls", size).isEqualTo(down);
            }

            // close_notify: whoever closes first, both sides end closed with no truncation.
            if (ourClient) {
                ours.closeOutbound();
                if (suite.isTls13()) {
                    // TLS 1.3 allows half-close: the JDK does not answer close_notify until told to close too.
                    w.pump();
                    assertThat(jdk.isInboundDone()).as("JDK got close_notify").isTrue();
                    jdk.closeOutbound();
                }
            } else {
                jdk.closeOutbound();
                if (suite.isTls13()) {
                    w.pump();
                    assertThat(ours.isInboundClosed()).as("reactls got close_notify").isTrue();
                    ours.closeOutbound(); // TLS 1.3 half-close: we answer when we are done writing
                }
            }
            w.pump();
            assertThat(ours.isInboundClosed()).as("reactls got close_notify").isTrue();
            assertThat(ours.isOutboundClosed()).isTrue();
            assertThat(jdk.isInboundDone()).as("JDK got close_notify").isTrue();
            assertThat(jdk.isOutboundDone()).isTrue();
            assertThat(ours.failure()).isNull();
        }
    }

    /** RSASSA-PSS certificate keys (rsa_pss_pss_*) on both sides: the JDK supports them in TLS 1.3 and TLS 1.2. */
    static final GeneratedPki PSS = CertificateGenerator.rsaPss().ca("jdk interop PSS CA").leaf("localhost");
    static final GeneratedPki PSS_CLIENT = CertificateGenerator.rsaPss().ca("jdk interop PSS client CA").leaf("interop PSS client");

    @ParameterizedTest(name = "{0} reactls client: {1}")
    @MethodSource("pssCases")
    void rsaPssCertificatesBothWays(String protocol, boolean ourClient) throws Exception {
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {protocol});
        SSLEngine jdk;
        TlsEngine ours;
        if (ourClient) {
            jdk = jdkContext(PSS.leaf(), PSS_CLIENT).createSSLEngine();
            jdk.setUseClientMode(false);
            params.setNeedClientAuth(true);
            ours = TlsEngine.client(TlsConfig.client().trustAnchors(PSS.trustAnchors()).keyMaterial(PSS_CLIENT.leaf()).build(),
                    "localhost", ByteBufAllocator.DEFAULT);
        } else {
            jdk = jdkContext(PSS_CLIENT.leaf(), PSS).createSSLEngine("localhost", 443);
            jdk.setUseClientMode(true);
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ours = TlsEngine.server(TlsConfig.server(PSS.leaf()).clientAuth(ClientAuthMode.REQUIRE)
                    .trustAnchors(PSS_CLIENT.trustAnchors()).build(), ByteBufAllocator.DEFAULT);
        }
        jdk.setSSLParameters(params);
        try (Wire w = new Wire(ours, jdk)) {
            w.handshake();
            assertThat(jdk.getSession().getProtocol()).isEqualTo(protocol);
            assertThat(ours.session().peerCertificates().get(0)).isEqualTo(ourClient ? PSS.leaf().leaf() : PSS_CLIENT.leaf().leaf());
            assertThat(((X509Certificate) jdk.getSession().getPeerCertificates()[0]).getPublicKey().getAlgorithm())
                    .isEqualTo("RSASSA-PSS");
            // We accept only rsa_pss_pss_* from a PSS certificate key, so the JDK signed with one; and so did we.
            assertThat(ours.takeEvents()).extracting(e -> e.detail()).anyMatch(d -> d.contains("rsa_pss_pss_sha256"));
            byte[] up = new byte[5000];
            new Random(3).nextBytes(up);
            ours.send(ByteBufAllocator.DEFAULT.heapBuffer(up.length).writeBytes(up));
            w.pump();
            assertThat(w.jdkReceived.toByteArray()).isEqualTo(up);
            w.jdkSend(up);
            w.pump();
            assertThat(w.takeOurs()).isEqualTo(up);
        }
    }

    static Stream<Arguments> pssCases() {
        return Stream.of(Arguments.of("TLSv1.3", true), Arguments.of("TLSv1.3", false),
                Arguments.of("TLSv1.2", true), Arguments.of("TLSv1.2", false));
    }

    @Test
    void jdkClientRefusesOurUntrustedCertificate() throws Exception {
        // The JDK client trusts only the client CA, not the one that issued our server certificate.
        SSLEngine jdk = jdkContext(null, CLIENT).createSSLEngine("localhost", 443);
        jdk.setUseClientMode(true);
        jdk.setSSLParameters(jdkParameters(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        TlsEngine ours = TlsEngine.server(TlsConfig.server(RSA.leaf()).build(), ByteBufAllocator.DEFAULT);
        try (Wire w = new Wire(ours, jdk)) {
            ours.beginHandshake();
            jdk.beginHandshake();
            SSLException refused = catchThrowableOfType(SSLException.class, w::pump);
            assertThat(refused).as("the JDK refuses our chain").isNotNull();
            // Its alert, flushed by the next wrap, reaches our engine as a peer alert.
            TlsAlertException received = catchThrowableOfType(TlsAlertException.class, w::pump);
            assertThat(received).isNotNull();
            assertThat(received.origin()).isEqualTo(TlsAlertException.Origin.PEER);
            assertThat(received.alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
            assertThat(ours.failure()).isSameAs(received);
            assertThat(ours.takeOutbound()).as("no answer to a fatal alert").isNull();
        }
    }

    @Test
    void ourClientRefusesAnUntrustedJdkServer() throws Exception {
        SSLEngine jdk = jdkContext(RSA.leaf(), null).createSSLEngine();
        jdk.setUseClientMode(false);
        jdk.setSSLParameters(jdkParameters(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        // We trust the EC CA only.
        TlsEngine ours = TlsEngine.client(TlsConfig.client().trustAnchors(EC.trustAnchors()).build(), "localhost",
                ByteBufAllocator.DEFAULT);
        try (Wire w = new Wire(ours, jdk)) {
            ours.beginHandshake();
            jdk.beginHandshake();
            TlsAlertException sent = catchThrowableOfType(TlsAlertException.class, w::pump);
            assertThat(sent).isNotNull();
            assertThat(sent.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
            assertThat(sent.alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
            SSLException received = catchThrowableOfType(SSLException.class, w::pump);
            assertThat(received).as("the JDK reads our alert").isNotNull();
            assertThat(received.getMessage()).contains("unknown_ca");
        }
    }

    /**
     * RFC 8701 both ways: our GREASEing client against a JDK server, and a JDK client against our server sending GREASE
     * in its TLS 1.3 CertificateRequest and NewSessionTicket extensions; the JDK must ignore every GREASE value.
     */
    @ParameterizedTest(name = "{0} reactls client: {1}")
    @MethodSource("greaseCases")
    void greaseIsIgnoredByTheJdk(CipherSuite suite, boolean ourClient) throws Exception {
        SSLEngine jdk;
        TlsEngine ours;
        if (ourClient) {
            jdk = jdkContext(EC.leaf(), CLIENT).createSSLEngine();
            jdk.setUseClientMode(false);
            SSLParameters params = jdkParameters(suite);
            params.setNeedClientAuth(true);
            jdk.setSSLParameters(params);
            ours = TlsEngine.client(TlsConfig.client().grease(true).cipherSuites(List.of(suite)).trustAnchors(EC.trustAnchors())
                    .keyMaterial(CLIENT.leaf()).build(), "localhost", ByteBufAllocator.DEFAULT);
        } else {
            jdk = jdkContext(CLIENT.leaf(), EC).createSSLEngine("localhost", 443);
            jdk.setUseClientMode(true);
            jdk.setSSLParameters(jdkParameters(suite));
            ours = TlsEngine.server(TlsConfig.server(EC.leaf()).grease(true).cipherSuites(List.of(suite))
                    .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(CLIENT.trustAnchors()).build(), ByteBufAllocator.DEFAULT);
        }
        try (Wire w = new Wire(ours, jdk)) {
            w.handshake();
            assertThat(jdk.getSession().getCipherSuite()).isEqualTo(suite.name());
            byte[] up = new byte[3000];
            new Random(5).nextBytes(up);
            ours.send(ByteBufAllocator.DEFAULT.heapBuffer(up.length).writeBytes(up));
            w.pump(); // also carries our NewSessionTickets to a JDK client
            assertThat(w.jdkReceived.toByteArray()).isEqualTo(up);
            w.jdkSend(up);
            w.pump();
            assertThat(w.takeOurs()).isEqualTo(up);
        }
    }

    static Stream<Arguments> greaseCases() {
        return Stream.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                .flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
    }

    static SSLParameters jdkParameters(CipherSuite suite) {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {suite.isTls13() ? "TLSv1.3" : "TLSv1.2"});
        p.setCipherSuites(new String[] {suite.name()});
        return p;
    }

    /** A JDK context with {@code key} as its identity (may be null) trusting {@code trusted}'s CA (may be null). */
    static SSLContext jdkContext(KeyMaterial key, GeneratedPki trusted) throws Exception {
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("identity", key.privateKey(), PASSWORD, key.chain().toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
        }
        TrustManagerFactory tmf = null;
        if (trusted != null) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", trusted.caCertificate());
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Moves bytes between our engine and the JDK's until neither has anything more to say. */
    static final class Wire implements AutoCloseable {
        final TlsEngine ours;
        final SSLEngine jdk;
        final ByteArrayOutputStream jdkReceived = new ByteArrayOutputStream();
        ByteBuffer toJdk = ByteBuffer.allocate(0);
        ByteBuffer jdkOut = ByteBuffer.allocate(0);
        ByteBuffer jdkApp;
        ByteBuffer jdkNet;

        Wire(TlsEngine ours, SSLEngine jdk) {
            this.ours = ours;
            this.jdk = jdk;
            this.jdkApp = ByteBuffer.allocate(jdk.getSession().getApplicationBufferSize());
            this.jdkNet = ByteBuffer.allocate(jdk.getSession().getPacketBufferSize());
        }

        void handshake() throws SSLException {
            ours.beginHandshake();
            jdk.beginHandshake();
            pump();
            assertThat(ours.isHandshakeComplete()).as("reactls handshake complete").isTrue();
            assertThat(jdk.getHandshakeStatus()).isEqualTo(SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        }

        void jdkSend(byte[] data) {
            ByteBuffer rest = ByteBuffer.allocate(jdkOut.remaining() + data.length);
            rest.put(jdkOut).put(data).flip();
            jdkOut = rest;
        }

        byte[] takeOurs() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuf b;
            while ((b = ours.takePlaintext()) != null) {
                try {
                    byte[] chunk = new byte[b.readableBytes()];
                    b.readBytes(chunk);
                    out.writeBytes(chunk);
                } finally {
                    b.release();
                }
            }
            return out.toByteArray();
        }

        void pump() throws SSLException {
            int rounds = 0;
            boolean moved = true;
            while (moved) {
                assertThat(++rounds).as("the engines keep talking; a loop?").isLessThan(10_000);
                moved = false;
                ByteBuf c = ours.takeOutbound();
                if (c != null) {
                    byte[] bytes = new byte[c.readableBytes()];
                    c.readBytes(bytes);
                    c.release();
                    ByteBuffer grown = ByteBuffer.allocate(toJdk.remaining() + bytes.length);
                    grown.put(toJdk).put(bytes).flip();
                    toJdk = grown;
                    moved = true;
                }
                moved |= jdkUnwrap();
                moved |= jdkWrap();
            }
        }

        private boolean runTasks() {
            boolean ran = false;
            Runnable task;
            while ((task = jdk.getDelegatedTask()) != null) {
                task.run();
                ran = true;
            }
            return ran;
        }

        private boolean jdkUnwrap() throws SSLException {
            boolean moved = runTasks();
            while (toJdk.hasRemaining() && !jdk.isInboundDone()) {
                SSLEngineResult r = jdk.unwrap(toJdk, jdkApp);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    drainApp();
                    jdkApp = ByteBuffer.allocate(Math.max(jdkApp.capacity() * 2, jdk.getSession().getApplicationBufferSize()));
                    continue;
                }
                drainApp();
                moved |= runTasks();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || (r.bytesConsumed() == 0 && r.bytesProduced() == 0)) {
                    break;
                }
                moved = true;
            }
            return moved;
        }

        private void drainApp() {
            jdkApp.flip();
            byte[] b = new byte[jdkApp.remaining()];
            jdkApp.get(b);
            jdkReceived.writeBytes(b);
            jdkApp.clear();
        }

        private boolean jdkWrap() throws SSLException {
            boolean moved = false;
            while (!jdk.isOutboundDone()) {
                jdkNet.clear();
                SSLEngineResult r = jdk.wrap(jdkOut, jdkNet);
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    jdkNet = ByteBuffer.allocate(jdkNet.capacity() * 2);
                    continue;
                }
                runTasks();
                if (r.bytesProduced() > 0) {
                    jdkNet.flip();
                    ours.receive(ByteBufAllocator.DEFAULT.heapBuffer(jdkNet.remaining()).writeBytes(jdkNet));
                    moved = true;
                } else if (r.bytesConsumed() == 0) {
                    break;
                }
            }
            return moved;
        }

        @Override
        public void close() {
            ByteBuf b = ours.takeOutbound();
            if (b != null) {
                b.release();
            }
            takeOurs();
            ours.release();
        }
    }
}
