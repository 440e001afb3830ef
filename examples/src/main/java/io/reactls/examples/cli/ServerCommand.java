package io.reactls.examples.cli;

import io.reactls.TlsClosedException;
import io.reactls.TlsConnection;
import io.reactls.cert.KeyMaterials;
import io.reactls.cert.TrustAnchors;
import io.reactls.handshake.ClientAuth;
import io.reactls.handshake.TlsConfig;
import io.reactls.server.TlsTcpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** A TLS server for trying clients against: echoes, or answers HTTP requests with a status page. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves TLS on HOST:PORT until killed: echoes what each client sends, or with --www answers "
                + "each HTTP request with a small text page. Connections are served concurrently; a failing "
                + "connection is logged on stderr and never stops the server.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Port to listen on (0: any free port, printed on start).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--cert", required = true, paramLabel = "chain.pem", description = "Certificate chain, leaf first (PEM).")
    Path cert;

    @Option(names = "--key", required = true, paramLabel = "key.pem", description = "The leaf's private key (PEM, PKCS#8 or traditional).")
    Path key;

    @Mixin
    TlsOptions tls;

    @Option(names = "--client-auth", defaultValue = "none", paramLabel = "none|optional|require",
            description = "Ask for a client certificate (optional) or insist on one (require); needs --cafile.")
    ClientAuth clientAuth;

    @Option(names = "--cafile", paramLabel = "ca.pem", description = "CA certificates that client certificates must chain to.")
    Path caFile;

    @Option(names = "--www", description = "Answer HTTP requests with a text page describing the TLS session.")
    boolean www;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream err = System.err;
    private final AtomicLong connections = new AtomicLong();

    @Override
    public Integer call() {
        if (clientAuth != ClientAuth.NONE && caFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--client-auth " + clientAuth.name().toLowerCase()
                    + " needs --cafile to verify client certificates");
        }
        TlsConfig.Builder builder = TlsConfig.server(KeyMaterials.fromPem(cert, key)).clientAuth(clientAuth);
        if (caFile != null) {
            builder.trustAnchors(TrustAnchors.fromPem(caFile));
        }
        TlsConfig config = tls.applyTo(builder).build();

        DisposableServer server = TlsTcpServer.create(TcpServer.create().host(host).port(port), config)
                .bind(this::serve)
                .block(Duration.ofSeconds(30));
        err.println("reactls server: listening on " + host + ":" + server.port()
                + (www ? ", answering HTTP requests" : ", echoing") + " (Ctrl-C to stop)");
        server.onDispose().block();
        return 0;
    }

    private Mono<Void> serve(TlsConnection connection) {
        long id = connections.incrementAndGet();
        return connection.handshake()
                .doOnNext(session -> err.println("reactls server: #" + id + " " + HandshakePrinter.oneLine(session)))
                .then(Mono.defer(() -> www ? StatusPage.serve(connection) : connection.send(connection.receive())))
                .doOnSuccess(done -> err.println("reactls server: #" + id + " closed"))
                .onErrorResume(e -> {
                    // One connection's failure is reported and ends that connection only.
                    String what = e instanceof TlsClosedException ? "ended: " : "failed: ";
                    err.println("reactls server: #" + id + " " + what + Failures.describe(e));
                    return Mono.empty();
                });
    }
}
