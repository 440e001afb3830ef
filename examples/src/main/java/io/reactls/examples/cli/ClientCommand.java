package io.reactls.examples.cli;

import io.reactls.RevocationPolicy;
import io.netty.buffer.ByteBuf;
import io.reactls.TlsClientConfig;
import io.reactls.TrustAnchors;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.netty.SecureConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.tcp.TcpClient;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Like {@code openssl s_client}: handshake, then stdin to the server and the server to stdout. */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Connects to HOST:PORT, prints the handshake steps and the session on stderr, then copies "
                + "stdin to the connection and the connection to stdout. At the end of stdin it sends close_notify "
                + "(with --ign-eof it waits for the server to close instead). Exits 0 after a clean close, non-zero "
                + "with a one-line reason on any failure.")
final class ClientCommand implements Callable<Integer> {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server, e.g. localhost:8443 or [::1]:8443.")
    String target;

    @Option(names = "--servername", paramLabel = "NAME",
            description = "Name for SNI and the certificate check (default: HOST; IP addresses send no SNI).")
    String serverName;

    @Option(names = "--cafile", paramLabel = "ca.pem", description = "Trusted CA certificates (default: the JDK's cacerts).")
    Path caFile;

    @Option(names = "--cert", paramLabel = "chain.pem", description = "Client certificate chain, for servers that ask.")
    Path cert;

    @Option(names = "--key", paramLabel = "key.pem", description = "The client certificate's private key.")
    Path key;

    @Mixin
    KeyOptions keyOptions;

    @Option(names = "--status", description = "Ask for a stapled OCSP response and check revocation (soft-fail "
            + "unless --revocation says otherwise).")
    boolean status;

    @Option(names = "--revocation", paramLabel = "off|soft_fail|hard_fail", converter = RevocationPolicyConverter.class,
            description = "Revocation checking: the staple, else the certificate's OCSP responder or CRL (default: off, "
                    + "or soft_fail with --status).")
    RevocationPolicy revocation;

    @Option(names = "--ign-eof", description = "At the end of stdin keep reading until the server closes "
            + "(TLS 1.2 has no half-close: after our close_notify the server may send nothing more).")
    boolean ignoreEof;

    @Mixin
    TlsOptions tls;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        HostPort address = HostPort.parse(spec.commandLine(), target);
        if (cert == null && key != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key needs --cert");
        }
        TlsClientConfig.Builder builder = TlsClientConfig.builder();
        if (caFile != null) {
            builder.trust(TrustAnchors.fromPem(caFile));
        }
        if (cert != null) {
            builder.keyMaterial(keyOptions.load(spec.commandLine(), cert, key));
        }
        RevocationPolicy policy = revocation != null ? revocation : status ? RevocationPolicy.SOFT_FAIL : RevocationPolicy.OFF;
        builder.revocation(policy);
        tls.applyTo(builder);
        TlsClientConfig config = builder.build();

        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        HandshakePrinter printer = new HandshakePrinter(err);
        TlsClientOptions options = TlsClientOptions.builder(config)
                .serverName(serverName != null ? serverName : address.host())
                .handshakeTimeout(HANDSHAKE_TIMEOUT)
                .onHandshakeEvent(e -> printer.event("", e))
                .build();
        TcpClient tcp = TcpClient.newConnection().host(address.host()).port(address.port());
        // Reading starts as soon as the handshake is done, before anything is printed: a server that speaks first
        // and closes right away is not lost.
        Session session = TlsClient.create(tcp, options).connect()
                .map(connection -> new Session(connection, download(connection).toFuture()))
                .block(HANDSHAKE_TIMEOUT.plusSeconds(5));
        SecureConnection connection = session.connection();
        printer.session("", connection.session());
        err.println("---");

        try {
            Mono<Void> upload = connection.outbound().send(InputStreamFlux.of(System.in)).then()
                    .then(Mono.defer(() -> ignoreEof ? Mono.never() : connection.closeOutbound()));
            // Done when the download is (the server's close_notify, or its close after ours); an upload failure ends
            // it early. stdin may still be blocked in read then.
            Mono.firstWithSignal(Mono.fromFuture(session.download()), upload.then(Mono.never())).block();
        } finally {
            // Owed close_notify goes out first (TLS 1.3: the server may have closed while we were still sending).
            connection.connection().dispose();
            connection.connection().onDispose().block(Duration.ofSeconds(10));
        }
        return 0;
    }

    /** off, soft_fail, hard_fail (or soft-fail, hard-fail), any case. */
    static final class RevocationPolicyConverter implements CommandLine.ITypeConverter<RevocationPolicy> {
        @Override
        public RevocationPolicy convert(String value) {
            return RevocationPolicy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    private record Session(SecureConnection connection, CompletableFuture<Void> download) {
    }

    /** server → stdout, until the server's close_notify (or its close after ours). */
    private static Mono<Void> download(SecureConnection connection) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        return connection.inbound().receive().retain()
                .publishOn(Schedulers.boundedElastic()) // writing to stdout blocks
                .doOnNext(buf -> write(stdout, buf))
                .doOnDiscard(ByteBuf.class, ByteBuf::release)
                .then();
    }

    private static void write(OutputStream out, ByteBuf buf) {
        try {
            buf.readBytes(out, buf.readableBytes());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing stdout", e);
        } finally {
            buf.release();
        }
    }

    /** HOST:PORT with IPv6 literals in brackets. */
    record HostPort(String host, int port) {
        static HostPort parse(CommandLine cli, String text) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new CommandLine.ParameterException(cli, "expected HOST:PORT, got '" + text + "'");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException("out of range");
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(cli, "bad port in '" + text + "'");
            }
        }
    }
}
