package io.reactls.server;

import io.reactls.TlsConnection;
import io.reactls.handshake.TlsConfig;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import java.util.function.Function;

/**
 * reactls over a reactor-netty {@link TcpServer}: every accepted connection becomes a server-side
 * {@link TlsConnection} handed to {@code handler}. When the handler's publisher completes, close_notify is sent and
 * the TCP connection closes once it is written. A connection that fails only ends itself.
 */
public final class TlsTcpServer {

    private final TcpServer tcp;
    private final TlsConfig config;

    private TlsTcpServer(TcpServer tcp, TlsConfig config) {
        if (config.isClient()) {
            throw new IllegalArgumentException("TlsTcpServer needs a server config (TlsConfig.server(...))");
        }
        this.tcp = tcp;
        this.config = config;
    }

    /** {@code tcp} configured as usual (host, port, options); TLS with {@code config} is added on top. */
    public static TlsTcpServer create(TcpServer tcp, TlsConfig config) {
        return new TlsTcpServer(tcp, config);
    }

    /** Binds and serves each connection with {@code handler}; the returned server runs until disposed. */
    public Mono<DisposableServer> bind(Function<TlsConnection, ? extends Publisher<Void>> handler) {
        return tcp.handle((in, out) -> {
            // reactor-netty releases inbound buffers after onNext; the TLS connection releases them itself.
            TlsConnection tls = TlsConnection.server(config, in.receive().retain());
            Mono<Void> written = out.send(tls.outbound()).then();
            Mono<Void> served = Mono.defer(() -> Mono.from(handler.apply(tls))).then(tls.close());
            // whenDelayError: a failing handler must not cut off the alert or close_notify still being written.
            return Mono.whenDelayError(written, served)
                    .doFinally(signal -> {
                        if (signal != SignalType.ON_COMPLETE) {
                            tls.dispose(); // frees the engine's buffers when the connection ends abnormally
                        }
                    });
        }).bind().cast(DisposableServer.class);
    }
}
