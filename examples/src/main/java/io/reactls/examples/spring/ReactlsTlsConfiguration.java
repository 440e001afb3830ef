package io.reactls.examples.spring;

import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.reactls.netty.context.ReactlsSslContextBuilder;
import javax.net.ssl.SSLException;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * reactls under Spring Boot, the way a Spring user configures TLS: the key and trust come from the {@code SslBundle}
 * {@value #BUNDLE} ({@code spring.ssl.bundle.pem.reactls.*}), and reactls's Netty {@code SslContext}, built from the
 * bundle's key and trust managers, secures the Reactor Netty server (a {@link NettyReactiveWebServerFactory}
 * customizer) and the {@link WebClient} bean, both speaking HTTP/2 and HTTP/1.1 over ALPN.
 */
@Configuration(proxyBeanMethods = false)
public class ReactlsTlsConfiguration {

    /** The name of the SSL bundle holding the server's key and the trusted CAs. */
    public static final String BUNDLE = "reactls";

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> reactlsServer(SslBundles bundles) throws SSLException {
        SslBundle bundle = bundles.getBundle(BUNDLE);
        SslContext context = ReactlsSslContextBuilder.forServer(bundle.getManagers().getKeyManagerFactory())
                .alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1).build();
        return factory -> factory.addServerCustomizers(server -> server
                .secure(spec -> spec.sslContext(context))
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11));
    }

    /** The client side of reactls: trusts the bundle's CAs, offers h2 and http/1.1. */
    @Bean
    SslContext reactlsClientSslContext(SslBundles bundles) throws SSLException {
        return ReactlsSslContextBuilder.forClient()
                .trustManager(bundles.getBundle(BUNDLE).getManagers().getTrustManagerFactory())
                .alpn(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1).build();
    }

    @Bean
    WebClient reactlsWebClient(SslContext reactlsClientSslContext) {
        HttpClient http = HttpClient.create().secure(spec -> spec.sslContext(reactlsClientSslContext))
                .protocol(HttpProtocol.H2, HttpProtocol.HTTP11);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }
}
