/** reactls on reactor-netty's server side: {@code TlsServer}, {@code HttpsServer}, {@code TlsServerOptions}, certificate resolvers. */
module io.reactls.server {
    requires transitive io.reactls.client;
    requires transitive io.reactls.core;
    requires transitive io.netty.codec.http;

    // The Redis stores: only for applications that bring Lettuce (an optional dependency).
    requires static lettuce.core;

    exports io.reactls.server;
    exports io.reactls.server.redis;
}
