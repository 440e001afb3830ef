package io.reactls.server;

import io.reactls.netty.SecureConnection;
import java.time.Duration;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpServer;

/**
 * reactls over a reactor-netty {@link TcpServer}, with a {@link io.reactls.netty.TlsHandler} in each connection's
 * pipeline. The handler is called once the handshake has completed, with a {@link SecureConnection}: plaintext
 * inbound and outbound with reactor-netty's own backpressure, the session and the handshake events. When the
 * handler's publisher completes, close_notify is sent and the connection closed. A connection whose peer closes
 * without close_notify sees a {@link io.reactls.TlsClosedException} on its inbound while that still listens (always
 * a {@link io.reactls.netty.TlsCloseEvent#TRUNCATED} event and the handshake observer's {@code truncated}).
 */
public final class TlsServer {

    private final TcpServer tcp;

    private TlsServer(TcpServer tcp) {
        this.tcp = tcp;
    }

    /**
     * {@code tcp} configured as usual (host, port, options, metrics); TLS with {@code options} goes under it.
     *
     * @param tcp the TCP server
     * @param options the TLS options
     * @return the TLS server
     */
    public static TlsServer create(TcpServer tcp, TlsServerOptions options) {
        return new TlsServer(tcp.doOnChannelInit((observer, channel, remote) ->
                channel.pipeline().addFirst(NettyPipeline.SslHandler, options.newHandler(true))));
    }

    /**
     * Binds and serves each secure connection with {@code handler}; runs until disposed.
     *
     * @param handler serves one connection; the connection closes when its publisher ends
     * @return the bound server
     */
    public Mono<? extends DisposableServer> bind(Function<SecureConnection, ? extends Publisher<Void>> handler) {
        return tcp.handle((in, out) -> {
            Connection[] connection = new Connection[1];
            in.withConnection(c -> connection[0] = c);
            return handler.apply(new SecureConnection(connection[0], in, out));
        }).bind();
    }

    /**
     * {@link #bind} and waits (at most 45 s, as reactor-netty's {@code bindNow()}) for the server to listen.
     *
     * @param handler serves each connection once its handshake completed
     * @return the listening server
     */
    public DisposableServer bindNow(Function<SecureConnection, ? extends Publisher<Void>> handler) {
        return bindNow(handler, Duration.ofSeconds(45));
    }

    /**
     * {@link #bind} and waits at most {@code timeout} for the server to listen; call it off any event loop.
     *
     * @param handler serves each connection once its handshake completed
     * @param timeout how long to wait
     * @return the listening server
     * @throws IllegalStateException when the server did not bind within {@code timeout}
     */
    public DisposableServer bindNow(Function<SecureConnection, ? extends Publisher<Void>> handler, Duration timeout) {
        DisposableServer server = bind(handler).block(timeout);
        if (server == null) {
            throw new IllegalStateException("the server did not bind within " + timeout);
        }
        return server;
    }
}
