/**
 * reactls core: TLS 1.3 and TLS 1.2 as non-blocking Reactor operators. The API is the package {@code io.reactls}
 * (configurations, session, events, versions, suites, groups, key material and trust, alerts, the asynchronous
 * hooks), {@code io.reactls.connection} (a connection's Reactor face over any byte transport, {@code TlsConnection})
 * and the doors {@code io.reactls.jsse} (SSLEngine, JSSE provider),
 * {@code io.reactls.netty} (the pipeline handler the client and server modules both use, the secure connection,
 * handshake metrics) and {@code io.reactls.netty.context} (Netty's SslContext); the layers below it (wire, crypto,
 * record, handshake, cert, engine) and the engine driver are internal and open only to reactls's own client and
 * server modules.
 */
module io.reactls.core {
    requires transitive io.netty.buffer;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires transitive io.netty.handler;
    requires transitive org.reactivestreams;
    requires transitive reactor.core;
    requires io.netty.codec;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    // SecureConnection wraps reactor-netty's connection; the client and server modules bring reactor-netty.
    requires static transitive reactor.netty.core;
    // Handshake metrics (MicrometerHandshakeMetrics): only for applications that have Micrometer.
    requires static micrometer.core;
    // Certificate-compression codecs: used when present, probed at run time.
    requires static com.aayushatharva.brotli4j;
    requires static com.github.luben.zstd_jni;

    exports io.reactls;
    // One connection as Reactor streams over any byte transport.
    exports io.reactls.connection;
    // The doors the JVM already knows: a JSSE provider / SSLEngine, Netty's pipeline and Netty's SslContext.
    exports io.reactls.jsse;
    exports io.reactls.netty;
    exports io.reactls.netty.context;

    // Only what the client and server modules use (jdeps --check lists unused ones): their options build the
    // engine's configuration. The Netty adapter lives here, so the engine and the layers below it stay inside.
    // io.reactls.internal: the public configs' engine configuration (PublicConfigs), not API.
    exports io.reactls.internal to io.reactls.client, io.reactls.server;
    exports io.reactls.handshake to io.reactls.client, io.reactls.server;
    exports io.reactls.cert to io.reactls.client, io.reactls.server;
}
