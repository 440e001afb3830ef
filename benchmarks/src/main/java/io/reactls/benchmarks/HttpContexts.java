package io.reactls.benchmarks;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.reactls.CertificateGenerator;
import io.reactls.CipherSuite;
import io.reactls.GeneratedPki;
import io.reactls.netty.context.ReactlsSslContextBuilder;
import java.util.List;

/**
 * A server and a client Netty {@link SslContext} of one {@link Stacks#HTTP stack}, as a reactor-netty user builds
 * them for {@code secure(spec -> spec.sslContext(ctx))}: the reactls one, Netty's JDK provider, or Netty's OpenSSL
 * provider (BoringSSL from netty-tcnative-boringssl-static). Every stack gets the same generated ECDSA P-256
 * certificate for {@value TlsPeers#HOST}, TLS 1.3 only, the single suite {@link #SUITE}, key exchange on x25519 (the
 * first group every stack offers by default; pinned for the JDK and BoringSSL), and the same ALPN lists.
 *
 * @param server serves the leaf; offers h2 and http/1.1 (in that order) by ALPN
 * @param client trusts the CA and checks the host name (reactor-netty's default); offers only the protocol measured
 */
record HttpContexts(SslContext server, SslContext client) {

    static final String PROTOCOL = "TLSv1.3";
    static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    /** The server's ALPN list: reactor-netty's order for {@code HttpProtocol.H2, HttpProtocol.HTTP11}. */
    static final List<String> SERVER_ALPN = List.of("h2", "http/1.1");

    /** The contexts of {@code stack}; the client offers {@code alpn} ("h2" or "http/1.1") alone. */
    static HttpContexts create(String stack, String alpn) throws Exception {
        GeneratedPki pki = CertificateGenerator.ec().ca("bench CA").leaf(TlsPeers.HOST);
        List<String> suites = List.of(SUITE.name());
        return switch (BenchNames.oneOf("stack", stack, Stacks.HTTP)) {
            case Stacks.REACTLS -> new HttpContexts(
                    ReactlsSslContextBuilder.forServer(pki.leaf()).protocols(PROTOCOL).ciphers(suites)
                            .alpn(SERVER_ALPN.toArray(String[]::new)).build(),
                    ReactlsSslContextBuilder.forClient().trustManager(pki.trustAnchors()).protocols(PROTOCOL)
                            .ciphers(suites).alpn(alpn).build());
            case Stacks.JDK -> {
                // Read once by SunJSSE; every JMH trial runs in its own fork.
                System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1");
                yield netty(SslProvider.JDK, pki, alpn);
            }
            case Stacks.OPENSSL -> {
                OpenSsl.ensureAvailability();
                yield netty(SslProvider.OPENSSL, pki, alpn);
            }
            default -> throw new IllegalStateException(stack);
        };
    }

    private static HttpContexts netty(SslProvider provider, GeneratedPki pki, String alpn) throws Exception {
        SslContextBuilder server = SslContextBuilder.forServer(pki.leaf().privateKey(), pki.leaf().chain())
                .applicationProtocolConfig(alpn(SERVER_ALPN));
        SslContextBuilder client = SslContextBuilder.forClient().trustManager(pki.caCertificate())
                .applicationProtocolConfig(alpn(List.of(alpn)));
        for (SslContextBuilder b : List.of(server, client)) {
            b.sslProvider(provider).protocols(PROTOCOL).ciphers(List.of(SUITE.name()));
            if (provider == SslProvider.OPENSSL) {
                // BoringSSL ignores TLS 1.3 suite lists (it picks AES-128-GCM on AES-NI machines; checked in setup).
                b.option(OpenSslContextOption.GROUPS, new String[] {"X25519", "P-256"});
            }
        }
        return new HttpContexts(server.build(), client.build());
    }

    /** ALPN as {@code ReactlsSslContextBuilder.alpn} configures it, so every stack negotiates the same way. */
    private static ApplicationProtocolConfig alpn(List<String> protocols) {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }
}
