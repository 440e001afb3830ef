package io.reactls.interop;

import io.reactls.crypto.CipherSuites;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.NamedGroup;
import io.reactls.testing.TestPki;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The suite × group matrix the interop tests walk, and the certificate each suite needs. */
final class InteropCases {

    private InteropCases() {
    }

    /** Every ECDHE suite with every group, and each RSA key-exchange suite once (group null). */
    /** The groups openssl 3.0 and gnutls here speak (the hybrid ML-KEM group is tested against Bouncy Castle). */
    static final List<NamedGroup> ECDHE_CURVES = java.util.Arrays.stream(NamedGroup.values())
            .filter(NamedGroup::isEcdheCurve).toList();

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            if (suite.isTls13()) {
                continue; // TLS 1.3 suites have their own interop cases
            }
            if (CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.RSA) {
                cases.add(Arguments.of(suite, null));
            } else {
                for (NamedGroup group : ECDHE_CURVES) {
                    cases.add(Arguments.of(suite, group));
                }
            }
        }
        return cases.stream();
    }

    /**
     * The groups a client offers to get {@code group} for ECDHE: for ECDHE_ECDSA suites P-256 too, since in TLS 1.2
     * supported_groups also limits the curve of the server's ECDSA certificate (RFC 8422 §5.1) and ours is P-256.
     */
    static List<NamedGroup> groupsOffered(CipherSuite suite, NamedGroup group) {
        if (CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA && group != NamedGroup.SECP256R1) {
            return List.of(group, NamedGroup.SECP256R1);
        }
        return List.of(group);
    }

    /** An ECDSA certificate for ECDHE_ECDSA suites, RSA for the rest. */
    static TestPki.Leaf serverLeaf(CipherSuite suite) {
        TestPki pki = TestPki.get();
        return CipherSuites.keyExchange(suite) == KeyExchangeAlgorithm.ECDHE_ECDSA ? pki.ecdsaServer() : pki.rsaServer();
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(20);

    /** Our client sends {@code size} bytes that openssl s_server prints, then openssl sends {@code size} back. */
    static void exchange(io.reactls.testing.OpenSslServer server, io.reactls.testing.SocketEngineDriver client, int size) {
        byte[] up = randomBytes(size, 11);
        byte[] down = randomBytes(size, 12);
        client.send(up);
        org.assertj.core.api.Assertions.assertThat(server.process().stdout().awaitBytes(size, TIMEOUT)).isEqualTo(up);
        server.process().writeAsync(down).join();
        org.assertj.core.api.Assertions.assertThat(client.receive(size)).isEqualTo(down);
    }

    /** s_client sends {@code size} bytes, reads the echo, then closes stdin (close_notify) and must exit cleanly. */
    static void echo(io.reactls.testing.PeerProcess client, int size) {
        byte[] data = randomBytes(size, 21);
        client.writeAsync(data).join();
        org.assertj.core.api.Assertions.assertThat(client.stdout().awaitBytes(size, TIMEOUT)).isEqualTo(data);
        client.closeStdin();
        org.assertj.core.api.Assertions.assertThat(client.awaitExit(TIMEOUT)).as(client.describeOutput()).isZero();
        org.assertj.core.api.Assertions.assertThat(client.stdout().bytes()).isEqualTo(data);
    }
}
