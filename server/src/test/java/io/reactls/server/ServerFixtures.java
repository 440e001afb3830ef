package io.reactls.server;

import io.netty.buffer.Unpooled;
import io.reactls.TlsClientConfig;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.handshake.TlsConfig;
import io.reactls.netty.SecureConnection;
import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/** Configs and helpers shared by the server tests: the test PKI, loopback TCP, an echo exchange. */
final class ServerFixtures {

    static final TestPki PKI = TestPki.get();
    static final TlsConfig SERVER = TlsConfig.server(PKI.ecdsaServer().keyMaterial()).build();
    static final TlsClientConfig CLIENT = TlsClientConfig.builder().trust(PKI.trustAnchors()).build();

    private ServerFixtures() {
    }

    static TcpServer tcpServer() {
        return TcpServer.create().host(LoopbackPorts.HOST).port(0);
    }

    static TlsClient client(int port, String serverName) {
        return client(port, TlsClientOptions.builder(CLIENT).serverName(serverName).build());
    }

    static TlsClient client(int port, TlsClientOptions options) {
        return TlsClient.create(TcpClient.newConnection().host(LoopbackPorts.HOST).port(port), options);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Sends {@code data} and collects the same number of bytes back, leaving the connection open. */
    static Mono<byte[]> exchange(SecureConnection c, byte[] data) {
        Mono<Void> send = c.outbound().send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(data))).then();
        Mono<byte[]> received = c.inbound().receive()
                .scan(new java.io.ByteArrayOutputStream(), (out, b) -> {
                    byte[] chunk = new byte[b.readableBytes()];
                    b.readBytes(chunk);
                    out.writeBytes(chunk);
                    return out;
                })
                .filter(out -> out.size() >= data.length)
                .next()
                .map(java.io.ByteArrayOutputStream::toByteArray);
        return Mono.zip(send.thenReturn(true), received, (sent, got) -> got).timeout(Duration.ofSeconds(30));
    }

    /** {@link #exchange}, then close with close_notify. */
    static Mono<byte[]> echo(SecureConnection c, byte[] data) {
        return exchange(c, data).flatMap(got -> c.close().thenReturn(got));
    }
}
