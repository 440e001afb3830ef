package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import io.reactls.ClientAuthMode;
import io.reactls.PendingOperation;
import io.reactls.PendingOperation.CertificateCheck;
import io.reactls.PendingOperation.Kind;
import io.reactls.PendingOperation.RsaDecryptRequest;
import io.reactls.PendingOperation.SignRequest;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.RemoteKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every point where the handshake hands work out (signing, RSA decryption, a custom certificate check) suspends an
 * engine told to hand that kind out; it buffers what the peer sends meanwhile and resumes exactly where it stopped.
 * Engines not told so do the same work in place.
 */
class PendingOperationTest {

    static final GeneratedPki RSA = CertificateGenerator.rsa().ca("async RSA CA").leaf("localhost");
    static final GeneratedPki EC = CertificateGenerator.ec().ca("async EC CA").leaf("localhost");
    static final RemoteKey RSA_KEY = new RemoteKey(RSA.leaf());
    static final RemoteKey EC_KEY = new RemoteKey(EC.leaf());

    static final CipherSuite TLS13 = CipherSuite.TLS_AES_128_GCM_SHA256;
    static final CipherSuite ECDHE_ECDSA = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    static final CipherSuite ECDHE_RSA = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    static final CipherSuite RSA_KX = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

    static final Set<Kind> NONE = EnumSet.noneOf(Kind.class);
    static final Set<Kind> KEY_OPERATIONS = EnumSet.of(Kind.SIGN, Kind.RSA_DECRYPT);
    static final Set<Kind> SIGN = EnumSet.of(Kind.SIGN);
    static final Set<Kind> CHECK = EnumSet.of(Kind.CERTIFICATE_CHECK);

    /** A server whose key is remote (RSA for RSA suites, EC otherwise); it must hand out {@link #KEY_OPERATIONS}. */
    static TlsConfig.Builder remoteServer(CipherSuite suite) {
        RemoteKey key = CipherSuites.keyExchange(suite).name().contains("ECDSA") || suite.isTls13() ? EC_KEY : RSA_KEY;
        return TlsConfig.server(key.keyMaterial()).cipherSuites(List.of(suite));
    }

    static TlsConfig.Builder client(CipherSuite suite) {
        return TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(CipherSuites.keyExchange(suite).name().contains("ECDSA")
                || suite.isTls13() ? EC.trustAnchors() : RSA.trustAnchors());
    }

