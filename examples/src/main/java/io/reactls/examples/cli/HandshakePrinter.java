package io.reactls.examples.cli;

import io.reactls.HandshakeEvent;
import io.reactls.TlsSession;

import java.io.PrintStream;
import java.security.cert.X509Certificate;

/** Prints handshake events ("① ClientHello: ...") and negotiated sessions for people to read. */
final class HandshakePrinter {

    private static final String CIRCLED = "①②③④⑤⑥⑦⑧";

    private final PrintStream out;

    HandshakePrinter(PrintStream out) {
        this.out = out;
    }

    /** {@code side} labels the event when both ends print to the same terminal (the demo); may be empty. */
    void event(String side, HandshakeEvent event) {
        int n = event.step().number();
        String number = n >= 1 && n <= CIRCLED.length() ? CIRCLED.substring(n - 1, n) : "(" + n + ")";
        String title = event.step().title();
        String name = title.contains(":") ? title.substring(0, title.indexOf(':')) : title;
        synchronized (out) {
            out.println((side.isEmpty() ? "" : side + " ") + number + " " + name + ": " + event.detail());
        }
    }

    void session(String indent, TlsSession session) {
        synchronized (out) {
            out.println(indent + "protocol:      " + session.protocol());
            out.println(indent + "cipher suite:  " + session.cipherSuite());
            out.println(indent + "key exchange:  " + (session.group() == null
                    ? "RSA (pre-master secret encrypted to the server's key)" : "ECDHE " + session.group().rfcName()));
            out.println(indent + "ext. master:   " + (session.version() == io.reactls.TlsVersion.TLS_1_3
                    ? "n/a (TLS 1.3 binds the transcript)" : session.extendedMasterSecret() ? "yes (RFC 7627)" : "no"));
            out.println(indent + "ALPN:          " + (session.applicationProtocol() == null ? "-" : session.applicationProtocol()));
            out.println(indent + "SNI:           " + (session.serverName() == null ? "-" : session.serverName()));
            if (!session.peerCertificates().isEmpty()) {
                X509Certificate leaf = session.peerCertificates().get(0);
                out.println(indent + "peer:          " + leaf.getSubjectX500Principal().getName()
                        + " (issued by " + leaf.getIssuerX500Principal().getName() + ")");
            }
        }
    }

    /** One line, for servers logging each connection. */
    static String oneLine(TlsSession session) {
        String peer = session.peerCertificates().isEmpty() ? ""
                : " client=" + session.peerCertificates().get(0).getSubjectX500Principal().getName();
        return session + peer;
    }
}
