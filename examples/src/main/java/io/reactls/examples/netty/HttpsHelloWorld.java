package io.reactls.examples.netty;

import io.reactls.cert.CertificateGenerator;
import io.reactls.cert.GeneratedPki;
import io.reactls.handshake.TlsConfig;
import io.reactls.server.HttpsServer;
import io.reactls.server.TlsServerOptions;
import java.nio.file.Path;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * HTTPS hello world on reactor-netty's HttpServer with reactls underneath. Makes a demo CA and a certificate for
 * localhost, writes them to the directory given (default: ./pem), and serves on 127.0.0.1 (port: 2nd argument,
 * default 8443) until killed:
 * <pre>curl --cacert pem/ca.pem https://localhost:8443/</pre>
 */
public final class HttpsHelloWorld {

    private HttpsHelloWorld() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "pem");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8443;
        GeneratedPki pki = CertificateGenerator.ec().ca("reactls demo CA").leaf("localhost", "127.0.0.1");
        pki.writePem(dir);

        HttpServer http = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/", (req, res) -> res.header("content-type", "text/plain")
                        .sendString(Mono.just("hello over reactls\n"))));
        DisposableServer server = HttpsServer.secure(http, TlsServerOptions.of(TlsConfig.server(pki.leaf()).build()))
                .bindNow();
        System.out.println("serving https://localhost:" + server.port() + "/ ; CA certificate in " + dir.resolve("ca.pem"));
        server.onDispose().block();
    }
}
