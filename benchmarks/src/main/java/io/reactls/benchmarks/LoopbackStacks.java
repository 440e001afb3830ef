package io.reactls.benchmarks;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.reactls.CipherSuite;
import io.reactls.GeneratedPki;
import io.reactls.NamedGroup;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsVersion;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.server.TlsServer;
import io.reactls.server.TlsServerOptions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * Plain TLS echo servers and clients over reactor-netty's {@link TcpServer}/{@link TcpClient} on 127.0.0.1, one per
 * {@link Stacks#HTTP stack}: reactls through {@link TlsServer}/{@link TlsClient} (its own pipeline handler), the JDK
 * and OpenSSL (BoringSSL from netty-tcnative) through reactor-netty's {@code secure(spec -> spec.sslContext(ctx))},
 * i.e. Netty's {@code SslHandler}. Every stack: TLS 1.3 only, {@link #SUITE}, x25519, the same ECDSA P-256
 * certificate for {@value TlsPeers#HOST}, session tickets as each stack sends them by default, no ALPN, no
 * certificate compression. Used by {@link ConnectionMemory} and {@link LoopbackThroughput}.
 */
final class LoopbackStacks {

    static final CipherSuite SUITE = CipherSuite.TLS_AES_128_GCM_SHA256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Both ends of one client connection, whatever the stack. */
    record Duplex(NettyInbound inbound, NettyOutbound outbound, Connection connection) {
    }

    private LoopbackStacks() {
    }

    /** An echo server of {@code stack} on 127.0.0.1 and an ephemeral port, serving {@code pki}'s leaf. */
    static DisposableServer echoServer(String stack, GeneratedPki pki) throws Exception {
        TcpServer tcp = TcpServer.create().host("127.0.0.1").port(0);
        if (stack.equals(Stacks.REACTLS)) {
            TlsServerConfig config = TlsServerConfig.builder(pki.leaf()).versions(TlsVersion.TLS_1_3)
                    .cipherSuites(SUITE).groups(NamedGroup.X25519, NamedGroup.SECP256R1).build();
            return TlsServer.create(tcp, TlsServerOptions.of(config))
                    .bindNow(c -> c.outbound().send(c.inbound().receive().retain()), TIMEOUT);
        }
        SslContext ctx = netty(stack, SslContextBuilder.forServer(pki.leaf().privateKey(), pki.leaf().chain()));
        return tcp.secure(spec -> spec.sslContext(ctx))
                .handle((in, out) -> out.send(in.receive().retain()))
                .bindNow(TIMEOUT);
    }

    /** A connected client of {@code stack} (host name checked against {@value TlsPeers#HOST}), handshake done. */
    static Duplex connect(String stack, X509Certificate ca, int port) throws Exception {
        TcpClient tcp = TcpClient.create().host("127.0.0.1").port(port);
        if (stack.equals(Stacks.REACTLS)) {
            TlsClientConfig config = TlsClientConfig.builder().trust(io.reactls.TrustAnchors.of(List.of(ca)))
                    .versions(TlsVersion.TLS_1_3).cipherSuites(SUITE).groups(NamedGroup.X25519, NamedGroup.SECP256R1).build();
            var c = TlsClient.create(tcp, TlsClientOptions.builder(config).serverName(TlsPeers.HOST).build())
                    .connectNow(TIMEOUT);
            return new Duplex(c.inbound(), c.outbound(), c.connection());
        }
        SslContext ctx = netty(stack, SslContextBuilder.forClient().trustManager(ca));
        Connection c = tcp.secure(spec -> spec.sslContext(ctx).serverNames(
                        new javax.net.ssl.SNIHostName(TlsPeers.HOST)))
                .connect().block(TIMEOUT);
        if (c == null) {
            throw new IllegalStateException("no connection within " + TIMEOUT);
        }
        return new Duplex(c.inbound(), c.outbound(), c);
    }

    /** A client {@link SslContext} of {@code stack} ({@code jdk} or {@code openssl}) trusting {@code ca}. */
    static SslContext nettyClient(String stack, X509Certificate ca) throws Exception {
        return netty(stack, SslContextBuilder.forClient().trustManager(ca));
    }

    private static SslContext netty(String stack, SslContextBuilder builder) throws Exception {
        SslProvider provider = switch (BenchNames.oneOf("stack", stack, Stacks.HTTP)) {
            case Stacks.JDK -> {
                System.setProperty("jdk.tls.namedGroups", "x25519,secp256r1"); // read once by SunJSSE
                yield SslProvider.JDK;
            }
            case Stacks.OPENSSL -> {
                OpenSsl.ensureAvailability();
                yield SslProvider.OPENSSL;
            }
            default -> throw new IllegalArgumentException("not a Netty SslContext stack: " + stack);
        };
        builder.sslProvider(provider).protocols("TLSv1.3").ciphers(List.of(SUITE.name()));
        if (provider == SslProvider.OPENSSL) {
            // BoringSSL ignores TLS 1.3 suite lists (it picks AES-128-GCM on AES-NI machines).
            builder.option(OpenSslContextOption.GROUPS, new String[] {"X25519", "P-256"});
        }
        return builder.build();
    }

    /** Waits for {@code mono}, at most {@link #TIMEOUT}. */
    static <T> T await(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }
}
