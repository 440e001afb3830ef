package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.handshake.keylog.KeyLogFile;
import io.reactls.handshake.keylog.KeyLogs;
import io.reactls.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application on the JSSE door (an {@code SSLContext} from our provider, as Spring Boot, gRPC and every Netty
 * {@code SslContext} user reach us) has no {@code TlsConfig} to set a key log on: {@code SSLKEYLOGFILE} with the
 * {@code reactls.keylog.env} opt-in is its way, and without the opt-in the variable is ignored. In child JVMs, whose
 * environment we set.
 */
class JsseKeyLogTest {

    @TempDir
    Path dir;

    @Test
    void sslKeyLogFileWithTheOptInLogsBothEnginesSecrets() throws Exception {
        Path file = dir.resolve("jsse.keys");
        run(file, "-D" + KeyLogs.OPT_IN_PROPERTY + "=true");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).as("client and server each log the five TLS 1.3 secrets").hasSize(10);
        assertThat(new HashSet<>(lines)).as("the same five lines on both sides").hasSize(5)
                .allMatch(l -> l.matches("[A-Z_0]+ [0-9a-f]{64} [0-9a-f]{64}"));
    }

    @Test
    void sslKeyLogFileWithoutTheOptInIsIgnored() throws Exception {
        Path file = dir.resolve("ignored.keys");
        run(file);
        assertThat(file).doesNotExist();
    }

    private static void run(Path keyLogFile, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.add(Handshake.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put(KeyLogs.ENVIRONMENT_VARIABLE, keyLogFile.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("handshake done");
        } finally {
            p.destroyForcibly();
        }
    }

    /** The child: one TLS 1.3 handshake between two engines of our provider, then the key log flushed. */
    public static final class Handshake {
        public static void main(String[] args) throws Exception {
            TestPki pki = TestPki.get();
            SSLContext server = ReactlsProvider.sslContext(pki.ecdsaServer().keyMaterial(), null);
            SSLContext client = ReactlsProvider.sslContext(null, pki.trustAnchors());
            new EngineLoop(client.createSSLEngine(TestPki.HOST, 443), server.createSSLEngine()).handshake();
            String file = System.getenv(KeyLogs.ENVIRONMENT_VARIABLE);
            if (Files.exists(Path.of(file))) {
                KeyLogFile.open(Path.of(file)).flush(Duration.ofSeconds(10));
            }
            System.out.println("handshake done");
        }
    }
}
