package io.reactls.examples.cli;

import io.reactls.testing.PeerProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void showsBothHandshakesStepByStepAndClosesCleanly() {
        try (PeerProcess demo = ReactlsProcess.start("demo")) {
            assertThat(demo.awaitExit(Duration.ofSeconds(60))).as(demo.describeOutput()).isZero();
            String out = demo.stdout().text();

            assertThat(out).contains("== 1. RSA key exchange ==", "== 2. ECDHE key exchange (the default) ==");
            String rsa = out.substring(out.indexOf("== 1."), out.indexOf("== 2."));
            String ecdhe = out.substring(out.indexOf("== 2."));
            for (String round : new String[] {rsa, ecdhe}) {
                for (String step : new String[] {"① ClientHello", "② ServerHello", "④ Key exchange", "⑤ Keys derived",
                        "⑥ Client ChangeCipherSpec", "⑦ Server ChangeCipherSpec", "⑧ Application data"}) {
                    assertThat(round).contains("client " + step, "  server " + step);
                }
                assertThat(round).contains("client ③ Certificate verified", "Closed cleanly");
            }
            assertThat(rsa).contains("cipher suite:  TLS_RSA_WITH_AES_128_GCM_SHA256",
                    "RSA: 48-byte pre-master secret encrypted", "RSA: pre-master secret decrypted");
            assertThat(ecdhe).contains("cipher suite:  TLS_ECDHE_RSA_", "key exchange:  ECDHE x25519");
            assertThat(out).contains("server → client: Hello over TLS_RSA_WITH_AES_128_GCM_SHA256!");
        }
    }
}
