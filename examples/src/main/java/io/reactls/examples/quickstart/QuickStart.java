package io.reactls.examples.quickstart;

import io.micrometer.core.instrument.MeterRegistry;
import io.reactls.ClientAuthMode;
import io.reactls.HandshakeEvent;
import io.reactls.KeyMaterial;
import io.reactls.SignatureScheme;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TrustAnchors;
import io.reactls.client.HttpsClient;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.connection.TlsConnection;
import io.reactls.netty.MicrometerHandshakeMetrics;
import io.reactls.netty.SecureConnection;
import io.reactls.server.HttpsServer;
import io.reactls.server.SwappableCertificateResolver;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * The README's "Library quick start", as code that compiles: each region between {@code tag::name[]} and
 * {@code end::name[]} is a README code block, word for word (a test checks it), and the tests run every one of them
 * on 127.0.0.1. Only public API is used: {@code io.reactls}, {@code io.reactls.client}, {@code io.reactls.server},
 * the Netty door {@code io.reactls.netty} and the transport-neutral {@code io.reactls.connection}.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** A key-management service that signs without blocking (what the async-signer example plugs in). */
    public interface Kms {
        /** Signs {@code content} with {@code scheme} using the key it holds. */
        Mono<byte[]> sign(SignatureScheme scheme, byte[] content);
    }

    /** An HTTPS server with its certificate and key in PEM files. */
    public static DisposableServer pemHttpsServer(Path chainPem, Path keyPem, int port) {
        // tag::pem-server[]
        TlsServerConfig tls = TlsServerConfig.builder(KeyMaterial.fromPem(chainPem, keyPem))
                .alpn("http/1.1")
                .build();
        DisposableServer server = HttpsServer.secure(
                        HttpServer.create().host("127.0.0.1").port(port)
                                .route(routes -> routes.get("/hello", (request, response) -> response.sendString(
                                        Mono.just("hello over " + HttpsServer.session(request).protocol())))),
                        TlsServerOptions.of(tls))
                .bindNow();
        // end::pem-server[]
        return server;
    }

    /** A TCP echo server whose key is the entry "server" of a PKCS#12 file. */
    public static DisposableServer pkcs12EchoServer(Path p12, char[] password, int port) {
        // tag::pkcs12-echo-server[]
        KeyMaterial key = KeyMaterial.fromPkcs12(p12, password, "server");
        DisposableServer server = TlsServer.create(TcpServer.create().host("127.0.0.1").port(port),
                        TlsServerOptions.of(TlsServerConfig.of(key)))
                .bindNow(connection -> connection.outbound().send(connection.inbound().receive().retain()));
        // end::pkcs12-echo-server[]
        return server;
    }

    /** A TCP client: connects, sends one message and returns the first reply. */
    public static String tcpEcho(Path caPem, int port, String message) {
        // tag::tcp-client[]
        TlsClientConfig tls = TlsClientConfig.builder().trust(TrustAnchors.fromPem(caPem)).build();
        SecureConnection connection = TlsClient.create(TcpClient.create().host("localhost").port(port),
                        TlsClientOptions.of(tls))
                .connectNow();
        String reply = connection.outbound().sendString(Mono.just(message)).then()
                .then(connection.inbound().receive().asString().next())
                .block(Duration.ofSeconds(10));
        connection.close().block(Duration.ofSeconds(10));
        // end::tcp-client[]
        return reply;
    }

    /** An HTTPS GET with reactor-netty's HttpClient over reactls. */
    public static String httpsGet(Path caPem, String url) {
        // tag::https-client[]
        TlsClientConfig tls = TlsClientConfig.builder().trust(TrustAnchors.fromPem(caPem)).build();
        String body = HttpsClient.secure(HttpClient.create(), TlsClientOptions.of(tls))
                .get().uri(url)
                .responseContent().aggregate().asString()
                .block(Duration.ofSeconds(10));
        // end::https-client[]
        return body;
    }

    /** Both ends of mutual TLS. */
    public record Mtls(TlsServerConfig server, TlsClientConfig client) {
    }

    /** Mutual TLS: the server requires a client certificate from {@code clientCas}, the client presents one. */
    public static Mtls mutualTls(KeyMaterial serverKey, TrustAnchors clientCas, TrustAnchors serverCas,
                                 Path clientChainPem, Path clientKeyPem) {
        // tag::mtls[]
        TlsServerConfig server = TlsServerConfig.builder(serverKey)
                .clientAuth(ClientAuthMode.REQUIRE, clientCas)
                .build();
        TlsClientConfig client = TlsClientConfig.builder()
                .trust(serverCas)
                .keyMaterial(KeyMaterial.fromPem(clientChainPem, clientKeyPem))
                .build();
        // end::mtls[]
        return new Mtls(server, client);
    }

    /** Handshake metrics into a Micrometer registry. */
    public static TlsServerOptions withMetrics(TlsServerConfig tls, MeterRegistry registry) {
        // tag::metrics[]
        TlsServerOptions options = TlsServerOptions.builder(tls)
                .observer(new MicrometerHandshakeMetrics(registry))
                .build();
        // end::metrics[]
        return options;
    }

    /** Options whose certificate can be replaced while the server runs. */
    public record Reloadable(SwappableCertificateResolver certificates, TlsServerOptions options) {
    }

    /** Certificate reload: new connections get the new certificate, open ones keep theirs. */
    public static Reloadable reloadable(Path chainPem, Path keyPem) {
        // tag::reload[]
        KeyMaterial initial = KeyMaterial.fromPem(chainPem, keyPem);
        SwappableCertificateResolver certificates = SwappableCertificateResolver.of(initial);
        TlsServerOptions options = TlsServerOptions.builder(TlsServerConfig.of(initial))
                .certificateResolver(certificates)
                .build();
        // end::reload[]
        return new Reloadable(certificates, options);
    }

    /** Swaps in the certificate now in the files (call it off the event loop: it reads files). */
    public static void reload(SwappableCertificateResolver certificates, Path chainPem, Path keyPem) {
        // tag::reload-swap[]
        certificates.swap(KeyMaterial.fromPem(chainPem, keyPem));
        // end::reload-swap[]
    }

    /** A server whose private key stays in a KMS. */
    public static TlsServerConfig asyncSigner(List<X509Certificate> chain, Kms kms) {
        // tag::async-signer[]
        TlsServerConfig tls = TlsServerConfig.builder(KeyMaterial.remote(chain))
                .privateKeySigner(request -> kms.sign(request.scheme(), request.content()))
                .build();
        // end::async-signer[]
        return tls;
    }

    /** Each handshake step, as it happens. */
    public static TlsServerOptions withEvents(TlsServerConfig tls, List<HandshakeEvent> events) {
        // tag::events[]
        TlsServerOptions options = TlsServerOptions.builder(tls)
                .onHandshakeEvent(event -> events.add(event))
                .build();
        // end::events[]
        return options;
    }

    /** TLS over a byte stream reactls does not open itself (here a plain TCP connection): sends one message, returns the reply. */
    public static String overAnyTransport(Path caPem, int port, String message) {
        // tag::any-transport[]
        TlsClientConfig tls = TlsClientConfig.builder().trust(TrustAnchors.fromPem(caPem)).build();
        Connection tcp = TcpClient.create().host("localhost").port(port).connectNow();
        TlsConnection connection = TlsConnection.client(tls, "localhost", port, tcp.inbound().receive().retain());
        // Ciphertext to the socket at its pace; the socket closes once close_notify is written.
        tcp.outbound().send(connection.outbound()).then().doFinally(signal -> tcp.dispose()).subscribe();
        String reply = connection.send(ByteBufFlux.fromString(Mono.just(message)))
                .then(connection.receive().next().map(data -> {
                    String text = data.toString(StandardCharsets.UTF_8);
                    data.release(); // plaintext from receive() is the reader's to release
                    return text;
                }))
                .block(Duration.ofSeconds(10));
        connection.close().block(Duration.ofSeconds(10));
        // end::any-transport[]
        return reply;
    }
}
