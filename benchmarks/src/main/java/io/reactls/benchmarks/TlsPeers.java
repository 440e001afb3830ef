package io.reactls.benchmarks;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * One TLS implementation set up for one {@link TlsShape}: it makes client/server pairs wired back to back in memory.
 * Every stack gets the same generated certificate chain (leaf for "localhost" under a CA), verifies it and the host
 * name on the client, sends session tickets from the server, and uses no certificate compression.
 */
abstract class TlsPeers implements AutoCloseable {

    /** The server name every client connects to and checks the certificate against. */
    static final String HOST = "localhost";
    /** The port resuming clients connect to; full handshakes each get another (see {@link #nextPort}). */
    static final int RESUME_PORT = 443;
    private static int port = 1000;

    final TlsShape shape;
    final GeneratedPki pki;
    final boolean direct;

    TlsPeers(TlsShape shape, boolean direct) {
        this.shape = shape;
        this.direct = direct;
        this.pki = (shape.rsaCertificate() ? CertificateGenerator.rsa() : CertificateGenerator.ec())
                .ca("bench CA").leaf(HOST);
    }

    /** The stack called {@code stack} (see {@link Stacks#TLS}); heap or direct buffers for application data. */
    static TlsPeers create(String stack, TlsShape shape, boolean direct) throws Exception {
        return switch (stack) {
            case Stacks.REACTLS -> new ReactlsPeers(shape, direct, false);
            case Stacks.REACTLS_NATIVE -> new ReactlsPeers(shape, direct, true);
            case Stacks.JDK, Stacks.BCJSSE, Stacks.BORINGSSL, Stacks.REACTLS_SSLENGINE -> new SslEnginePeers(stack, shape, direct);
            default -> throw new IllegalArgumentException(BenchNames.oneOf("stack", stack, Stacks.TLS));
        };
    }

    /**
     * A new client and server. With {@code resume} the client is the same peer (host and port) as every other
     * resuming client, so it offers the ticket or session it holds; without it, each pair is a stranger and the
     * handshake is a full one.
     */
    Connection connect(boolean resume) throws Exception {
        return connect(resume, HOST);
    }

    /** A new pair whose client expects the certificate to name {@code host} ({@link WorkPerOp} tries a wrong one). */
    abstract Connection connect(boolean resume, String host) throws Exception;

    /**
     * A port no recent client connected to: every client keeps a session cache keyed by host and port and offers
     * what it holds there, so a full handshake needs a peer it has not met.
     */
    static synchronized int nextPort() {
        port = port % 60000 + 1000;
        return ++port;
    }

    /** Sets the plaintext every {@link Connection#transfer} of this stack's connections sends. */
    abstract void payload(byte[] bytes);

    /** Releases what the peers hold between connections (the payload buffer). */
    @Override
    public void close() {
    }

    /** Bytes of the certificate chain the server sends: what a resumed handshake does not send. */
    int chainBytes() {
        int n = 0;
        try {
            for (X509Certificate c : pki.leaf().chain()) {
                n += c.getEncoded().length;
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** A connected pair of one stack. */
    interface Connection extends AutoCloseable {

        /** Runs the handshake to completion (the client reads the server's tickets too); returns the bytes the server sent. */
        default int handshake() throws Exception {
            return handshake(null);
        }

        /** {@link #handshake()}, recording what the server sent in {@code wire} when it is not null. */
        int handshake(ServerWire wire) throws Exception;

        /** The client sends the payload, the server opens it; returns the plaintext bytes delivered (copied to {@code capture} when given). */
        int transfer(ByteArrayOutputStream capture) throws Exception;

        /** Bytes on the wire (record headers, tags and padding included) of the last {@link #transfer}. */
        int lastWireBytes();

        /** Records the last {@link #transfer} that was given a {@code capture} sent (not counted otherwise). */
        int lastWireRecords();

        /** The suite negotiated, by IANA name. */
        String cipherSuite();

        /** The key-exchange group's code point in a TLS 1.3 handshake, -1 when unknown (TLS 1.2 SSLEngine stacks). */
        int keyShareGroup();

        /**
         * Checks that the last handshake used the shape's suite and, in TLS 1.3, its group: a stack that quietly
         * falls back to another group must not be measured under the group's name.
         */
        default void checkNegotiated(String stack, TlsShape shape) {
            if (!cipherSuite().equals(shape.suite().name())) {
                throw new IllegalStateException(stack + " negotiated " + cipherSuite() + ", not " + shape.suite().name());
            }
            if (shape.version() == io.reactls.TlsVersion.TLS_1_3 && keyShareGroup() != shape.group().id()) {
                throw new UnsupportedOperationException(stack + " used key-exchange group 0x"
                        + Integer.toHexString(keyShareGroup()) + ", not " + shape.group().rfcName());
            }
        }

        @Override
        void close();
    }
}
