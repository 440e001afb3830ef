package io.reactls.examples.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.CipherSuite;
import io.reactls.TlsVersion;
import io.reactls.netty.SecureConnection;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Both ends of a connection on the loopback, printing the eight handshake steps as they happen: TLS 1.2 with the RSA
 * key exchange, TLS 1.2 with ECDHE, then TLS 1.3, where the same steps come in a compressed order.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a reactls server and client on 127.0.0.1 with a freshly generated CA and certificate, "
                + "and shows the handshake step by step: TLS 1.2 with the RSA key exchange "
                + "(TLS_RSA_WITH_AES_128_GCM_SHA256), TLS 1.2 with ECDHE, then TLS 1.3 (the default); each time a "
                + "message each way and a clean close.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String HOST = "localhost";

    @Option(names = "--write-pem", paramLabel = "DIR",
            description = "Also write the demo's ca.pem, chain.pem and key.pem into DIR, to try `reactls server` with.")
    Path pemDir;

    @Option(names = "--rsa-pss",
            description = "Use an RSASSA-PSS CA and server certificate (SubjectPublicKeyInfo id-RSASSA-PSS: handshakes are "
                    + "signed with rsa_pss_pss_*, RFC 8446 §4.2.3) instead of rsaEncryption RSA. Such a key cannot "
                    + "decrypt, so the RSA key exchange round is skipped.")
    boolean rsaPss;

    // Circled digits need UTF-8 whatever the platform encoding is.
    private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    private final HandshakePrinter printer = new HandshakePrinter(out);
    private GeneratedPki pki;

    @Override
    public Integer call() {
        out.println("Generating a demo CA and an " + (rsaPss ? "RSASSA-PSS" : "RSA") + " 2048 server certificate for " + HOST + " ...");
        pki = (rsaPss ? CertificateGenerator.rsaPss() : CertificateGenerator.rsa()).ca("reactls demo CA").leaf(HOST, "127.0.0.1");
        if (pemDir != null) {
            GeneratedPki.PemFiles files = pki.writePem(pemDir);
            out.println("Wrote " + files.ca() + ", " + files.chain() + " and " + files.key());
        }

        List<CipherSuite> defaultSuites = TlsServerConfig.of(pki.leaf()).cipherSuites();
        List<CipherSuite> serverSuites = new ArrayList<>(defaultSuites);
        if (!rsaPss) {
            serverSuites.add(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256); // RSA key exchange is opt-in
        }
        TlsServerConfig serverConfig = TlsServerConfig.builder(pki.leaf())
                .cipherSuites(serverSuites.toArray(CipherSuite[]::new)).build();

        TlsServerOptions serverOptions = TlsServerOptions.builder(serverConfig)
                .onHandshakeEvent(e -> printer.event("  server", e))
                .build();
        DisposableServer server = TlsServer.create(TcpServer.create().host("127.0.0.1").port(0), serverOptions)
                .bind(DemoCommand::echo)
                .block(TIMEOUT);
        try {
            if (rsaPss) {
                out.println();
                out.println("== 1. RSA key exchange (TLS 1.2): skipped, an RSASSA-PSS key only signs (RFC 4055) ==");
            } else {
                round(server.port(), "1. RSA key exchange (TLS 1.2)", client()
                        .cipherSuites(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256).build());
            }
            round(server.port(), "2. ECDHE key exchange (TLS 1.2)", client().versions(TlsVersion.TLS_1_2)
                    .cipherSuites(defaultSuites.stream().filter(s -> !s.isTls13()).toArray(CipherSuite[]::new)).build());
            out.println();
            out.println("TLS 1.3 compresses the same eight steps into one round trip: the hellos carry the ECDHE key");
            out.println("shares (①②④), keys are derived right after ServerHello (⑤), so the certificate, its check (③)");
            out.println("and the server's Finished (⑦) travel encrypted and come before the client's Finished (⑥).");
            out.println("⑥ and ⑦ keep their TLS 1.2 names, but here they are the encrypted Finished messages alone: the");
            out.println("ChangeCipherSpec on the wire is only a no-op for middleboxes (RFC 8446 §D.4).");
            round(server.port(), "3. TLS 1.3 (the default)", client().build());
        } finally {
            server.disposeNow(TIMEOUT);
        }
        out.println();
        out.println("Done. Try: ./reactls server --help   and   ./reactls client --help");
        return 0;
    }

    private TlsClientConfig.Builder client() {
        return TlsClientConfig.builder().trust(pki.trustAnchors());
    }

    /** The demo server: echoes until the client's close_notify, which it answers with its own. */
    private static Mono<Void> echo(SecureConnection connection) {
        return connection.outbound().send(connection.inbound().receive().retain()).then();
    }

    private void round(int port, String title, TlsClientConfig config) {
        out.println();
        out.println("== " + title + " ==");
        TlsClientOptions options = TlsClientOptions.builder(config).serverName(HOST)
                .onHandshakeEvent(e -> printer.event("client", e))
                .build();
        SecureConnection connection = TlsClient.create(TcpClient.newConnection().host("127.0.0.1").port(port), options)
                .connect()
                .block(TIMEOUT);
        out.println("Negotiated:");
        printer.session("  ", connection.session());

        String message = "Hello over " + connection.session().cipherSuite() + "!";
        StringBuilder echoed = new StringBuilder();
        // Read the echo; once it is complete send close_notify, and the stream ends with the server's close_notify.
        Mono<Void> receiveUntilClosed = connection.inbound().receive().asString(StandardCharsets.UTF_8)
                .concatMap(text -> {
                    echoed.append(text);
                    return echoed.length() >= message.length() ? connection.closeOutbound() : Mono.<Void>empty();
                }).then();
        Mono.when(connection.outbound().send(Mono.just(text(message))).then(), receiveUntilClosed).block(TIMEOUT);
        connection.close().block(TIMEOUT);

        out.println("client → server: " + message);
        out.println("server → client: " + echoed);
        out.println("Closed cleanly: close_notify sent and received.");
    }

    private static ByteBuf text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
    }
}
