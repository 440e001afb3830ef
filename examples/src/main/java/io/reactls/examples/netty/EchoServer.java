package io.reactls.examples.netty;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.TlsServerConfig;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import java.nio.file.Path;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * A TLS echo server on reactor-netty's TcpServer with reactls underneath; pair it with {@link EchoClient} or
 * {@code openssl s_client -connect 127.0.0.1:8444 -CAfile pem/ca.pem}. Arguments: PEM directory (default ./pem),
 * port (default 8444).
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "pem");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8444;
        GeneratedPki pki = CertificateGenerator.ec().ca("reactls demo CA").leaf("localhost", "127.0.0.1");
        pki.writePem(dir);
        DisposableServer server = TlsServer.create(TcpServer.create().host("127.0.0.1").port(port),
                        TlsServerOptions.of(TlsServerConfig.of(pki.leaf())))
                .bind(c -> c.outbound().send(c.inbound().receive().retain()))
                .block();
        System.out.println("echoing on 127.0.0.1:" + server.port() + "; CA certificate in " + dir.resolve("ca.pem"));
        server.onDispose().block();
    }
}
