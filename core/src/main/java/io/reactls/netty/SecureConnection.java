package io.reactls.netty;

import io.reactls.HandshakeEvent;
import io.reactls.TlsSession;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;

/**
 * A reactor-netty connection whose TLS handshake has completed: {@link #inbound()} receives plaintext (with
 * reactor-netty's backpressure: no demand, no socket reads), {@link #outbound()} sends plaintext (sealed into
 * records by the {@link TlsHandler} below). Disposing the connection sends close_notify before closing.
 */
public final class SecureConnection {

    private final Connection connection;
    private final NettyInbound inbound;
    private final NettyOutbound outbound;
    private final TlsHandler tls;
    private final List<HandshakeEvent> handshakeEvents;

    /**
     * A connection whose pipeline holds a reactls {@link TlsHandler}.
     *
     * @param connection the reactor-netty connection
     * @param inbound its inbound
     * @param outbound its outbound
     * @throws IllegalStateException when the pipeline has no reactls handler
     */
    public SecureConnection(Connection connection, NettyInbound inbound, NettyOutbound outbound) {
        this.connection = connection;
        this.inbound = inbound;
        this.outbound = outbound;
        this.tls = connection.channel().pipeline().get(TlsHandler.class);
        if (tls == null) {
            throw new IllegalStateException("no reactls TlsHandler in the pipeline of " + connection.channel());
        }
        this.handshakeEvents = tls.handshakeEvents();
    }

    /**
     * The decrypted inbound.
     *
     * @return the inbound
     */
    public NettyInbound inbound() {
        return inbound;
    }

    /**
     * The outbound; what is sent here is encrypted.
     *
     * @return the outbound
     */
    public NettyOutbound outbound() {
        return outbound;
    }

    /**
     * The underlying reactor-netty connection.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    /**
     * The negotiated session: version, suite, group, peer certificates, ALPN protocol, SNI.
     *
     * @return the session
     */
    public TlsSession session() {
        return tls.session();
    }

    /**
     * The handshake steps as they happened on this side, taken from the handler when this connection was made (as
     * {@code TlsServer} and {@code TlsClient} do when the handshake completes);
     * the handler itself keeps none once the handshake is over.
     *
     * @return the events, in order
     */
    public List<HandshakeEvent> handshakeEvents() {
        return handshakeEvents;
    }

    /**
     * Sends close_notify after what was sent before and keeps receiving: the inbound ends when the peer answers with
     * its own close_notify (or just closes the transport, which RFC 5246 §7.2.1 allows after ours). Nothing more can
     * be sent. A TLS 1.3 peer may go on sending until it closes (half-close). Completes once close_notify is written.
     *
     * @return completes once close_notify is written
     */
    public Mono<Void> closeOutbound() {
        return Mono.create(sink -> tls.closeOutbound().addListener(f -> {
            if (f.isSuccess()) {
                sink.success();
            } else {
                sink.error(f.cause());
            }
        }));
    }

    /**
     * Sends close_notify, then closes the connection; completes when it is closed.
     *
     * @return completes when the connection is closed
     */
    public Mono<Void> close() {
        return Mono.fromRunnable(connection::dispose).then(connection.onDispose());
    }
}
