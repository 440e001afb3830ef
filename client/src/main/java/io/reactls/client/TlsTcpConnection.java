package io.reactls.client;

import io.reactls.TlsConnection;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/** A TCP connection with a completed TLS handshake: use {@link #tls()} to talk, {@link #close()} to finish. */
public final class TlsTcpConnection {

    private final Connection connection;
    private final TlsConnection tls;
    private final Mono<Void> outboundWritten;

    TlsTcpConnection(Connection connection, TlsConnection tls, Mono<Void> outboundWritten) {
        this.connection = connection;
        this.tls = tls;
        this.outboundWritten = outboundWritten;
    }

    public TlsConnection tls() {
        return tls;
    }

    public Connection connection() {
        return connection;
    }

    /** Completes when every TLS record, close_notify included, has been written to the socket. */
    public Mono<Void> outboundWritten() {
        return outboundWritten;
    }

    /**
     * Sends close_notify, waits until it is written, then closes the socket (the TLS connection then frees its
     * buffers when its inbound ends). Use after the peer's close_notify, or when its answer does not matter.
     */
    public Mono<Void> close() {
        return tls.close().then(outboundWritten).doFinally(signal -> connection.dispose());
    }

    /** Abandons the connection now: closes the socket and frees the TLS connection's buffers. */
    public void dispose() {
        tls.dispose();
        connection.dispose();
    }
}
