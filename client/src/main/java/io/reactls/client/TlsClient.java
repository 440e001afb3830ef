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
    private final TlsClientOptions options;

    private TlsClient(TcpClient tcp, TlsClientOptions options) {
        this.tcp = tcp;
        this.options = options;
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
                channel.pipeline().addFirst(NettyPipeline.SslHandler, options.newHandler(remote, true))), options);
    }

    /**
     * A client whose every connection sends {@code firstBytes} first: as TLS 1.3 0-RTT data (RFC 8446 §2.3) when the
     * options' session cache holds a ticket for the server that allows it — the data then travels with the
     * ClientHello, a round trip earlier — otherwise, or when the server refuses it, right after the handshake. Either
     * way the server's application gets it once; {@link SecureConnection#session()}'s
     * {@link io.reactls.TlsSession#earlyData()} says which. 0-RTT data can be replayed by an attacker (§8): send so
     * only what is safe to act on twice, such as an idempotent request.
     *
     * @param firstBytes called once per connection for the bytes to send (the handler owns what it returns)
     * @return a new client; this one is unchanged
     */
    public TlsClient withEarlyData(java.util.function.Supplier<io.netty.buffer.ByteBuf> firstBytes) {
        java.util.Objects.requireNonNull(firstBytes, "firstBytes");
        return new TlsClient(tcp.doOnChannelInit((observer, channel, remote) -> {
            io.reactls.netty.TlsHandler handler = (io.reactls.netty.TlsHandler) channel.pipeline().get(NettyPipeline.SslHandler);
            handler.sendEarlyData(firstBytes.get());
        }), options);
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
