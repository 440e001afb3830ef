package io.reactls.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.reactls.TlsSession;
import io.reactls.netty.TlsHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import reactor.netty.NettyInbound;
import reactor.netty.NettyPipeline;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.ConnectionInfo;
import reactor.netty.http.server.HttpServer;

/**
 * HTTPS on a reactor-netty {@link HttpServer} with reactls underneath: routes, handlers, compression, access logs
 * work as on a plain HttpServer, because reactls decrypts below the HTTP codec and the connection only becomes
 * active once the handshake is done. HTTP/1.1, and HTTP/2 when the HttpServer has
 * {@code protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)} and the TLS config offers ALPN {@code h2,http/1.1}: a client
 * that agreed to h2 opens with the HTTP/2 preface, which reactor-netty's cleartext codec recognises (its {@code H2}
 * needs Netty's SslHandler and is refused). That codec would also honour an HTTP/1.1 {@code Upgrade: h2c} sent over
 * TLS, which RFC 9113 §3.1 tells clients not to send; nothing is weakened by it.
 *
 * <p><b>Scheme.</b> reactor-netty decides {@code https} by finding Netty's own {@code SslHandler} in the pipeline
 * ({@code HttpTrafficHandler}); with reactls there is none. Its one supported hook on the scheme is the server's
 * connection-info function ({@link HttpServer#forwarded(BiFunction)}), which {@link #secure} sets so that
 * {@code request.scheme()} reads {@code https} (no request header is consulted). {@code connectionScheme()} still
 * reads {@code http}: reactor-netty offers no way to change it. A server that also honours forwarded headers from a
 * trusted proxy passes its function to {@link #secure(HttpServer, TlsServerOptions, BiFunction)}; calling
 * {@code forwarded(...)} on the returned server would replace ours.
 *
 * <p><b>0-RTT.</b> When the TLS config accepts early data ({@code maxEarlyData}), a request that began within a
 * connection's 0-RTT bytes may be a replay; by default ({@link EarlyDataRequests#SAFE_METHODS}) only safe methods
 * reach the routes and any other is answered {@code 425 Too Early} (RFC 8470 §5.2) for the client to send again after
 * the handshake. {@link TlsServerOptions.Builder#earlyDataRequests} changes it.
 */
public final class HttpsServer {

    private HttpsServer() {
    }

    /**
     * {@code http} (not itself {@code secure(...)}, no {@code forwarded(...)}) served over reactls with {@code tls}.
     *
     * @param http a plain reactor-netty server
     * @param tls the TLS options
     * @return the secured server
     * @throws IllegalArgumentException when {@code http} is already secure or its protocols do not fit the ALPN list
     */
    public static HttpServer secure(HttpServer http, TlsServerOptions tls) {
        if (http.configuration().isForwarded()) {
            // reactor-netty keeps the configured function private, so it cannot be wrapped here.
            throw new IllegalArgumentException("the HttpServer has forwarded(...) configured, which would drop the https "
                    + "scheme; pass the forwarded-header function to HttpsServer.secure(http, tls, forwarded)");
        }
        return secure(http, tls, (info, request) -> info);
    }

    /**
     * As {@link #secure(HttpServer, TlsServerOptions)}, and then {@code forwarded} (e.g. reading a trusted proxy's
     * headers) sees a connection info whose scheme is already {@code https}.
     *
     * @param http a plain reactor-netty server
     * @param tls the TLS options
     * @param forwarded the connection-info function, as {@code HttpServer.forwarded(...)} takes it
     * @return the secured server
     * @throws IllegalArgumentException when {@code http} is already secure or its protocols do not fit the ALPN list
     */
    public static HttpServer secure(HttpServer http, TlsServerOptions tls,
                                    BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> forwarded) {
        Objects.requireNonNull(forwarded, "forwarded");
        if (http.configuration().isSecure()) {
            throw new IllegalArgumentException("the HttpServer is secure(...) with reactor-netty's SslProvider already; "
                    + "give HttpsServer a plain one");
        }
        checkProtocols(http, tls);
        boolean gateEarlyData = gatesEarlyData(http, tls);
        return http
                .forwarded((info, request) -> forwarded.apply(info.withScheme("https"), request))
                .doOnChannelInit((observer, channel, remote) -> {
                    // HTTP frames its messages, so a peer that closes without close_notify is reported as an event only.
                    channel.pipeline().addFirst(NettyPipeline.SslHandler, tls.newHandler(false));
                    if (gateEarlyData) {
                        EarlyDataGate.install(channel.pipeline());
                    }
                });
    }

