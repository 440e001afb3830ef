package io.reactls.examples.netty;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import io.reactls.TlsServerConfig;
import io.reactls.TlsSession;
import io.reactls.server.HttpsServer;
import io.reactls.server.TlsServerOptions;
import java.nio.file.Path;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * HTTPS hello world on reactor-netty's HttpServer with reactls underneath. Makes a demo CA and a certificate for
 * localhost, writes them to the directory given (default: ./pem), and serves on 127.0.0.1 (port: 2nd argument,
 * default 8443) until killed. The page says which TLS version, suite and ALPN protocol the server negotiated:
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

        DisposableServer server = HttpsServer.secure(http().host("127.0.0.1").port(port),
                        TlsServerOptions.of(tls(pki.leaf())))
                .bindNow();
        System.out.println("serving https://localhost:" + server.port() + "/ ; CA certificate in " + dir.resolve("ca.pem"));
        server.onDispose().block();
    }

    /** The server's TLS: {@code leaf}, answering ALPN with http/1.1 (browsers offer h2 first). */
    public static TlsServerConfig tls(KeyMaterial leaf) {
        return TlsServerConfig.builder(leaf).alpn("http/1.1").build();
    }

    /** The routes, on a plain HttpServer that {@link HttpsServer#secure} puts reactls under. */
    public static HttpServer http() {
        return HttpServer.create().route(routes -> routes.get("/", (req, res) -> res
                .header("content-type", "text/html; charset=utf-8")
                .sendString(Mono.just(page(req)))));
    }

    private static String page(HttpServerRequest req) {
        TlsSession session = HttpsServer.session(req);
        String tls = session.protocol() + " " + session.cipherSuite().name() + ", ALPN "
                + (session.applicationProtocol() == null ? "none" : session.applicationProtocol());
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>reactls hello</title></head>\n"
                + "<body style=\"margin:0;background:#fff;color:#000;font-family:sans-serif\">\n"
                + "<h1 id=\"greeting\" style=\"margin:16px;font-size:40px\">Hello over reactls</h1>\n"
                + "<p id=\"tls\" style=\"margin:16px;font-size:20px\">" + tls + "</p>\n"
                + "<p id=\"scheme\" style=\"margin:16px;font-size:20px\">scheme: " + req.scheme() + "</p>\n"
                + "</body></html>\n";
    }
}
