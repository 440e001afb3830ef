package io.reactls.examples.netty;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.netty.HandshakeObserver;
import io.reactls.server.HttpsServer;
import io.reactls.server.TlsServerOptions;
import io.reactls.testing.LoopbackPorts;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real browser loads the HTTPS hello world: headless Chromium against {@link HttpsHelloWorld} served by reactls on
 * reactor-netty, trusting only our generated key. The DOM carries the page's text, the screenshot shows it drawn, and
 * the server saw Chromium negotiate TLS 1.3 with ALPN http/1.1 (Chromium offers h2 first) and send its certificate as a
 * brotli CompressedCertificate (RFC 8879), which Chromium decompressed and verified.
 */
class HttpsHelloWorldChromiumTest {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;

    @TempDir
    Path temp;

    @Test
    void chromiumShowsThePageServedOverReactls() throws IOException {
        GeneratedPki pki = CertificateGenerator.ec().ca("reactls browser test CA").leaf("localhost", LoopbackPorts.HOST);
        Queue<TlsSession> handshakes = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Queue<String> events = new ConcurrentLinkedQueue<>();
        TlsServerOptions tls = TlsServerOptions.builder(HttpsHelloWorld.tls(pki.leaf()))
                .observer(new HandshakeObserver() {
                    @Override
                    public void succeeded(boolean client, Duration took, TlsSession session) {
                        handshakes.add(session);
                    }

                    @Override
                    public void failed(boolean client, Duration took, Throwable cause) {
                        failures.add(cause);
                    }
                })
                .onHandshakeEvent(e -> events.add(e.detail()))
                .build();
        DisposableServer server = HttpsServer.secure(HttpsHelloWorld.http().host(LoopbackPorts.HOST).port(0), tls)
                .bindNow(Duration.ofSeconds(10));
        try {
            String url = "https://" + LoopbackPorts.HOST + ":" + server.port() + "/";
            HeadlessChromium chromium = new HeadlessChromium(Files.createDirectory(temp.resolve("profile")),
                    pki.chain().get(0));

            String dom = chromium.dumpDom(url);
            assertThat(failures).as("handshakes the server saw fail").isEmpty();
            assertThat(handshakes).as("handshakes the server completed").isNotEmpty();
            TlsSession session = handshakes.peek();
            assertThat(session.version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(session.applicationProtocol()).isEqualTo("http/1.1");
            // Chromium offers compress_certificate with brotli only (RFC 8879); our server answered in kind.
            assertThat(events).as("server handshake events").anyMatch(
                    e -> e.startsWith("Certificate sent as CompressedCertificate (brotli)"));
            events.stream().filter(e -> e.contains("CompressedCertificate")).findFirst().ifPresent(System.out::println);
            assertThat(dom).contains("<h1 id=\"greeting\"", ">Hello over reactls</h1>",
                    session.protocol() + " " + session.cipherSuite().name() + ", ALPN http/1.1",
                    "scheme: https");

            Path png = Path.of("target", "chromium", "hello-world.png");
            Files.createDirectories(png.getParent());
            Files.deleteIfExists(png);
            chromium.screenshot(url, png, WIDTH, HEIGHT);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as("a PNG at " + png).isNotNull();
            assertThat(List.of(image.getWidth(), image.getHeight())).isEqualTo(List.of(WIDTH, HEIGHT));
            // The heading is drawn in black on white at the top left; the lower half of the page is empty.
            assertThat(darkPixels(image, 0, 0, 520, 80)).as("dark pixels where the heading is").isGreaterThan(500);
            assertThat(lightPixels(image, 0, 0, 520, 80)).as("light pixels between its letters").isGreaterThan(5000);
            assertThat(darkPixels(image, 0, HEIGHT / 2, WIDTH, HEIGHT)).as("dark pixels in the empty lower half").isZero();
            assertThat(failures).isEmpty();
            assertThat(handshakes).allSatisfy(s -> assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_3));
        } finally {
            server.disposeNow(Duration.ofSeconds(10));
        }
    }

    private static int darkPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        return countPixels(image, x0, y0, x1, y1, true);
    }

    private static int lightPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        return countPixels(image, x0, y0, x1, y1, false);
    }

    private static int countPixels(BufferedImage image, int x0, int y0, int x1, int y1, boolean dark) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int luma = (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
                if (dark ? luma < 64 : luma > 192) {
                    count++;
                }
            }
        }
        return count;
    }
}
