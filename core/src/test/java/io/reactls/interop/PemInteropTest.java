package io.reactls.interop;

import io.reactls.testing.PeerProcess;
import io.reactls.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PEM files reactls writes (CertificateGenerator, `reactls demo`) must load in the other TLS stacks. */
class PemInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final TestPki pki = TestPki.get();

    @Test
    void opensslLoadsOurKeysAndCertificates() {
        for (TestPki.Leaf leaf : List.of(pki.ecdsaServer(), pki.rsaServer(), pki.client())) {
            try (PeerProcess check = PeerProcess.start(List.of("openssl", "verify", "-CAfile", pki.caFile().toString(),
                    leaf.chain().toString()))) {
                assertThat(check.awaitExit(TIMEOUT)).as(check.describeOutput()).isZero();
            }
            try (PeerProcess check = PeerProcess.start(List.of("openssl", "pkey", "-in", leaf.key().toString(), "-noout"))) {
                assertThat(check.awaitExit(TIMEOUT)).as(check.describeOutput()).isZero();
            }
        }
    }

    /** certtool is GnuTLS's key loader, the one gnutls-cli --x509keyfile uses. */
    @Test
    void gnutlsLoadsOurEcPrivateKey() {
        try (PeerProcess certtool = PeerProcess.start(List.of("certtool", "--key-info", "--infile",
                pki.client().key().toString()))) {
            assertThat(certtool.awaitExit(TIMEOUT)).as(certtool.describeOutput()).isZero();
        }
    }

    @Test
    void gnutlsLoadsOurRsaPrivateKey() {
        try (PeerProcess certtool = PeerProcess.start(List.of("certtool", "--key-info", "--infile",
                pki.rsaServer().key().toString()))) {
            assertThat(certtool.awaitExit(TIMEOUT)).as(certtool.describeOutput()).isZero();
        }
    }
}
