package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.testing.LoopbackPorts;
import io.reactls.testing.OpenSslClient;
import io.reactls.testing.OpenSslServer;
import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider's blocking sockets (and so the SSLEngine under them) against OpenSSL: our SSLServerSocket serves
 * {@code openssl s_client}, our SSLSocket fetches from {@code openssl s_server -www}, TLS 1.3 and 1.2.
 */
class OpenSslSocketInteropTest {

    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void serverSocketServesOpensslClient(String version) throws Exception {
        SSLContext ctx = ReactlsProvider.sslContext(PKI.ecdsaServer().keyMaterial(), PKI.trustAnchors());
        try (ServerSocket listener = ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getByName(LoopbackPorts.HOST))) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line = in.readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("pong " + line + " over " + ((SSLSocket) s).getSession().getProtocol() + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return line;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            OpenSslClient client = OpenSslClient.connect(listener.getLocalPort()).verify(PKI.caFile(), "localhost");
            if (version.equals("1.2")) {
                client.tls12();
            }
            try (PeerProcess openssl = client.start()) {
                String summary = OpenSslClient.awaitEstablished(openssl, Duration.ofSeconds(15));
                assertThat(summary).contains("Protocol version: TLSv" + version);
                openssl.writeAsync("ping\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(served.get(15, TimeUnit.SECONDS)).isEqualTo("ping");
                openssl.stdout().awaitText("pong ping over TLSv" + version + "\n", Duration.ofSeconds(15));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void socketFetchesFromOpensslWww(String version) throws Exception {
        OpenSslServer.Builder builder = OpenSslServer.builder(PKI.rsaServer().chain(), PKI.rsaServer().key()).www();
        if (version.equals("1.2")) {
            builder.tls12();
        }
        try (OpenSslServer server = builder.start()) {
            SSLContext ctx = ReactlsProvider.sslContext(null, PKI.trustAnchors());
            try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(LoopbackPorts.HOST, server.port())) {
                var params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(params);
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String page = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(page).contains("HTTP/1.0 200 ok").contains("Protocol  : TLSv" + version);
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv" + version);
            }
        }
    }
}
