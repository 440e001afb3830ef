package io.reactls.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_client} connecting to 127.0.0.1. Runs with {@code -brief -nocommands -no_ign_eof}: stdin goes
 * to the server verbatim (no command letters), the server's data appears verbatim on stdout, the handshake summary
 * ("CONNECTION ESTABLISHED", protocol, cipher, temp key) goes to stderr, and closing stdin sends close_notify.
 */
public final class OpenSslClient {

    public static final String ESTABLISHED = "CONNECTION ESTABLISHED";

    private final List<String> args = new ArrayList<>();
    private int port;

    private OpenSslClient(int port) {
        this.port = port;
    }

    public static OpenSslClient connect(int port) {
        return new OpenSslClient(port);
    }

    public OpenSslClient port(int port) {
        this.port = port;
        return this;
    }

    public OpenSslClient tls12() {
        return arg("-tls1_2");
    }

    public OpenSslClient cipher(String opensslCipherList) {
        return arg("-cipher", opensslCipherList);
    }

    public OpenSslClient groups(String groups) {
        return arg("-groups", groups);
    }

    public OpenSslClient alpn(String protocols) {
        return arg("-alpn", protocols);
    }

    public OpenSslClient serverName(String name) {
        return arg("-servername", name);
    }

    /** Verifies the server against {@code caFile} and {@code hostname}, aborting the handshake on failure. */
    public OpenSslClient verify(Path caFile, String hostname) {
        return arg("-CAfile", caFile.toString(), "-verify_return_error", "-verify_hostname", hostname);
    }

    /** Presents a client certificate when asked. */
    public OpenSslClient certificate(Path chain, Path key) {
        return arg("-cert", chain.toString(), "-key", key.toString());
    }

    public OpenSslClient arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    /** Starts s_client; the handshake runs in the background (see {@link #awaitEstablished}). */
    public PeerProcess start() {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-brief", "-nocommands", "-no_ign_eof",
                "-connect", LoopbackPorts.HOST + ":" + port));
        command.addAll(args);
        return PeerProcess.start(command);
    }

    /**
     * Waits for s_client to report a completed handshake; returns its stderr summary so far (at least the protocol
     * version and cipher suite; later lines such as "Server Temp Key" may need their own wait).
     */
    public static String awaitEstablished(PeerProcess client, Duration timeout) {
        client.stderr().awaitText(ESTABLISHED, timeout);
        return client.stderr().awaitText("Ciphersuite: ", timeout);
    }
}
