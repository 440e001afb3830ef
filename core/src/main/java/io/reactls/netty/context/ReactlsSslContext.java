package io.reactls.netty.context;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import javax.net.ssl.SSLContext;

/**
 * A Netty {@link io.netty.handler.ssl.SslContext} whose engines are reactls's
 * {@link io.reactls.jsse.ReactlsSSLEngine}: give it to {@code new SslHandler(ctx.newEngine(alloc))}, to reactor-netty's
 * {@code HttpServer.secure(spec -> spec.sslContext(ctx))} / {@code HttpClient.secure(...)} (HTTP/1.1 and H2), or to
 * anything else that takes an {@code SslContext}. Built by {@link ReactlsSslContextBuilder}.
 *
 * <p>It is Netty's own {@link JdkSslContext} over a reactls {@code SSLContext}: Netty applies the protocols, suites and
 * client authentication through the standard {@code SSLEngine} setters, and with ALPN wraps each engine in its
 * {@code JdkAlpnSslEngine}, which negotiates through the JDK 9 ALPN methods reactls implements
 * ({@code SSLParameters.setApplicationProtocols}, {@code setHandshakeApplicationProtocolSelector},
 * {@code getApplicationProtocol}) and lets {@code SslHandler.applicationProtocol()} report the result to HTTP/2
 * pipelines. So Netty drives reactls exactly as it drives SunJSSE.
 */
public final class ReactlsSslContext extends JdkSslContext {

    ReactlsSslContext(SSLContext context, boolean client, Iterable<String> ciphers, ApplicationProtocolConfig alpn,
                      ClientAuth clientAuth, String[] protocols, boolean startTls) {
        super(context, client, ciphers, IdentityCipherSuiteFilter.INSTANCE, alpn, clientAuth, protocols, startTls);
    }
}
