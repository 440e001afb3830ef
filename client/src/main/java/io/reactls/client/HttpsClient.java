package io.reactls.client;

import io.netty.channel.ChannelPipeline;
import io.reactls.netty.TlsHandler;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

/**
 * HTTPS on a reactor-netty {@link HttpClient} with reactls underneath, so {@code .get().uri("https://…")} works as
 * usual. reactor-netty secures an {@code https} request by putting Netty's SslHandler (and its SslReadHandler,
 * which holds back channelActive until the handshake) first in the pipeline; this puts a reactls
 * {@link TlsHandler}, which does its own gating, in that slot instead. {@code http} requests stay plain. HTTP/1.1.
 */
public final class HttpsClient {

    private HttpsClient() {
    }

    /**
     * {@code http} with reactls in its TLS slot: {@code https://} requests handshake with reactls (HTTP/1.1).
     *
     * @param http the reactor-netty client to secure
     * @param tls the TLS options
     * @return the secured client
     * @throws IllegalArgumentException when the config offers ALPN h2
     */
    public static HttpClient secure(HttpClient http, TlsClientOptions tls) {
        if (tls.config().alpn().contains("h2")) {
            // the server could pick h2 while the pipeline speaks HTTP/1.1.
            throw new IllegalArgumentException("HttpsClient speaks HTTP/1.1 only; offer ALPN http/1.1 (or none), not h2");
        }
        return http.doOnChannelInit((observer, channel, remote) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.SslHandler) == null) {
                return; // a plain http:// request
            }
            // Its read gate goes first: the SslHandler reports its removal as a failed handshake, which the gate
            // would turn into an exception; TlsHandler drops that stale event and gates readiness itself.
            for (String gone : new String[] {NettyPipeline.SslReader, NettyPipeline.SslLoggingHandler}) {
                if (pipeline.get(gone) != null) {
                    pipeline.remove(gone);
                }
            }
            // HTTP frames its messages, so a peer that closes without close_notify is reported as an event only.
            pipeline.replace(NettyPipeline.SslHandler, NettyPipeline.SslHandler, tls.newHandler(remote, false));
        });
    }
}
