/**
 * reactls on reactor-netty's client side: {@code io.reactls.client} ({@code TlsClient}, {@code HttpsClient},
 * {@code TlsClientOptions}). The Netty door it puts in the pipeline ({@code io.reactls.netty}: the handler, the
 * secure connection, handshake metrics) is core's, shared with the server module.
 */
module io.reactls.client {
    requires transitive io.reactls.core;
    requires transitive io.netty.transport;
    requires transitive reactor.netty.core;
    requires transitive reactor.netty.http;

    exports io.reactls.client;
}
