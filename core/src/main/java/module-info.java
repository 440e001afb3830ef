/**
 * reactls core: TLS 1.3 and TLS 1.2 as non-blocking Reactor operators. The API is the package {@code io.reactls}
 * (configurations, session, events, versions, suites, groups, key material and trust, alerts, the asynchronous
 * hooks, {@code TlsConnection}) with the doors {@code io.reactls.jsse} (SSLEngine, JSSE provider) and
 * {@code io.reactls.netty.context} (Netty's SslContext); the layers below it (wire, crypto, record, handshake, cert, engine) are internal and
 * open only to reactls's own client and server modules.
 */
module io.reactls.core {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive org.reactivestreams;
    requires transitive reactor.core;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    // The Netty door (io.reactls.netty.context) needs netty-handler, which only its users bring.
    requires static io.netty.handler;
    // Certificate-compression codecs: used when present, probed at run time.
    requires static com.aayushatharva.brotli4j;
    requires static com.github.luben.zstd_jni;

    exports io.reactls;
    // The doors the JVM already knows: a JSSE provider / SSLEngine, and Netty's SslContext.
    exports io.reactls.jsse;
    exports io.reactls.netty.context;

    // Only what the client and server modules use (jdeps --check lists unused ones). The record layer's package is
    // spelled with a unicode escape: Maven's module-descriptor parser (qdox) takes a plain last segment "record" for
    // the keyword and fails; javac reads the escape as the same name.
    exports io.reactls.engine to io.reactls.client;
    // The door to the public configs' engine configuration and the pending-operation runner (not API).
    exports io.reactls.internal to io.reactls.client, io.reactls.server;
    exports io.reactls.handshake to io.reactls.client, io.reactls.server;
    exports io.reactls.wire to io.reactls.client;
    exports io.reactls.\u0072ecord to io.reactls.client;
}
