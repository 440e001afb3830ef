package io.reactls.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} on 127.0.0.1 for interop tests. With the default {@code -brief}, what a client sends
 * appears byte for byte on {@link PeerProcess#stdout()}, what the test writes to stdin goes to the client, and the
 * negotiated parameters are summarised on stderr. Closing stdin makes it drop the connection.
 */
public final class OpenSslServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final PeerProcess process;
    private final int port;

    private OpenSslServer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Builder builder(Path certChain, Path key) {
        return new Builder(certChain, key);
    }

    public int port() {
        return port;
    }

    public PeerProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private int naccept = 1;
        private boolean brief = true;

        private Builder(Path certChain, Path key) {
            // -cert_chain is not needed: s_server sends every certificate in the -cert file.
            args.addAll(List.of("-cert", certChain.toString(), "-key", key.toString()));
        }

        public Builder tls12() {
            return arg("-tls1_2");
        }

        /** TLS 1.2 cipher list in OpenSSL names, see {@link OpenSslNames#cipher}. */
        public Builder cipher(String opensslCipherList) {
            return arg("-cipher", opensslCipherList);
        }

        /** Colon-separated OpenSSL group names, e.g. {@code X25519:P-256}. */
        public Builder groups(String groups) {
            return arg("-groups", groups);
        }

        /** Comma-separated protocols the server accepts. */
        public Builder alpn(String protocols) {
            return arg("-alpn", protocols);
        }

        /** Serves {@code cert2}/{@code key2} to clients whose SNI is {@code name}; with {@code fatal}, aborts on any other SNI. */
        public Builder serverName(String name, Path cert2, Path key2, boolean fatal) {
            arg("-servername", name, "-cert2", cert2.toString(), "-key2", key2.toString());
            return fatal ? arg("-servername_fatal") : this;
        }

        /** Asks for a client certificate chaining to {@code caFile}; {@code required} fails clients without one. */
        public Builder clientAuth(Path caFile, boolean required) {
            return arg(required ? "-Verify" : "-verify", "4", "-CAfile", caFile.toString(), "-verify_return_error");
        }

        /** Answers {@code GET /} with an HTML status page instead of relaying stdio. */
        public Builder www() {
            return arg("-www");
        }

        /**
         * Full per-connection reports instead of {@code -brief}: s_server then prints e.g. "Reused session-id" for a
         * resumed session, which its brief summary does not say.
         */
        public Builder verbose() {
            this.brief = false;
            return this;
        }

        /** How many connections to accept before exiting (default 1). */
        public Builder naccept(int n) {
            this.naccept = n;
            return this;
        }

        public Builder arg(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Starts the server on a free port and returns once it listens. */
        public OpenSslServer start() {
            PeerProcess.Listening server = PeerProcess.startListening(port -> {
                List<String> command = new ArrayList<>(List.of("openssl", "s_server"));
                if (brief) {
                    command.add("-brief");
                }
                command.addAll(List.of("-accept", LoopbackPorts.HOST + ":" + port, "-naccept", Integer.toString(naccept)));
                command.addAll(args);
                return command;
            }, STARTUP);
            return new OpenSslServer(server.process(), server.port());
        }
    }
}
