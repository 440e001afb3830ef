package io.reactls.examples.spring;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLSession;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;

/** {@code GET /}: a page saying how the request arrived: scheme, HTTP version, TLS version and suite, and the TLS stack. */
@Configuration(proxyBeanMethods = false)
public class HelloRoutes {

    @Bean
    RouterFunction<ServerResponse> hello() {
        return RouterFunctions.route().GET("/", request -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN)
                .bodyValue(describe(request.exchange().getRequest()))).build();
    }

    static String describe(ServerHttpRequest request) {
        StringBuilder page = new StringBuilder("Hello from Spring WebFlux on reactls\n")
                .append("scheme: ").append(request.getURI().getScheme()).append('\n');
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        if (nativeRequest instanceof HttpServerRequest http && nativeRequest instanceof Connection connection) {
            page.append("http: ").append(http.protocol()).append('\n');
            SslHandler ssl = sslHandler(connection.channel());
            if (ssl != null) {
                SSLSession session = ssl.engine().getSession();
                page.append("tls: ").append(session.getProtocol()).append(' ').append(session.getCipherSuite()).append('\n')
                        // Netty may wrap the engine (for ALPN); the session is the TLS stack's own.
                        .append("engine: ").append(ssl.engine().getClass().getName()).append('\n')
                        .append("session: ").append(session.getClass().getName()).append('\n');
            }
        }
        return page.toString();
    }

    /** The connection's SslHandler: on the channel for HTTP/1.1, on its parent for an HTTP/2 stream. */
    private static SslHandler sslHandler(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            SslHandler h = c.pipeline().get(SslHandler.class);
            if (h != null) {
                return h;
            }
        }
        return null;
    }
}
