package io.reactls.benchmarks;

import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's TLS as the baseline: an {@link SSLContext} for a generated PKI and an in-memory handshake of two engines. */
final class JdkTls {

    private static final int BUFFER = 1 << 17;
    private static int port;

    private static synchronized int nextPort() {
        port = port % 65535 + 1;
        return port;
    }

    private JdkTls() {
    }

    /** Serves the PKI's leaf and trusts its CA, so one context makes both ends. */
    static SSLContext context(GeneratedPki pki) throws GeneralSecurityException, java.io.IOException {
        KeyMaterial km = pki.leaf();
        char[] password = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", km.privateKey(), password, km.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * A client (verifying "localhost") and a server engine limited to one protocol and one suite. The JDK caches
     * client sessions by host and port and resumes them (TLS 1.2 session ids, TLS 1.3 PSKs), so every pair gets a
     * port of its own: each handshake is a full one, as reactls' are.
     */
    static SSLEngine[] pair(SSLContext context, String protocol, String suite) {
        SSLEngine client = context.createSSLEngine("localhost", nextPort());
        client.setUseClientMode(true);
        SSLEngine server = context.createSSLEngine();
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {protocol});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        return new SSLEngine[] {client, server};
    }

    /**
     * Runs the handshake to completion in memory, delegated tasks inline, and lets the client read what the server
     * sent after it (TLS 1.3 NewSessionTicket), as a real connection would before its first application data.
     */
    static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        ByteBuffer toServer = ByteBuffer.allocate(BUFFER);
        ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
        ByteBuffer app = ByteBuffer.allocate(BUFFER);
        for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
            step(client, toServer, toClient, app);
            step(server, toClient, toServer, app);
        }
        if (!(done(client) && done(server))) {
            throw new IllegalStateException("JDK handshake did not complete");
        }
        toClient.flip();
        while (toClient.hasRemaining()) {
            app.clear();
            if (client.unwrap(toClient, app).bytesConsumed() == 0) {
                break;
            }
        }
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** One turn of one side: read what the peer sent, then write what it wants to send. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        runTasks(engine);
        in.flip();
        while (in.hasRemaining()) {
            app.clear();
            SSLEngineResult r = engine.unwrap(in, app);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        ByteBuffer empty = ByteBuffer.allocate(0);
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = engine.wrap(empty, out);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("JDK wrap during handshake: " + r);
            }
        }
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
