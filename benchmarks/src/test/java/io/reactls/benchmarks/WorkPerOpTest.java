package io.reactls.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CipherSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fairness the record and handshake benchmarks promise, on the wire: every stack's full handshake carries the
 * same tickets, every client checks the host name, and a 16,000-byte message is one record everywhere. All kinds here
 * use x25519: the JDK reads its group list once per JVM.
 */
class WorkPerOpTest {

    /** The stacks of the quotable run; reactls + ACCP where ACCP loads here. */
    private static List<String> stacks() {
        List<String> stacks = new ArrayList<>(List.of(Stacks.REACTLS, Stacks.JDK, Stacks.BORINGSSL));
        if (Stacks.nativeMissing() == null) {
            stacks.add(Stacks.REACTLS_NATIVE);
        }
        return stacks;
    }

    @Test
    void tls12FullHandshakesCarryOneTicketOnEveryStack() throws Exception {
        for (String stack : stacks()) {
            WorkPerOp.Handshake h = WorkPerOp.handshake(stack, HandshakeKind.TLS12_ECDHE_RSA);
            assertThat(h.wire().tls12Tickets()).as(stack + " TLS 1.2 tickets").isEqualTo(1);
        }
    }

    @Test
    void tls12EcdheRsaRunsOnEveryStackWithX25519AndOneSignatureScheme() throws Exception {
        java.util.Set<Integer> schemes = new java.util.HashSet<>();
        for (String stack : stacks()) {
            int[] kx = WorkPerOp.handshake(stack, HandshakeKind.TLS12_ECDHE_RSA).wire().tls12KeyExchange();
            assertThat(kx).as(stack + " ServerKeyExchange").isNotNull();
            assertThat(kx[0]).as(stack + " group").isEqualTo(io.reactls.NamedGroup.X25519.id());
            schemes.add(kx[1]);
        }
        assertThat(schemes).as("signature schemes of the ServerKeyExchanges").hasSize(1);
    }

    @Test
    void tls13ServersSendOneTicketRecordButBoringSslNone() throws Exception {
        for (String stack : stacks()) {
            WorkPerOp.Handshake h = WorkPerOp.handshake(stack, HandshakeKind.TLS13_X25519);
            // BoringSSL through netty-tcnative: documented in BENCHMARKS.md; if this changes, so must the text.
            int expected = stack.equals(Stacks.BORINGSSL) ? 0 : 1;
            assertThat(h.wire().afterClientFinishedRecords()).as(stack + " records after the client's Finished")
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyClientRefusesACertificateForAnotherHost() throws Exception {
        for (String stack : stacks()) {
            assertThat(WorkPerOp.handshake(stack, HandshakeKind.TLS13_X25519).refusal()).as(stack).isNotNull();
        }
    }

    @Test
    void sixteenThousandBytesAreOneRecordOnEveryStackAndSixteenKibTwoOnTheJdk() throws Exception {
        for (String stack : stacks()) {
            int[] one = WorkPerOp.transfer(stack, CipherSuite.TLS_AES_128_GCM_SHA256, 16000);
            assertThat(one[1]).as(stack + " records for 16,000 B").isEqualTo(1);
            int[] full = WorkPerOp.transfer(stack, CipherSuite.TLS_AES_128_GCM_SHA256, 16384);
            assertThat(full[1]).as(stack + " records for 16,384 B").isEqualTo(stack.equals(Stacks.JDK) ? 2 : 1);
        }
    }
}
