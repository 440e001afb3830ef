package io.reactls.examples.netty;

import io.reactls.TrustAnchors;
import io.reactls.client.TlsClient;
import io.reactls.client.TlsClientOptions;
import io.reactls.TlsClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

/**
 * Sends one line to {@link EchoServer} and prints what comes back. Arguments: the CA file (default pem/ca.pem),
 * port (default 8444), the line.
 */
public final class EchoClient {

    private EchoClient() {
    }

    public static void main(String[] args) {
        Path ca = Path.of(args.length > 0 ? args[0] : "pem/ca.pem");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8444;
        String line = (args.length > 2 ? args[2] : "hello over reactls") + "\n";
        TlsClientConfig config = TlsClientConfig.builder().trust(TrustAnchors.fromPem(ca)).build();
        String echoed = TlsClient.create(TcpClient.newConnection().host("127.0.0.1").port(port),
                        TlsClientOptions.builder(config).serverName("localhost").build())
                .connect()
                .flatMap(c -> c.outbound().sendString(Mono.just(line)).then()
                        .then(c.inbound().receive().asString().next())
                        .flatMap(reply -> c.close().thenReturn(reply)))
                .block(Duration.ofSeconds(30));
        System.out.print(echoed);
    }
}