    /** Engines that hand out the given kinds of operation (the client's, then the server's). */
    static EnginePair pair(TlsConfig.Builder client, Set<Kind> clientHandsOut, TlsConfig.Builder server, Set<Kind> serverHandsOut) {
        return new EnginePair(TlsEngine.client(client.build(), "localhost", ByteBufAllocator.DEFAULT).handOut(clientHandsOut),
                TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT).handOut(serverHandsOut));
    }

    /** Answers pending operations as a key service / policy would, the way the drivers do after the hook's Mono. */
    static final class Answers {
        final List<PendingOperation> seen = new ArrayList<>();
        java.util.function.Function<SignRequest, byte[]> sign = r -> (r.key().leaf().equals(EC.leaf().leaf()) ? EC_KEY : RSA_KEY).sign(r);
        java.util.function.Function<RsaDecryptRequest, byte[]> decrypt = RSA_KEY::decrypt;
        java.util.function.Function<CertificateCheck, RuntimeException> check = c -> null;
        /** Hand every operation back to the engine ({@link TlsEngine#completeLocally}), as an SSLEngine's delegated task would. */
        boolean locally;

        /** Moves ciphertext until both sides are idle, answering an operation only when nothing else can move. */
        void run(EnginePair p) {
            p.client.beginHandshake();
            p.server.beginHandshake();
            while (true) {
                p.pump();
                if (!answer(p.server) && !answer(p.client)) {
                    return;
                }
            }
        }

        boolean answer(TlsEngine e) {
            PendingOperation op = e.pendingOperation();
            if (op == null) {
                return false;
            }
            seen.add(op);
            if (locally) {
                e.completeLocally();
            } else if (op instanceof SignRequest s) {
                e.completeSignature(sign.apply(s));
            } else if (op instanceof RsaDecryptRequest r) {
                byte[] plaintext;
                try {
                    plaintext = decrypt.apply(r);
                } catch (RuntimeException failed) {
                    e.failPendingOperation(failed);
                    return true;
                }
                e.completeDecryption(plaintext);
            } else {
                RuntimeException rejection = check.apply((CertificateCheck) op);
                if (rejection == null) {
                    e.completeCertificateCheck();
                } else {
                    e.failPendingOperation(rejection);
                }
            }
            return true;
        }
    }

    static List<Class<?>> kinds(Answers a) {
        return a.seen.stream().<Class<?>>map(Object::getClass).toList();
    }

    // ------------------------------------------------------------------ each suspension point completes

    @Test
    void tls13ServerCertificateVerify() {
        try (EnginePair p = pair(client(TLS13), NONE, remoteServer(TLS13), KEY_OPERATIONS)) {
            p.client.beginHandshake();
            p.server.receive(p.client.takeOutbound());
            PendingOperation op = p.server.pendingOperation();
            assertThat(op).isInstanceOf(SignRequest.class);
            SignRequest sign = (SignRequest) op;
            assertThat(sign.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP256R1_SHA256);
            assertThat(new String(sign.content(), 64, 33, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("TLS 1.3, server CertificateVerify");
            // Only the plaintext ServerHello (and the compatibility ChangeCipherSpec) left; the encrypted flight
            // waits for its CertificateVerify.
            ByteBuf early = p.server.takeOutbound();
            List<Integer> types = new ArrayList<>();
            for (int i = early.readerIndex(); i < early.writerIndex(); i += 5 + early.getUnsignedShort(i + 3)) {
                types.add((int) early.getByte(i));
            }
            p.client.receive(early);
            assertThat(types).containsExactly(22, 20);
            assertThat(p.client.isHandshakeComplete()).isFalse();
            assertThat(p.server.takeOutbound()).isNull();

            p.server.completeSignature(EC_KEY.sign(sign));
            assertThat(p.server.pendingOperation()).isNull();
            new Answers().run(p);
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
            exchangeData(p);
        }
    }

    @Test
    void tls13ClientCertificateVerifyWithClientAuth() {
        TlsConfig.Builder server = TlsConfig.server(EC.leaf()).cipherSuites(List.of(TLS13))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors());
        TlsConfig.Builder client = client(TLS13).keyMaterial(RSA_KEY.keyMaterial());
        try (EnginePair p = pair(client, SIGN, server, NONE)) {
            Answers a = new Answers();
            a.run(p);
            assertThat(kinds(a)).containsExactly(SignRequest.class);
            assertThat(((SignRequest) a.seen.get(0)).scheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);
            assertThat(p.server.session().peerCertificates()).isEqualTo(RSA.leaf().chain());
            exchangeData(p);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"})
    void tls12ServerKeyExchange(CipherSuite suite) {
        try (EnginePair p = pair(client(suite), NONE, remoteServer(suite), KEY_OPERATIONS)) {
            Answers a = new Answers();
            a.run(p);
            assertThat(kinds(a)).containsExactly(SignRequest.class);
            assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(p.client.session().cipherSuite()).isEqualTo(suite);
            exchangeData(p);
        }
    }

    @Test
    void tls12ClientCertificateVerify() {
        TlsConfig.Builder server = TlsConfig.server(EC.leaf()).cipherSuites(List.of(ECDHE_ECDSA))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors());
        TlsConfig.Builder client = client(ECDHE_ECDSA).keyMaterial(RSA_KEY.keyMaterial());
        try (EnginePair p = pair(client, SIGN, server, NONE)) {
            Answers a = new Answers();
            a.run(p);
            assertThat(kinds(a)).containsExactly(SignRequest.class);
            assertThat(p.server.session().peerCertificates()).isEqualTo(RSA.leaf().chain());
            exchangeData(p);
        }
    }

    @Test
    void tls12RsaKeyExchangeDecryption() {
        try (EnginePair p = pair(client(RSA_KX), NONE, remoteServer(RSA_KX), KEY_OPERATIONS)) {
            Answers a = new Answers();
            a.run(p);
            assertThat(kinds(a)).containsExactly(RsaDecryptRequest.class);
            assertThat(p.server.session().cipherSuite()).isEqualTo(RSA_KX);
            exchangeData(p);
        }
    }

    @Test
    void remoteKeyWithoutDecrypterServesOnlyEcdhe() {
        TlsConfig.Builder server = TlsConfig.server(RSA_KEY.keyMaterial()).cipherSuites(List.of(RSA_KX, ECDHE_RSA));
        try (EnginePair p = pair(client(RSA_KX).cipherSuites(List.of(RSA_KX, ECDHE_RSA)), NONE, server, SIGN)) {
            new Answers().run(p);
            assertThat(p.server.session().cipherSuite()).isEqualTo(ECDHE_RSA);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
    void certificateCheckOnBothSides(CipherSuite suite) {
        TlsConfig.Builder server = remoteServer(suite).clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors());
        TlsConfig.Builder client = client(suite).keyMaterial(RSA.leaf());
        try (EnginePair p = pair(client, CHECK, server, EnumSet.of(Kind.SIGN, Kind.RSA_DECRYPT, Kind.CERTIFICATE_CHECK))) {
            Answers a = new Answers();
            a.run(p);
            List<CertificateCheck> checks = a.seen.stream().filter(CertificateCheck.class::isInstance).map(CertificateCheck.class::cast).toList();
            assertThat(checks).extracting(CertificateCheck::role).containsExactly(PeerRole.SERVER, PeerRole.CLIENT);
            assertThat(checks.get(0).hostname()).isEqualTo("localhost");
            assertThat(checks.get(0).chain()).isEqualTo(EC.leaf().chain());
            assertThat(checks.get(1).hostname()).isNull();
            assertThat(checks.get(1).chain()).isEqualTo(RSA.leaf().chain());
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
            exchangeData(p);
        }
    }

    /** The TLS 1.2 server flight arrives in one record: Certificate suspends with ServerKeyExchange and ServerHelloDone reassembled. */
    @Test
    void resumesWithTheRestOfTheFlightAlreadyReassembled() {
        try (EnginePair p = pair(client(ECDHE_ECDSA), CHECK, TlsConfig.server(EC.leaf())
                .cipherSuites(List.of(ECDHE_ECDSA)), NONE)) {
            p.client.beginHandshake();
            p.server.receive(p.client.takeOutbound());
            p.client.receive(p.server.takeOutbound());
            assertThat(p.client.pendingOperation()).isInstanceOf(CertificateCheck.class);
            assertThat(p.client.takeOutbound()).isNull();
            p.client.completeCertificateCheck();
            // Without another byte from the server: ServerKeyExchange and ServerHelloDone were waiting.
            ByteBuf flight = p.client.takeOutbound();
            assertThat(flight).isNotNull();
            p.server.receive(flight);
            p.pump();
            assertThat(p.client.isHandshakeComplete()).isTrue();
        }
    }

    /**
     * The client's Certificate suspends the server; its CertificateVerify and Finished wait reassembled and its first
     * application data record waits in the deframer, unread until the check completes, then read with the right keys.
     */
    @Test
    void recordsThatArriveWhileSuspendedAreReadAfterwards() {
        TlsConfig.Builder server = TlsConfig.server(EC.leaf()).cipherSuites(List.of(TLS13)).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(RSA.trustAnchors());
        try (EnginePair p = pair(client(TLS13).keyMaterial(RSA.leaf()), NONE, server, CHECK)) {
            p.client.send(EnginePair.text("sent with the client's Finished"));
            p.client.beginHandshake();
            p.server.receive(p.client.takeOutbound());
            p.client.receive(p.server.takeOutbound());
            assertThat(p.client.isHandshakeComplete()).isTrue();
            p.server.receive(p.client.takeOutbound());
            assertThat(p.server.pendingOperation()).isInstanceOf(CertificateCheck.class);
            assertThat(p.server.takePlaintext()).isNull();
            p.server.receive(EnginePair.copy(sealedLater(p)));
            assertThat(p.server.isHandshakeComplete()).isFalse();

            p.server.completeCertificateCheck();
            assertThat(p.server.isHandshakeComplete()).isTrue();
            assertThat(EnginePair.drain(p.server)).isEqualTo("sent with the client's Finished" + "and one more record");
            p.pump();
            exchangeData(p);
        }
    }

    /** Another application data record from the client, sealed now, delivered while the server still waits. */
    private static byte[] sealedLater(EnginePair p) {
        p.client.send(EnginePair.text("and one more record"));
        ByteBuf record = p.client.takeOutbound();
        byte[] bytes = new byte[record.readableBytes()];
        record.readBytes(bytes);
        record.release();
        return bytes;
    }

    // ------------------------------------------------------------------ the engine does what is not handed out

    /** Client authentication with local keys and nothing handed out: the same steps, done in place, nothing pending. */
    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
    void nothingHandedOutNothingPending(CipherSuite suite) {
        TlsConfig.Builder server = TlsConfig.server(EC.leaf()).cipherSuites(List.of(suite)).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(RSA.trustAnchors());
        try (EnginePair p = pair(client(suite).keyMaterial(RSA.leaf()), NONE, server, NONE)) {
            Answers a = new Answers();
            a.run(p);
            assertThat(a.seen).isEmpty();
            assertThat(p.server.session().peerCertificates()).isEqualTo(RSA.leaf().chain());
            exchangeData(p);
        }
    }

    /**
     * Everything handed out on both sides and handed back with {@link TlsEngine#completeLocally} (an SSLEngine running
     * each as a delegated task): every signature, the RSA decryption and both chain checks come out, and the handshake
     * completes with the local keys.
     */
    @ParameterizedTest
    @EnumSource(value = CipherSuite.class, names = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256"})
    void everythingHandedOutAndCompletedLocally(CipherSuite suite) {
        boolean rsa = suite == RSA_KX;
        Set<Kind> all = EnumSet.allOf(Kind.class);
        TlsConfig.Builder server = TlsConfig.server(rsa ? RSA.leaf() : EC.leaf()).cipherSuites(List.of(suite))
                .clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors());
        try (EnginePair p = pair(client(suite).keyMaterial(RSA.leaf()), all, server, all)) {
            Answers a = new Answers();
            a.locally = true;
            a.run(p);
            List<Class<?>> expected = rsa
                    ? List.of(RsaDecryptRequest.class, CertificateCheck.class, CertificateCheck.class, SignRequest.class)
                    : List.of(SignRequest.class, CertificateCheck.class, CertificateCheck.class, SignRequest.class);
            assertThat(kinds(a)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(p.client.session().cipherSuite()).isEqualTo(suite);
            assertThat(p.server.session().peerCertificates()).isEqualTo(RSA.leaf().chain());
            exchangeData(p);
        }
    }

    /** The configured verifier runs before a chain is handed out: a chain it rejects never reaches the driver's check. */
    @Test
    void chainTheVerifierRejectsIsNeverHandedOut() {
        try (EnginePair p = pair(client(TLS13).trustAnchors(RSA.trustAnchors()), CHECK,
                TlsConfig.server(EC.leaf()).cipherSuites(List.of(TLS13)), NONE)) {
            Answers a = new Answers();
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> a.run(p));
            assertThat(e).isInstanceOf(CertificateVerificationException.class);
            assertThat(p.client.failure()).isSameAs(e);
            assertThat(a.seen).isEmpty();
        }
    }

    /** A key without its private part that nobody signs for: internal_error, not a hang or a crash. */
    @Test
    void remoteKeyNotHandedOutIsAnInternalError() {
        try (EnginePair p = pair(client(TLS13), NONE, remoteServer(TLS13), NONE)) {
            p.client.beginHandshake();
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> p.server.receive(p.client.takeOutbound()));
            assertThat(e.alert()).isEqualTo(AlertDescription.INTERNAL_ERROR);
            assertThat(e.getMessage()).contains("no private key here");
            assertThat(p.server.pendingOperation()).isNull();
        }
    }

    @Test
    void handedOutKindsAreChosenBeforeTheHandshake() {
        try (EnginePair p = pair(client(TLS13), NONE, TlsConfig.server(EC.leaf()).cipherSuites(List.of(TLS13)), NONE)) {
            p.client.beginHandshake();
            assertThatThrownBy(() -> p.client.handOut(CHECK)).isInstanceOf(IllegalStateException.class);
        }
    }

    // ------------------------------------------------------------------ failures

    @Test
    void failedSignerIsAnInternalErrorToThePeer() {
        try (EnginePair p = pair(client(TLS13), NONE, remoteServer(TLS13), KEY_OPERATIONS)) {
            p.client.beginHandshake();
            p.server.receive(p.client.takeOutbound());
            p.client.receive(p.server.takeOutbound()); // ServerHello
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class,
                    () -> p.server.failPendingOperation(new IllegalStateException("KMS unreachable")));
            assertThat(e.alert()).isEqualTo(AlertDescription.INTERNAL_ERROR);
            assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
            assertThat(e.getCause()).hasMessage("KMS unreachable");
            assertThat(p.server.failure()).isSameAs(e);
            assertThat(p.server.pendingOperation()).isNull();
            TlsAlertException peer = catchThrowableOfType(TlsAlertException.class, () -> p.client.receive(p.server.takeOutbound()));
            assertThat(peer.alert()).isEqualTo(AlertDescription.INTERNAL_ERROR);
            assertThat(peer.origin()).isEqualTo(TlsAlertException.Origin.PEER);
        }
    }

    enum BadDecryption { FAILS, SHORT, WRONG_VERSION, RANDOM }

    /** RFC 5246 §7.4.7.1: whatever the decrypter does wrong, the server goes on and the handshake fails at Finished. */
    @ParameterizedTest
    @EnumSource(BadDecryption.class)
    void badDecryptionFailsAtFinishedLikeAWrongPreMaster(BadDecryption bad) {
        try (EnginePair p = pair(client(RSA_KX), NONE, remoteServer(RSA_KX), KEY_OPERATIONS)) {
            Answers a = new Answers();
            a.decrypt = r -> {
                byte[] right = RSA_KEY.decrypt(r);
                return switch (bad) {
                    case FAILS -> throw new IllegalStateException("HSM: bad padding");
                    case SHORT -> java.util.Arrays.copyOf(right, 47);
                    case WRONG_VERSION -> {
                        right[1] ^= 1;
                        yield right;
                    }
                    case RANDOM -> {
                        byte[] random = new byte[48];
                        new java.util.Random(7).nextBytes(random);
                        random[0] = 3;
                        random[1] = 3;
                        yield random;
                    }
                };
            };
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> a.run(p));
            assertThat(e).as("the server fails on the client's Finished").isNotNull();
            assertThat(e.alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
            assertThat(p.server.failure()).isSameAs(e);
            assertThat(p.client.isHandshakeComplete()).isFalse();
            assertThat(kinds(a)).containsExactly(RsaDecryptRequest.class);
        }
    }

    @Test
    void certificateCheckRejectionSendsItsAlert() {
        try (EnginePair p = pair(client(TLS13), CHECK, TlsConfig.server(EC.leaf())
                .cipherSuites(List.of(TLS13)), NONE)) {
            Answers a = new Answers();
            a.check = c -> new CertificateVerificationException(CertificateVerificationException.Reason.OTHER, "revoked (OCSP)");
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> a.run(p));
            assertThat(e.alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
            assertThat(e).isInstanceOf(CertificateVerificationException.class).hasMessageContaining("revoked (OCSP)");
            assertThat(p.client.failure()).isSameAs(e);
            TlsAlertException peer = catchThrowableOfType(TlsAlertException.class, () -> p.server.receive(p.client.takeOutbound()));
            assertThat(peer.alert()).isEqualTo(AlertDescription.CERTIFICATE_UNKNOWN);
            assertThat(peer.origin()).isEqualTo(TlsAlertException.Origin.PEER);
        }
    }

    @Test
    void anyOtherRejectionIsBadCertificate() {
        TlsConfig.Builder server = TlsConfig.server(EC.leaf()).cipherSuites(List.of(ECDHE_ECDSA)).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(RSA.trustAnchors());
        try (EnginePair p = pair(client(ECDHE_ECDSA).keyMaterial(RSA.leaf()), NONE, server, CHECK)) {
            Answers a = new Answers();
            a.check = c -> new IllegalArgumentException("not in the device inventory");
            TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> a.run(p));
            assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
            assertThat(e.getMessage()).contains("client certificate rejected", "not in the device inventory");
            assertThat(p.server.failure()).isSameAs(e);
        }
    }

    @Test
    void wrongCompletionIsRefused() {
        try (EnginePair p = pair(client(TLS13), NONE, remoteServer(TLS13), KEY_OPERATIONS)) {
            assertThatThrownBy(() -> p.server.completeSignature(new byte[8])).isInstanceOf(IllegalStateException.class);
            p.client.beginHandshake();
            p.server.receive(p.client.takeOutbound());
            assertThatThrownBy(p.server::completeCertificateCheck).isInstanceOf(IllegalStateException.class);
            assertThat(p.server.pendingOperation()).isInstanceOf(SignRequest.class);
        }
    }

    /** Released while waiting, with the flight held back and client records buffered: every buffer is freed (LeakGuard). */
    @Test
    void releaseWhilePendingFreesEverything() {
        EnginePair p = pair(client(ECDHE_ECDSA).keyMaterial(RSA.leaf()), NONE, remoteServer(ECDHE_ECDSA).clientAuth(ClientAuthMode.OPTIONAL)
                .trustAnchors(RSA.trustAnchors()), KEY_OPERATIONS);
        p.client.beginHandshake();
        p.client.send(EnginePair.text("queued before the handshake"));
        p.server.receive(p.client.takeOutbound());
        assertThat(p.server.pendingOperation()).isInstanceOf(SignRequest.class);
        ByteBuf more = EnginePair.copy(new byte[] {22, 3, 3, 0, 4, 1, 0, 0});
        p.server.receive(more); // buffered, not read
        assertThat(p.server.failure()).isNull();
        p.server.send(EnginePair.text("waits for the handshake"));
        p.close();
        assertThat(more.refCnt()).isZero();
        assertThat(p.server.pendingOperation()).isNull();
        assertThatThrownBy(() -> p.server.completeSignature(new byte[8])).isInstanceOf(IllegalStateException.class);
    }

    private static void exchangeData(EnginePair p) {
        p.client.send(EnginePair.text("ping"));
        p.server.send(EnginePair.text("pong"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
        assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
    }
}
