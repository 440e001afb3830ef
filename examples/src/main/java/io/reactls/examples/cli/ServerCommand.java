package io.reactls.examples.cli;

import io.reactls.server.OcspStapler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.reactls.TlsClosedException;
import io.reactls.TrustAnchors;
import io.reactls.ClientAuthMode;
import io.reactls.TlsServerConfig;
import io.reactls.netty.SecureConnection;
import io.reactls.netty.TlsCloseEvent;
import io.reactls.netty.TlsHandshakeCompletionEvent;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
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

    @Option(names = "--cert", required = true, paramLabel = "chain.pem",
            description = "Certificate chain, leaf first (PEM), or a PKCS#12 store (.p12/.pfx) holding the key too.")
    Path cert;

    @Option(names = "--key", paramLabel = "key.pem", description = "The leaf's private key (PEM, PKCS#8 or traditional).")
    Path key;

    @Mixin
    KeyOptions keyOptions;

    @Mixin
    TlsOptions tls;

    @Option(names = "--no-session-cache",
            description = "No TLS 1.2 session-ID resumption (by default the server caches 1000 sessions for 2 hours, "
                    + "as openssl s_server does).")
    boolean noSessionCache;

    @Option(names = "--client-auth", defaultValue = "none", paramLabel = "none|optional|require",
            description = "Ask for a client certificate (optional) or insist on one (require); needs --cafile.")
    ClientAuthMode clientAuth;

    @Option(names = "--cafile", paramLabel = "ca.pem", description = "CA certificates that client certificates must chain to.")
    Path caFile;

    @Option(names = "--handshake-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a client may take to complete its handshake, counted from its connection "
                    + "(default: ${DEFAULT-VALUE}, as long as reactls client waits): a cold JVM client verifying its "
                    + "first chain on a loaded machine can take longer than the library's 10 s.")
    int handshakeTimeout;

    @Option(names = "--www", description = "Answer HTTP requests with a text page describing the TLS session.")
    boolean www;

    @Option(names = "--ocsp-stapling", description = "Staple OCSP responses fetched in the background from the "
            + "responder in the certificate (authorityInfoAccess); the chain must include the issuer.")
    boolean ocspStapling;

    @Option(names = "--ocsp-response", paramLabel = "resp.der",
            description = "Staple this DER OCSP response (e.g. from openssl ocsp -respout), read again at each refresh.")
    Path ocspResponse;

    @Option(names = "--early-data", paramLabel = "BYTES", arity = "0..1", fallbackValue = "16384",
            description = "Accept TLS 1.3 0-RTT data, up to BYTES per connection (default when given: ${FALLBACK-VALUE}), "
                    + "announced in the session tickets. A replayed or stale ClientHello's early data is refused "
                    + "(the connection goes on in 1-RTT).")
    Integer earlyData;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Share the TLS 1.2 session cache, the 0-RTT anti-replay record and the session-ticket key "
                    + "secret with every server using the same Redis (e.g. redis://127.0.0.1:6379), so clients resume "
                    + "on any of them and 0-RTT data replayed to another is refused. While Redis is unreachable, "
                    + "handshakes complete without resumption or 0-RTT and the server says why.")
    String redis;

    @Option(names = "--redis-prefix", defaultValue = "reactls:", paramLabel = "PREFIX",
            description = "Prefix of this fleet's Redis keys (default: ${DEFAULT-VALUE}).")
    String redisPrefix;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final int DEFAULT_SESSION_CACHE = 1000;
    private static final AttributeKey<Long> CONNECTION_ID = AttributeKey.valueOf("reactls.cli.connectionId");

    private final PrintStream err = System.err;
    private final AtomicLong connections = new AtomicLong();

    @Override
    public Integer call() {
        if (clientAuth != ClientAuthMode.NONE && caFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--client-auth " + clientAuth.name().toLowerCase()
                    + " needs --cafile to verify client certificates");
        }
        if (handshakeTimeout <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--handshake-timeout must be positive, got " + handshakeTimeout);
        }
        if (noSessionCache && tls.sessionIdCache != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-session-cache and --session-cache are exclusive");
        }
        TlsServerConfig.Builder builder = TlsServerConfig.builder(keyOptions.load(spec.commandLine(), cert, key));
        if (clientAuth != ClientAuthMode.NONE) {
            builder.clientAuth(clientAuth, TrustAnchors.fromPem(caFile));
        }
        if (!noSessionCache && tls.sessionIdCache == null) {
            builder.sessionIdCache(DEFAULT_SESSION_CACHE, Duration.ofHours(2));
        }
        tls.applyTo(builder);
        if (www && tls.alpn != null && tls.alpn.contains("h2")) {
            // The status page speaks HTTP/1.1 only: agreeing to h2 would leave an HTTP/2 client with no answer.
            builder.alpn(tls.alpn.stream().filter(p -> !p.equals("h2")).toArray(String[]::new));
            err.println("reactls server: --www speaks HTTP/1.1 only, so h2 is not offered in ALPN");
        }
        if (ocspStapling && ocspResponse != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ocsp-stapling and --ocsp-response are exclusive");
        }
        if (ocspStapling || ocspResponse != null) {
            // Building the config starts the stapler on the key material (OcspStapleSource.prefetch).
            builder.ocspStapling((ocspResponse != null ? OcspStapler.fromFile(ocspResponse) : OcspStapler.fromResponders()).build());
        }
        if (earlyData != null) {
            builder.maxEarlyData(earlyData);
        }
        io.reactls.server.redis.RedisStores stores = null;
        if (redis != null) {
            if (noSessionCache) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--no-session-cache and --redis are exclusive");
            }
            stores = io.reactls.server.redis.RedisStores.connect(redis, redisPrefix);
            builder.sessionIdStore(stores.sessionIdStore()).antiReplayStore(stores.antiReplayStore());
            builder.ticketKeys(stores.ticketKeyStore().ticketKeys(io.reactls.TicketKeys.DEFAULT_ROTATION, 1,
                    new java.security.SecureRandom()).block(Duration.ofSeconds(10)));
        }
        TlsServerConfig config = builder.build();

        // Each connection gets its number when accepted, so a failed handshake can be logged under it too.
        TcpServer tcp = TcpServer.create().host(host).port(port).doOnChannelInit((observer, channel, remote) -> {
            long id = connections.incrementAndGet();
            channel.attr(CONNECTION_ID).set(id);
            channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, "reactls.cli.handshakeFailureLog",
                    new HandshakeFailureLog(id));
        });
        TlsServerOptions options = TlsServerOptions.builder(config)
                .handshakeTimeout(Duration.ofSeconds(handshakeTimeout))
                // What became of 0-RTT data, and why a shared store could not help, is worth a line each.
                .onHandshakeEvent(e -> {
                    if (e.detail().contains("0-RTT") || e.detail().contains("store unavailable")) {
                        err.println("reactls server: " + e.detail());
                    }
                })
                .build();
        DisposableServer server = TlsServer.create(tcp, options)
                .bind(this::serve)
                .block(Duration.ofSeconds(30));
        err.println("reactls server: listening on " + host + ":" + server.port()
                + (www ? ", answering HTTP requests" : ", echoing") + " (Ctrl-C to stop)");
        try {
            server.onDispose().block();
        } finally {
            if (stores != null) {
                stores.close();
            }
        }
        return 0;
    }

    /** Called once the handshake is done; the server sends close_notify and closes when this completes. */
    private Mono<Void> serve(SecureConnection connection) {
        long id = connection.connection().channel().attr(CONNECTION_ID).get();
        err.println("reactls server: #" + id + " " + HandshakePrinter.oneLine(connection.session()));
        Mono<Void> work = www ? StatusPage.serve(connection)
                : connection.outbound().send(connection.inbound().receive().retain()).then();
        return work
                .doOnSuccess(done -> err.println("reactls server: #" + id + " closed"))
                .onErrorResume(e -> {
                    // One connection's failure is reported and ends that connection only.
                    String what = e instanceof TlsClosedException ? "ended: " : "failed: ";
                    err.println("reactls server: #" + id + " " + what + Failures.describe(e));
                    return Mono.empty();
                });
    }

    /**
     * Logs a connection whose handshake failed (the handler above never sees it), and one the client truncated. The failure itself goes on to
     * reactor-netty as an IOException, which it logs at DEBUG only (see TlsHandshakeFailedException).
     */
    private final class HandshakeFailureLog extends ChannelInboundHandlerAdapter {
        private final long id;

        HandshakeFailureLog(long id) {
            this.id = id;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof TlsHandshakeCompletionEvent done && !done.isSuccess()) {
                err.println("reactls server: #" + id + " failed: " + Failures.describe(done.cause()));
            } else if (evt == TlsCloseEvent.TRUNCATED) {
                err.println("reactls server: #" + id + " truncated: the client closed the connection without close_notify");
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
