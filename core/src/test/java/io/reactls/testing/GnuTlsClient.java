package io.reactls.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gnutls-cli} connecting to 127.0.0.1. stdin goes to the server. stdout carries status lines
 * ("- Description: (TLS1.2-X.509)-(ECDHE-X25519)-...", "- Handshake was completed") and then, after
 * {@link #DATA_FOLLOWS}, the server's data ({@code --logfile} would separate them, but it is block-buffered on a pipe).
 */
public final class GnuTlsClient {

    public static final String HANDSHAKE_COMPLETED = "- Handshake was completed";
    public static final String DATA_FOLLOWS = "- Simple Client Mode:\n\n";
    /** TLS 1.2 only, with GnuTLS's defaults for everything else. */
    public static final String TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2";

    private final List<String> args = new ArrayList<>();

    private GnuTlsClient(int port) {
        args.addAll(List.of("--port", Integer.toString(port)));
    }

    public static GnuTlsClient connect(int port) {
        return new GnuTlsClient(port);
    }

    /** A GnuTLS priority string, e.g. {@link #TLS12} or {@code NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA}. */
    public GnuTlsClient priority(String priority) {
        return arg("--priority", priority);
    }

    /** Trusts {@code caFile} and checks the server's certificate against {@code hostname} (and sends it as SNI). */
    public GnuTlsClient verify(Path caFile, String hostname) {
        return arg("--x509cafile", caFile.toString(), "--verify-hostname", hostname, "--sni-hostname", hostname);
    }

    public GnuTlsClient alpn(String protocol) {
        return arg("--alpn", protocol);
    }

    public GnuTlsClient certificate(Path chain, Path key) {
        return arg("--x509certfile", chain.toString(), "--x509keyfile", key.toString());
    }

    public GnuTlsClient arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** Waits for the handshake and returns the status lines (with the "- Description: ..." of the session). */
    public static String awaitHandshake(PeerProcess client, Duration timeout) {
        return client.stdout().awaitText(DATA_FOLLOWS, timeout);
    }

    /** Waits for the first {@code count} bytes of application data from the server. */
    public static byte[] awaitData(PeerProcess client, int count, Duration timeout) {
        return client.stdout().awaitBytesAfter(DATA_FOLLOWS, count, timeout);
    }

    public PeerProcess start() {
        List<String> command = new ArrayList<>(List.of("gnutls-cli"));
        command.addAll(args);
        command.add(LoopbackPorts.HOST);
        return PeerProcess.start(command);
    }
}
