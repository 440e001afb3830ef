package io.reactls.benchmarks;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.reactls.KeyMaterial;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The stacks reached through {@link SSLEngine}: the JDK's own (SunJSSE), Bouncy Castle's BCJSSE and BoringSSL
 * through Netty's OpenSSL engine (netty-tcnative-boringssl-static). Delegated tasks run inline; the client checks
 * the host name ("HTTPS" endpoint identification), as reactls does.
 */
final class SslEnginePeers extends TlsPeers {

    private static final int BUFFER = 1 << 17;

    private final String stack;
    private final SSLContext jdkClient;
    private final SSLContext jdkServer;
    private final SslContext nettyClient;
    private final SslContext nettyServer;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ByteBuffer payload;
    private final ByteBuffer net;
    private final ByteBuffer app;

    SslEnginePeers(String stack, TlsShape shape, boolean direct) throws Exception {
        super(shape, direct);
        this.stack = stack;
        // The JDK and BCJSSE read the groups to offer from this property once; every JMH trial runs in its own fork.
        System.setProperty("jdk.tls.namedGroups", String.join(",", withCertificateCurve(shape.jdkGroup(), "secp256r1")));
        // BCJSSE asks the JCA for a "DEFAULT" SecureRandom, which Bouncy Castle's provider supplies; added last, so
        // every other algorithm still comes from the JDK's providers first, as for the JDK's own TLS.
        if (stack.equals(Stacks.BCJSSE) && Security.getProvider("BC") == null) {
            Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        if (shape.suite().name().startsWith("TLS_RSA_")) {
            allowRsaKeyExchange();
        }
        if (stack.equals(Stacks.BORINGSSL)) {
            OpenSsl.ensureAvailability();
            jdkClient = jdkServer = null;
            nettyServer = netty(SslContextBuilder.forServer(pki.leaf().privateKey(), pki.leaf().chain()));
            nettyClient = netty(SslContextBuilder.forClient().trustManager(pki.caCertificate())
                    .endpointIdentificationAlgorithm("HTTPS"));
            ticketsLikeTheOthers(nettyServer, nettyClient);
        } else {
            Provider provider = stack.equals(Stacks.BCJSSE) ? new BouncyCastleJsseProvider()
                    : stack.equals(Stacks.REACTLS_SSLENGINE) ? new io.reactls.jsse.ReactlsProvider()
                    : Security.getProvider("SunJSSE");
            jdkClient = jdkServer = context(provider, pki.leaf(), pki.caCertificate());
            nettyClient = nettyServer = null;
        }
        payload = allocate(1 << 16);
        net = allocate(BUFFER);
        app = allocate(BUFFER);
    }

    private SslContext netty(SslContextBuilder builder) throws Exception {
        return builder.sslProvider(SslProvider.OPENSSL).protocols(shape.protocol())
                .ciphers(List.of(shape.suite().name()))
                .option(OpenSslContextOption.GROUPS, withCertificateCurve(shape.boringSslGroup(), "P-256"))
                .build();
    }

    /**
     * Netty turns session tickets off in BoringSSL ({@code SSL_OP_NO_TICKET} on client and server contexts), so out of
     * the box its TLS 1.2 client would not ask for the ticket the JDK's and reactls' clients ask for, nor its server
     * issue one. Given ticket keys, Netty clears the option: TLS 1.2 full handshakes then carry one ticket on every
     * stack ({@link WorkPerOp} checks it on the wire). In TLS 1.3 BoringSSL still sends none here (and netty-tcnative
     * cannot set its ticket count); see {@link WorkPerOp}.
     */
    private static void ticketsLikeTheOthers(SslContext server, SslContext client) throws Exception {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (SslContext context : new SslContext[] {server, client}) {
            byte[] name = new byte[16];
            byte[] hmac = new byte[16];
            byte[] aes = new byte[16];
            random.nextBytes(name);
            random.nextBytes(hmac);
            random.nextBytes(aes);
            // Netty clears SSL_OP_NO_TICKET when it is given ticket keys (the client's are never used).
            ((ReferenceCountedOpenSslContext) context).sessionContext()
                    .setTicketKeys(new OpenSslSessionTicketKey(name, hmac, aes));
        }
    }

    /**
     * The measured group, then the ECDSA certificate's curve: BCJSSE and BoringSSL also take the group list as the
     * curves an ECDSA certificate may be on (TLS 1.2 semantics). Key shares are made for the first group only and
     * every server here picks it, so the key exchange is still the measured one.
     */
    private String[] withCertificateCurve(String group, String p256) {
        return shape.rsaCertificate() || group.equals(p256) ? new String[] {group} : new String[] {group, p256};
    }

    private ByteBuffer allocate(int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    /** JDK 24+ disables TLS_RSA_* key exchange by default; the RSA-kx handshake re-enables it in this fork only. */
    private static void allowRsaKeyExchange() {
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null) {
            Security.setProperty("jdk.tls.disabledAlgorithms", Arrays.stream(disabled.split(","))
                    .map(String::trim).filter(a -> !a.startsWith("TLS_RSA_")).collect(Collectors.joining(", ")));
        }
    }

    /** Serves the leaf and trusts the CA, so one context makes both ends. */
    private static SSLContext context(Provider provider, KeyMaterial leaf, X509Certificate ca) throws Exception {
        char[] password = "bench".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("leaf", leaf.privateKey(), password, leaf.chain().toArray(new X509Certificate[0]));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        boolean bc = provider instanceof BouncyCastleJsseProvider;
        KeyManagerFactory kmf = bc ? KeyManagerFactory.getInstance("PKIX", provider)
                : KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        TrustManagerFactory tmf = bc ? TrustManagerFactory.getInstance("PKIX", provider)
                : TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** The TLS 1.3 ServerHello's key_share group of the last handshake, or -1. */
    private int lastKeyShareGroup = -1;
    /** The ciphertext bytes of the last transfer, and its records when it was captured. */
    private int lastWireBytes;
    private int lastWireRecords;

    /**
     * The group of the key_share extension in a TLS 1.3 ServerHello at the start of {@code flight} (plaintext: the
     * first record of the server), or -1 when there is none. The SSLEngine API does not say which group was used.
     */
    static int keyShareGroup(ByteBuffer flight) {
        try {
            ByteBuffer b = flight.slice();
            if (b.get() != 22) {
                return -1;
            }
            b.position(5);
            if (b.get() != 2) { // server_hello
                return -1;
            }
            b.position(b.position() + 3 + 2 + 32); // length, legacy_version, random
            int sessionId = b.get() & 0xff;
            b.position(b.position() + sessionId + 2 + 1); // session id, cipher suite, compression
            int end = (b.getShort() & 0xffff) + b.position();
            while (b.position() + 4 <= end) {
                int type = b.getShort() & 0xffff;
                int length = b.getShort() & 0xffff;
                if (type == 0x0033) {
                    return b.getShort() & 0xffff;
                }
                b.position(b.position() + length);
            }
        } catch (RuntimeException e) {
            // not a ServerHello we can read: say so with -1
        }
        return -1;
    }

    @Override
    void payload(byte[] bytes) {
        payload.clear();
        payload.put(bytes).flip();
    }

    @Override
    Connection connect(boolean resume, String host) {
        int peerPort = resume ? RESUME_PORT : nextPort();
        SSLEngine client;
        SSLEngine server;
        if (nettyClient != null) {
            client = nettyClient.newEngine(alloc, host, peerPort);
            server = nettyServer.newEngine(alloc);
        } else {
            client = jdkClient.createSSLEngine(host, peerPort);
            client.setUseClientMode(true);
            server = jdkServer.createSSLEngine();
            server.setUseClientMode(false);
            SSLParameters p = client.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            client.setSSLParameters(p);
            for (SSLEngine e : new SSLEngine[] {client, server}) {
                e.setEnabledProtocols(new String[] {shape.protocol()});
                e.setEnabledCipherSuites(new String[] {shape.suite().name()});
            }
        }
        return new Connection() {
            @Override
            public int handshake(ServerWire wire) throws Exception {
                return SslEnginePeers.this.handshake(client, server, wire);
            }

            @Override
            public int transfer(ByteArrayOutputStream capture) throws Exception {
                return SslEnginePeers.this.transfer(client, server, capture);
            }

            @Override
            public int lastWireBytes() {
                return lastWireBytes;
            }

            @Override
            public int lastWireRecords() {
                return lastWireRecords;
            }

            @Override
            public String cipherSuite() {
                return client.getSession().getCipherSuite();
            }

            @Override
            public int keyShareGroup() {
                return lastKeyShareGroup;
            }

            @Override
            public void close() {
                ReferenceCountUtil.release(client);
                ReferenceCountUtil.release(server);
            }
        };
    }

    /** The client wraps the payload (as many records as it needs), the server unwraps them all. */
    private int transfer(SSLEngine client, SSLEngine server, ByteArrayOutputStream capture) throws Exception {
        payload.rewind();
        net.clear();
        while (payload.hasRemaining()) {
            SSLEngineResult w = client.wrap(payload, net);
            if (w.bytesConsumed() == 0) {
                throw new IllegalStateException(stack + " wrap made no progress: " + w);
            }
        }
        net.flip();
        lastWireBytes = net.remaining();
        if (capture != null) {
            lastWireRecords = ServerWire.recordCount(net);
        }
        int n = 0;
        while (net.hasRemaining()) {
            app.clear();
            SSLEngineResult r = server.unwrap(net, app);
            n += r.bytesProduced();
            if (capture != null) {
                app.flip();
                byte[] b = new byte[app.remaining()];
                app.get(b);
                capture.writeBytes(b);
            }
            if (r.bytesConsumed() == 0) {
                throw new IllegalStateException(stack + " unwrap made no progress: " + r);
            }
        }
        return n;
    }

    /**
     * Runs the handshake to completion in memory and lets the client read what the server sent after it (TLS 1.3
     * NewSessionTicket), as a real connection would before its first application data. Returns the server's bytes.
     */
    private int handshake(SSLEngine client, SSLEngine server, ServerWire wire) throws Exception {
        client.beginHandshake();
        server.beginHandshake();
        ByteBuffer toServer = ByteBuffer.allocate(BUFFER);
        ByteBuffer toClient = ByteBuffer.allocate(BUFFER);
        ByteBuffer scratch = ByteBuffer.allocate(BUFFER);
        int serverBytes = 0;
        for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
            step(client, toServer, toClient, scratch);
            int before = toClient.position();
            int pending = toServer.position();
            step(server, toClient, toServer, scratch);
            if (wire != null) {
                wire.fromClient(pending - toServer.position());
                wire.fromServer(toClient.duplicate().flip().position(before));
            }
            if (serverBytes == 0 && toClient.position() > before) {
                lastKeyShareGroup = keyShareGroup(toClient.duplicate().flip().position(before));
            }
            serverBytes += toClient.position() - before;
        }
        if (!(done(client) && done(server))) {
            throw new IllegalStateException(stack + " handshake did not complete: client " + client.getHandshakeStatus()
                    + ", server " + server.getHandshakeStatus() + ", " + toServer.position() + " bytes to the server, "
                    + toClient.position() + " to the client");
        }
        toClient.flip();
        while (toClient.hasRemaining()) {
            scratch.clear();
            if (client.unwrap(toClient, scratch).bytesConsumed() == 0) {
                break;
            }
        }
        return serverBytes;
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** One turn of one side: read what the peer sent, then write what it wants to send. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer scratch) throws Exception {
        runTasks(engine);
        in.flip();
        while (in.hasRemaining()) {
            scratch.clear();
            SSLEngineResult r = engine.unwrap(in, scratch);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break;
            }
        }
        in.compact();
        // Wrap until nothing more comes out: Netty's OpenSSL engine may say FINISHED while its last flight (the
        // client's Finished) still waits to be wrapped; the JDK's produces nothing when it has nothing to send.
        ByteBuffer empty = ByteBuffer.allocate(0);
        while (true) {
            SSLEngineResult r = engine.wrap(empty, out);
            runTasks(engine);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IllegalStateException("wrap during handshake: " + r);
            }
            if (r.bytesProduced() == 0 && engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                break;
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