    /**
     * Whether requests in 0-RTT data must be sorted ({@link EarlyDataRequests#SAFE_METHODS} on a server that accepts
     * them). Only HTTP/1.1 is sorted so far: HTTP/2 would need it per stream, so that combination is refused.
     */
    private static boolean gatesEarlyData(HttpServer http, TlsServerOptions tls) {
        if (tls.config().maxEarlyData() == 0 || tls.earlyDataRequests() == EarlyDataRequests.ALL) {
            return false;
        }
        if (List.of(http.configuration().protocols()).contains(HttpProtocol.H2C)) {
            throw new IllegalArgumentException("0-RTT (maxEarlyData) over HTTP/2 needs "
                    + "TlsServerOptions.Builder.earlyDataRequests(EarlyDataRequests.ALL): only HTTP/1.1 requests are "
                    + "answered 425 Too Early so far");
        }
        return true;
    }

    /**
     * reactor-netty's {@code H2} needs its own SslProvider (it reads the ALPN result from Netty's SslHandler); over
     * reactls the HTTP layer sees plaintext, so HTTP/2 is its cleartext codec: {@code H2C} with {@code HTTP11} picks
     * HTTP/2 when the client's first bytes are the HTTP/2 preface, which is what a client sends after ALPN h2.
     */
    private static void checkProtocols(HttpServer http, TlsServerOptions tls) {
        List<HttpProtocol> protocols = List.of(http.configuration().protocols());
        if (protocols.contains(HttpProtocol.H2) || protocols.contains(HttpProtocol.HTTP3)) {
            throw new IllegalArgumentException("HttpProtocol.H2 and HTTP3 need reactor-netty's own SslProvider; over "
                    + "reactls serve HTTP/2 with protocol(HttpProtocol.HTTP11, HttpProtocol.H2C) and ALPN h2,http/1.1");
        }
        List<String> alpn = tls.config().alpn();
        if (alpn.contains("h2") && !protocols.contains(HttpProtocol.H2C)) {
            // reactls would agree to h2 while the pipeline speaks HTTP/1.1 only.
            throw new IllegalArgumentException("ALPN h2 needs the HttpServer to speak HTTP/2: "
                    + "protocol(HttpProtocol.HTTP11, HttpProtocol.H2C)");
        }
        if (!protocols.contains(HttpProtocol.HTTP11) && !alpn.equals(List.of("h2"))) {
            // An H2C-only pipeline cannot answer a client that agreed to (or assumed) HTTP/1.1.
            throw new IllegalArgumentException("an HTTP/2-only HttpServer needs ALPN h2 alone, got " + alpn);
        }
    }

    /**
     * The TLS session a request of an {@link HttpsServer} arrived on (version, suite, ALPN, SNI, client certificate),
     * or null when the request did not come through reactls.
     *
     * @param request a request (an {@code HttpServerRequest})
     * @return the session, or null
     */
    public static TlsSession session(NettyInbound request) {
        TlsSession[] session = new TlsSession[1];
        request.withConnection(connection -> {
            Channel channel = connection.channel();
            TlsHandler tls = channel.pipeline().get(TlsHandler.class);
            if (tls == null && channel.parent() != null) {
                tls = channel.parent().pipeline().get(TlsHandler.class); // an HTTP/2 stream: TLS is on the connection
            }
            session[0] = tls == null ? null : tls.session();
        });
        return session[0];
    }
}
