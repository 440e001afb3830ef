/**
 * reactls on reactor-netty's server side: {@code TlsServer}, {@code HttpsServer}, {@code TlsServerOptions}, certificate
 * resolvers. The Netty door ({@code io.reactls.netty}) comes from core, so the server needs nothing of the client's.
 */
module io.reactls.server {
    requires transitive io.reactls.core;
    requires transitive io.netty.transport;
    requires transitive reactor.netty.core;
    requires transitive reactor.netty.http;
    requires transitive io.netty.codec.http;
    requires io.netty.codec; // DecoderResult: the 0-RTT gate leaves a malformed request to reactor-netty

    // The Redis stores: only for applications that bring Lettuce (an optional dependency).
    requires static lettuce.core;

    exports io.reactls.server;
    exports io.reactls.server.redis;
}
