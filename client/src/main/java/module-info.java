/**
 * reactls on reactor-netty's client side: {@code io.reactls.client} ({@code TlsClient}, {@code HttpsClient},
 * {@code TlsClientOptions}) and the Netty door {@code io.reactls.netty} (the pipeline handler, the secure
 * connection, handshake metrics), which the server module uses too.
 */
module io.reactls.client {
    requires transitive io.reactls.core;
    requires transitive io.netty.transport;
    requires transitive reactor.netty.core;
    requires transitive reactor.netty.http;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;
    // Handshake metrics (MicrometerHandshakeMetrics): only for applications that have Micrometer.
    requires static micrometer.core;

    exports io.reactls.client;
    exports io.reactls.netty;
}
