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
abstract class TlsPeers {

    /** The server name every client connects to and checks the certificate against. */
    static final String HOST = "localhost";

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
    abstract Connection connect(boolean resume) throws Exception;

    /** Sets the plaintext every {@link Connection#transfer} of this stack's connections sends. */
    abstract void payload(byte[] bytes);

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
        int handshake() throws Exception;

        /** The client sends the payload, the server opens it; returns the plaintext bytes delivered (copied to {@code capture} when given). */
        int transfer(ByteArrayOutputStream capture) throws Exception;

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
