package io.reactls.server;

import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * HTTPS on a reactor-netty {@link HttpServer} with reactls underneath: routes, handlers, compression, access logs
 * work as on a plain HttpServer, because reactls decrypts below the HTTP codec and the connection only becomes
 * active once the handshake is done. HTTP/1.1 (HTTP/2 over TLS needs ALPN-driven pipeline selection, not done).
 * reactor-netty's request scheme reads {@code http} since it looks for Netty's own SslHandler; a route that needs
 * {@code https} can read it from the server's configuration instead.
 */
public final class HttpsServer {

    private HttpsServer() {
    }

    /** {@code http} (not itself {@code secure(...)}) served over reactls with {@code tls}. */
    public static HttpServer secure(HttpServer http, TlsServerOptions tls) {
        if (tls.config().alpn().contains("h2")) {
            // reactls would agree to h2 while the pipeline speaks HTTP/1.1.
            throw new IllegalArgumentException("HttpsServer serves HTTP/1.1 only; offer ALPN http/1.1 (or none), not h2");
        }
        return http.doOnChannelInit((observer, channel, remote) ->
                // HTTP frames its messages, so a peer that closes without close_notify is reported as an event only.
                channel.pipeline().addFirst(NettyPipeline.SslHandler, tls.newHandler(false)));
    }
}
