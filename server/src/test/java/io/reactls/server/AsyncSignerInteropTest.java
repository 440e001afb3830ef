package io.reactls.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.PrivateKeySigner;
import io.reactls.connection.TlsConnection;
import io.reactls.TlsServerConfig;
import io.reactls.RsaDecrypter;
import io.reactls.CipherSuite;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.RemoteKey;
import io.reactls.testing.TestPki;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * openssl s_client against our server whose key lives in a "KMS" (signatures and RSA decryption answered 50 ms later
 * on another thread), through both drivers: the Netty handler (TlsServer) and the Reactor face (TlsConnection on a plain TcpServer).
 */
class AsyncSignerInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration KMS_LATENCY = Duration.ofMillis(50);
    private static final TestPki PKI = TestPki.get();

    enum Driver { NETTY_HANDLER, TLS_CONNECTION }

    static List<Arguments> cases() {
        List<Arguments> out = new java.util.ArrayList<>();
        for (Driver d : Driver.values()) {
            out.add(Arguments.of(d, "TLSv1.3", "ecdsa", CipherSuite.TLS_AES_128_GCM_SHA256, null));
            out.add(Arguments.of(d, "TLSv1.3", "rsa", CipherSuite.TLS_AES_256_GCM_SHA384, null));
            out.add(Arguments.of(d, "TLSv1.2", "ecdsa", CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE-ECDSA-AES128-GCM-SHA256"));
            out.add(Arguments.of(d, "TLSv1.2", "rsa", CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE-RSA-AES128-GCM-SHA256"));
            out.add(Arguments.of(d, "TLSv1.2", "rsa", CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, "AES128-GCM-SHA256"));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("cases")
    void opensslHandshakesWithAnAsynchronousKey(Driver driver, String version, String keyType, CipherSuite suite, String opensslCipher) {
        RemoteKey kms = new RemoteKey(keyType.equals("rsa") ? PKI.rsaServer().keyMaterial() : PKI.ecdsaServer().keyMaterial());
        AtomicInteger signatures = new AtomicInteger();
        AtomicInteger decryptions = new AtomicInteger();
        PrivateKeySigner signer = request -> kms.signer(KMS_LATENCY).sign(request).doOnNext(s -> signatures.incrementAndGet());
        RsaDecrypter decrypter = request -> kms.decrypter(KMS_LATENCY).decrypt(request).doOnNext(p -> decryptions.incrementAndGet());
        TlsServerConfig config = TlsServerConfig.builder(kms.keyMaterial()).cipherSuites(suite)
                .privateKeySigner(signer).rsaDecrypter(decrypter).build();
        TcpServer tcp = TcpServer.create().host("127.0.0.1").port(0);
        DisposableServer server = driver == Driver.NETTY_HANDLER
                ? TlsServer.create(tcp, TlsServerOptions.of(config)).bind(c -> c.outbound().send(c.inbound().receive().retain())).block(TIMEOUT)
                : tcp.handle((in, out) -> {
                    // The Reactor face straight on reactor-netty: it releases inbound buffers itself.
                    TlsConnection tls = TlsConnection.server(config, in.receive().retain());
                    return Mono.whenDelayError(out.send(tls.outbound()).then(), tls.send(tls.receive()).then(tls.close()))
                            .doFinally(signal -> tls.dispose());
                }).bindNow(TIMEOUT);
        OpenSslClient openssl = OpenSslClient.connect(server.port()).verify(PKI.caFile(), TestPki.HOST);
        if (opensslCipher != null) {
            openssl.tls12().cipher(opensslCipher);
        }
        try (PeerProcess client = openssl.start()) {
            String summary = OpenSslClient.awaitEstablished(client, TIMEOUT);
            assertThat(summary).contains("Protocol version: " + version);
            byte[] data = new byte[20000];
            new Random(11).nextBytes(data);
            client.writeAsync(data).join();
            assertThat(client.stdout().awaitBytes(data.length, TIMEOUT)).isEqualTo(data);
            client.closeStdin();
            assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        } finally {
            server.disposeNow(TIMEOUT);
        }
        boolean rsaKeyExchange = suite == CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;
        assertThat(signatures.get()).isEqualTo(rsaKeyExchange ? 0 : 1);
        assertThat(decryptions.get()).isEqualTo(rsaKeyExchange ? 1 : 0);
    }
}
