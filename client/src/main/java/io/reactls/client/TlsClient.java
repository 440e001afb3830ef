package io.reactls.client;

import io.reactls.netty.SecureConnection;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.tcp.TcpClient;

/**
 * reactls over a reactor-netty {@link TcpClient}, with a {@link io.reactls.netty.TlsHandler} in the connection's
 * pipeline: {@link #connect()} emits once the handshake has completed, or errors with the TLS failure (a
 * {@link io.reactls.TlsAlertException}, {@link io.reactls.netty.TlsHandshakeTimeoutException} or
 * {@link io.reactls.TlsClosedException}).
 */
public final class TlsClient {

    private final TcpClient tcp;

    private TlsClient(TcpClient tcp) {
        this.tcp = tcp;
    }

    /**
     * {@code tcp} configured with the remote address (its host is the default SNI and verified name).
     *
     * @param tcp the TCP client
     * @param options the TLS options
     * @return the TLS client
     */
    public static TlsClient create(TcpClient tcp, TlsClientOptions options) {
        return new TlsClient(tcp.doOnChannelInit((observer, channel, remote) ->
                channel.pipeline().addFirst(NettyPipeline.SslHandler, options.newHandler(remote, true))));
    }

    /**
     * Connects and runs the handshake. Subscribe to the connection's inbound within this chain (e.g. in a
     * {@code flatMap}) when the server may speak first: like any reactor-netty connection, data that arrives and is
     * followed by a close before anyone reads is dropped.
     *
     * @return the connection, once its handshake completed
     */
    public Mono<SecureConnection> connect() {
        return tcp.connect().map(c -> new SecureConnection(c, c.inbound(), c.outbound()));
    }

    /**
     * {@link #connect()} and waits (at most 45 s, as reactor-netty's {@code connectNow()}) for the handshake.
     *
     * @return the connection, its handshake completed
     */
    public SecureConnection connectNow() {
        return connectNow(Duration.ofSeconds(45));
    }

    /**
     * {@link #connect()} and waits at most {@code timeout} for the handshake; call it off any event loop.
     *
     * @param timeout how long to wait
     * @return the connection, its handshake completed
     * @throws IllegalStateException when no connection came within {@code timeout}
     */
    public SecureConnection connectNow(Duration timeout) {
        SecureConnection connection = connect().block(timeout);
        if (connection == null) {
            throw new IllegalStateException("no connection within " + timeout);
        }
        return connection;
    }
}
