package io.reactls.examples.cli;

import io.reactls.testing.PeerProcess;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {

    @Test
    void showsTheThreeHandshakesStepByStepAndClosesCleanly() {
        try (PeerProcess demo = ReactlsProcess.start("demo")) {
            assertThat(demo.awaitExit(ReactlsProcess.STARTUP)).as(demo.describeOutput()).isZero();
            String out = demo.stdout().text();

            assertThat(out).contains("== 1. RSA key exchange (TLS 1.2) ==", "== 2. ECDHE key exchange (TLS 1.2) ==",
                    "== 3. TLS 1.3 (the default) ==");
            String rsa = out.substring(out.indexOf("== 1."), out.indexOf("== 2."));
            String ecdhe = out.substring(out.indexOf("== 2."), out.indexOf("TLS 1.3 compresses"));
            String tls13 = out.substring(out.indexOf("== 3."));
            for (String round : new String[] {rsa, ecdhe, tls13}) {
                for (String step : new String[] {"① ClientHello", "② ServerHello", "④ Key exchange", "⑤ Keys derived",
                        "⑥ Client ChangeCipherSpec", "⑦ Server ChangeCipherSpec", "⑧ Application data"}) {
                    assertThat(round).contains("client " + step, "  server " + step);
                }
                assertThat(round).contains("client ③ Certificate verified", "Closed cleanly");
            }
            assertThat(rsa).contains("protocol:      TLSv1.2", "cipher suite:  TLS_RSA_WITH_AES_128_GCM_SHA256",
                    "RSA: 48-byte pre-master secret encrypted", "RSA: pre-master secret decrypted");
            assertThat(ecdhe).contains("protocol:      TLSv1.2", "cipher suite:  TLS_ECDHE_RSA_", "key exchange:  ECDHE x25519");
            assertThat(tls13).contains("protocol:      TLSv1.3", "cipher suite:  TLS_AES_128_GCM_SHA256", "key exchange:  ECDHE x25519");
            // The compressed order: the server's Finished (⑦) reaches the client before the client sends its own (⑥).
            assertThat(tls13.indexOf("client ⑦")).isLessThan(tls13.indexOf("client ⑥"));
            assertThat(tls13.indexOf("client ⑤")).isLessThan(tls13.indexOf("client ③"));
            assertThat(out).contains("server → client: Hello over TLS_RSA_WITH_AES_128_GCM_SHA256!",
                    "server → client: Hello over TLS_AES_128_GCM_SHA256!");
        }
    }

    @Test
    void rsaPssCertificateSignsWithRsaPssPss() {
        try (PeerProcess demo = ReactlsProcess.start("demo", "--rsa-pss")) {
            assertThat(demo.awaitExit(ReactlsProcess.STARTUP)).as(demo.describeOutput()).isZero();
            String out = demo.stdout().text();
            assertThat(out).contains("RSASSA-PSS 2048 server certificate", "== 1. RSA key exchange (TLS 1.2): skipped",
                    "== 2. ECDHE key exchange (TLS 1.2) ==", "== 3. TLS 1.3 (the default) ==");
            String ecdhe = out.substring(out.indexOf("== 2."), out.indexOf("TLS 1.3 compresses"));
            String tls13 = out.substring(out.indexOf("== 3."));
            assertThat(ecdhe).contains("cipher suite:  TLS_ECDHE_RSA_", "server key signed with rsa_pss_pss_sha256", "Closed cleanly");
            assertThat(tls13).contains("protocol:      TLSv1.3", "CertificateVerify (rsa_pss_pss_sha256", "Closed cleanly");
            assertThat(out).doesNotContain("rsa_pss_rsae");
        }
    }
}
