package io.reactls.client;

import io.reactls.TlsConnection;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.HandshakeEvent;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.tcp.TcpClient;

import java.util.function.Consumer;

/**
 * reactls over a reactor-netty {@link TcpClient}: connects, runs the handshake and emits a {@link TlsTcpConnection}
 * once it completes. A failed handshake closes the TCP connection and errors with the TLS failure.
 */
public final class TlsTcpClient {

    private final TcpClient tcp;
    private final TlsConfig config;
    private final String serverName;
    private final Consumer<HandshakeEvent> onEvent;

    private TlsTcpClient(TcpClient tcp, TlsConfig config, String serverName, Consumer<HandshakeEvent> onEvent) {
        if (!config.isClient()) {
            throw new IllegalArgumentException("TlsTcpClient needs a client config (TlsConfig.client())");
        }
        this.tcp = tcp;
        this.config = config;
        this.serverName = serverName;
        this.onEvent = onEvent;
    }

    /**
     * @param tcp        configured with the remote address
     * @param serverName sent as SNI and checked against the server's certificate; null for neither
     */
    public static TlsTcpClient create(TcpClient tcp, TlsConfig config, String serverName) {
        return new TlsTcpClient(tcp, config, serverName, e -> { });
    }

    /** Calls {@code listener} with each handshake step as it happens (connect() only returns after the last). */
    public TlsTcpClient onEvent(Consumer<HandshakeEvent> listener) {
        return new TlsTcpClient(tcp, config, serverName, listener);
    }

    public Mono<TlsTcpConnection> connect() {
        return tcp.connect().flatMap(connection -> {
            // reactor-netty releases inbound buffers after onNext; the TLS connection releases them itself.
            // The port joins the server name as the key of the session caches (TLS 1.2 session ids, tickets).
            int port = connection.channel().remoteAddress() instanceof java.net.InetSocketAddress a ? a.getPort() : -1;
            TlsConnection tls = TlsConnection.client(config, serverName, port, connection.inbound().receive().retain(),
                    io.netty.buffer.ByteBufAllocator.DEFAULT);
            Sinks.Empty<Void> written = Sinks.empty();
            connection.outbound().send(tls.outbound()).then()
                    .subscribe(null, written::tryEmitError, written::tryEmitEmpty);
            tls.events().subscribe(onEvent, failure -> { }); // the failure itself is reported by handshake()
            TlsTcpConnection secured = new TlsTcpConnection(connection, tls, written.asMono());
            return tls.handshake()
                    .thenReturn(secured)
                    // Let the alert reach the wire before the socket goes.
                    .onErrorResume(e -> written.asMono().onErrorResume(ignored -> Mono.empty())
                            .then(Mono.fromRunnable(connection::dispose))
                            .then(Mono.error(e)));
        });
    }
}
