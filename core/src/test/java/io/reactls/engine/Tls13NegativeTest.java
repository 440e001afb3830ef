package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.buf;
import static io.reactls.engine.TlsEngineNegativeTest.concat;
import static io.reactls.engine.TlsEngineNegativeTest.decodeClientHello;
import static io.reactls.engine.TlsEngineNegativeTest.decodeServerHello;
import static io.reactls.engine.TlsEngineNegativeTest.encode;
import static io.reactls.engine.TlsEngineNegativeTest.expectAlert;
import static io.reactls.engine.TlsEngineNegativeTest.feed;
import static io.reactls.engine.TlsEngineNegativeTest.handshake;
import static io.reactls.engine.TlsEngineNegativeTest.hsRecord;
import static io.reactls.engine.TlsEngineNegativeTest.messages;
import static io.reactls.engine.TlsEngineNegativeTest.record;
import static io.reactls.engine.TlsEngineNegativeTest.records;
import static io.reactls.engine.TlsEngineNegativeTest.sealAs;
import static io.reactls.engine.TlsEngineNegativeTest.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.KeyMaterial;
import io.reactls.crypto.AeadBackends;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.ClientAuthMode;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordFragmenter;
import io.reactls.record.Tls13AeadProtection;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS 1.3 misbehaviour, fed to real engines. Each case checks the contract of {@link TlsEngineNegativeTest#expectAlert}:
 * the right alert as a typed exception on the detecting side, the same alert reaching the peer (origin PEER), both
 * engines failed for good, no plaintext, every buffer released.
 *
 * <p>Encrypted handshake messages are crafted with the real handshake keys: the receiving engine's own handshake
 * secrets (read from its state) give a fresh protection at sequence 0, which decrypts the genuine flight into its
 * messages and seals a rearranged one in its place.
 */
class Tls13NegativeTest {

    static final GeneratedPki EC = TlsEngineHandshakeTest.EC;
    static final GeneratedPki RSA = TlsEngineHandshakeTest.RSA;
    static final GeneratedPki OTHER_EC = CertificateGenerator.ec().ca("other EC CA").leaf("localhost");
    static final GeneratedPki OTHER_RSA = CertificateGenerator.rsa().ca("other RSA CA").leaf("localhost");
    static final List<TlsVersion> TLS13 = List.of(TlsVersion.TLS_1_3);

    static final int ENCRYPTED_EXTENSIONS = 8;
    static final int CERTIFICATE = 11;
    static final int CERTIFICATE_REQUEST = 13;
    static final int CERTIFICATE_VERIFY = 15;
    static final int FINISHED = 20;

    static TlsConfig.Builder client13() {
        // No certificate compression: these tests find and reorder plain Certificate messages in the flights.
        return Tls13HandshakeTest.client(EC).versions(TLS13).certificateCompression(List.of());
    }

    static TlsConfig.Builder server13() {
        return Tls13HandshakeTest.server(EC).certificateCompression(List.of());
    }

    static EnginePair pair(TlsConfig.Builder client, TlsConfig.Builder server) {
        EnginePair p = Tls13HandshakeTest.pair(client, server);
        p.client.beginHandshake();
        p.server.beginHandshake();
        return p;
    }

    // ------------------------------------------------------------------------------------------ keys and records

    /** A field of the engine's handshake data (ClientData13 / ServerData13) behind its current state. */
    static Object handshakeData(TlsEngine engine, String name) {
        try {
            Field state = TlsEngine.class.getDeclaredField("state");
            state.setAccessible(true);
            Object s = state.get(engine);
            Field d = s.getClass().getDeclaredField("d");
            d.setAccessible(true);
            Object data = d.get(s);
            Field f = data.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(data);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the TLS 1.3 handshake state changed shape; update this test", e);
        }
    }

    /** Fresh protection (sequence 0) under one of the engine's handshake traffic secrets. */
    static Tls13AeadProtection handshakeKeys(TlsEngine engine, String secretField) {
        CipherSuite suite = (CipherSuite) handshakeData(engine, "suite");
        return Tls13KeySchedule.protection(suite, AeadBackends.jce(), (byte[]) handshakeData(engine, secretField));
    }

    static byte[] seal(Tls13AeadProtection keys, ContentType type, byte[] plaintext) {
        ByteBuf out = Unpooled.buffer();
        RecordFragmenter.write(keys, type, Unpooled.wrappedBuffer(plaintext), out);
        return ByteBufUtil.getBytes(out);
    }

    /** The handshake messages inside the last (encrypted) record of {@code wire}. */
    static List<byte[]> openMessages(Tls13AeadProtection keys, byte[] wire) {
        List<TlsEngineNegativeTest.Rec> recs = records(wire);
        TlsEngineNegativeTest.Rec last = recs.get(recs.size() - 1);
        PlainRecord plain = keys.open(new OpaqueRecord(ContentType.fromCode(last.type()), last.version(),
                Unpooled.copiedBuffer(last.body())));
        try {
            assertThat(plain.type()).isEqualTo(ContentType.HANDSHAKE);
            return messages(record(22, ByteBufUtil.getBytes(plain.fragment())));
        } finally {
            plain.fragment().release();
        }
    }

    static byte[] firstRecord(byte[] wire) {
        return records(wire).get(0).encode();
    }

    static byte[] find(List<byte[]> messages, int type) {
        return messages.stream().filter(m -> (m[0] & 0xFF) == type).findFirst()
                .orElseThrow(() -> new AssertionError("no handshake message of type " + type));
    }

    /**
     * A client that has read the server's ServerHello (and nothing after it), with the server's real encrypted
     * flight decrypted into {@link #serverMessages}; {@link #toClient} seals a replacement flight for the client.
     */
    static final class ClientAfterServerHello {
        final EnginePair p;
        final byte[] serverFlight;
        final List<byte[]> serverMessages;

        ClientAfterServerHello(EnginePair p) {
            this.p = p;
            feed(p.server, take(p.client));
            serverFlight = take(p.server);
            feed(p.client, firstRecord(serverFlight));
            ByteBuf ccs = p.client.takeOutbound(); // the client's compatibility ChangeCipherSpec, if any
            if (ccs != null) {
                ccs.release();
            }
            serverMessages = openMessages(handshakeKeys(p.client, "serverHandshakeSecret"), serverFlight);
        }

        byte[] message(int type) {
            return find(serverMessages, type);
        }

        byte[] toClient(byte[]... messages) {
            return seal(handshakeKeys(p.client, "serverHandshakeSecret"), ContentType.HANDSHAKE, concat(messages));
        }
    }

    /**
     * A server that has sent its whole flight and waits for the client's, with the client's real encrypted flight
     * decrypted into {@link #clientMessages}; {@link #toServer} seals a replacement flight for the server.
     */
    static final class ServerAwaitingClientFlight {
        final EnginePair p;
        final List<byte[]> clientMessages;

        ServerAwaitingClientFlight(EnginePair p) {
            this.p = p;
            feed(p.server, take(p.client));
            feed(p.client, take(p.server));
            assertThat(p.client.isHandshakeComplete()).isTrue();
            clientMessages = openMessages(handshakeKeys(p.server, "clientHandshakeSecret"), take(p.client));
        }

        byte[] message(int type) {
            return find(clientMessages, type);
        }

        byte[] toServer(ContentType type, byte[] plaintext) {
            return seal(handshakeKeys(p.server, "clientHandshakeSecret"), type, plaintext);
        }
    }

    // ------------------------------------------------------------------------------------------ missing extensions

    @ParameterizedTest(name = "extension {0} stripped from the ClientHello")
    @ValueSource(ints = {ExtensionType.KEY_SHARE, ExtensionType.SUPPORTED_GROUPS, ExtensionType.SIGNATURE_ALGORITHMS})
    void missingMandatoryExtension(int type) {
        try (EnginePair p = pair(client13(), server13())) {
            ByteBuf tampered = HelloTampering.dropExtension(type).apply(buf(take(p.client)));
            byte[] hello = ByteBufUtil.getBytes(tampered);
            tampered.release();
            assertThat(decodeClientHello(hello).extensions().types()).doesNotContain(type);
            expectAlert(p.server, hello, AlertDescription.MISSING_EXTENSION, p.client);
        }
    }

    // ------------------------------------------------------------------------------------------ CertificateVerify

    @Nested
    class BadCertificateVerify {

        @Test
        void serverKeyDoesNotMatchItsCertificate() {
            KeyMaterial mismatched = new KeyMaterial(EC.leaf().chain(), OTHER_EC.leaf().privateKey());
            try (EnginePair p = pair(client13(), TlsConfig.server(mismatched).versions(TLS13))) {
                feed(p.server, take(p.client));
                TlsAlertException e = expectAlert(p.client, take(p.server), AlertDescription.DECRYPT_ERROR, p.server);
                assertThat(e.getMessage()).contains("server CertificateVerify");
            }
        }

        @Test
        void clientKeyDoesNotMatchItsCertificate() {
            KeyMaterial mismatched = new KeyMaterial(RSA.leaf().chain(), OTHER_RSA.leaf().privateKey());
            try (EnginePair p = pair(client13().keyMaterial(mismatched),
                    server13().clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors()))) {
                feed(p.server, take(p.client));
                feed(p.client, take(p.server));
                TlsAlertException e = expectAlert(p.server, take(p.client), AlertDescription.DECRYPT_ERROR, p.client);
                assertThat(e.getMessage()).contains("client CertificateVerify");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ unexpected messages

    /** Every client state, from ServerHello to traffic, given a message it must not accept. */
    @Nested
    class UnexpectedAtTheClient {

        @Test
        void encryptedExtensionsBeforeServerHello() {
            try (EnginePair p = pair(client13(), server13())) {
                feed(p.server, take(p.client)); // the server now waits for encrypted records
                take(p.server);
                expectAlert(p.client, hsRecord(handshake(ENCRYPTED_EXTENSIONS, new byte[] {0, 0})),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void plaintextHandshakeRecordWhereAnEncryptedOneIsExpected() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                TlsAlertException e = expectAlert(p.client, hsRecord(c.message(ENCRYPTED_EXTENSIONS)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("outer type");
            }
        }

        @Test
        void serverHelloAgainInsteadOfEncryptedExtensions() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                byte[] serverHello = messages(c.serverFlight).get(0);
                expectAlert(p.client, c.toClient(serverHello), AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void certificateBeforeEncryptedExtensions() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                TlsAlertException e = expectAlert(p.client, c.toClient(c.message(CERTIFICATE)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("expecting EncryptedExtensions");
            }
        }

        @Test
        void finishedWithoutCertificate() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(FINISHED)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void certificateVerifyWithoutCertificate() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(CERTIFICATE_VERIFY)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void finishedWithoutCertificateVerify() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                TlsAlertException e = expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(CERTIFICATE),
                        c.message(FINISHED)), AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(p.client.isHandshakeComplete()).as("no authentication bypass").isFalse();
                assertThat(e.getMessage()).contains("FINISHED");
            }
        }

        @Test
        void certificateRequestAfterCertificate() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                byte[] request = handshake(CERTIFICATE_REQUEST, new byte[] {0, 0, 6, 0, 13, 0, 2, 4, 3});
                expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(CERTIFICATE), request),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void secondCertificateInsteadOfFinished() {
            try (EnginePair p = pair(client13(), server13())) {
                ClientAfterServerHello c = new ClientAfterServerHello(p);
                TlsAlertException e = expectAlert(p.client, c.toClient(c.message(ENCRYPTED_EXTENSIONS), c.message(CERTIFICATE),
                        c.message(CERTIFICATE_VERIFY), c.message(CERTIFICATE)), AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("expecting the server Finished");
            }
        }

        @Test
        void certificateAfterTheHandshake() {
            try (EnginePair p = pair(client13(), server13())) {
                p.pump();
                assertThat(p.client.isHandshakeComplete()).isTrue();
                byte[] certificate = handshake(CERTIFICATE, new byte[] {0, 0, 0, 0});
                TlsAlertException e = expectAlert(p.client, sealAs(p.server, ContentType.HANDSHAKE, certificate),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("after the TLS 1.3 handshake completed");
            }
        }
    }

    /** Every TLS 1.3 server state after the first ClientHello, given a message it must not accept. */
    @Nested
    class UnexpectedAtTheServer {

        @Test
        void finishedInsteadOfTheSecondClientHello() {
            try (EnginePair p = pair(client13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP384R1)),
                    server13().groups(List.of(NamedGroup.SECP384R1)))) {
                feed(p.server, take(p.client));
                byte[] retry = take(p.server);
                assertThat(decodeServerHello(messages(retry).get(0)).random()).as("a HelloRetryRequest")
                        .isEqualTo(HelloRetry.HRR_RANDOM);
                TlsAlertException e = expectAlert(p.server, hsRecord(handshake(FINISHED, new byte[32])),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("expecting the second ClientHello");
            }
        }

        @Test
        void unrequestedCertificate() {
            try (EnginePair p = pair(client13(), server13())) {
                ServerAwaitingClientFlight s = new ServerAwaitingClientFlight(p);
                byte[] certificate = handshake(CERTIFICATE, new byte[] {0, 0, 0, 0});
                TlsAlertException e = expectAlert(p.server, s.toServer(ContentType.HANDSHAKE, certificate),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("expecting the client Finished");
            }
        }

        @Test
        void plaintextFinished() {
            try (EnginePair p = pair(client13(), server13())) {
                ServerAwaitingClientFlight s = new ServerAwaitingClientFlight(p);
                expectAlert(p.server, hsRecord(s.message(FINISHED)), AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void applicationDataBeforeTheClientFinished() {
            try (EnginePair p = pair(client13(), server13())) {
                ServerAwaitingClientFlight s = new ServerAwaitingClientFlight(p);
                expectAlert(p.server, s.toServer(ContentType.APPLICATION_DATA, "too early".getBytes()),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void finishedWithoutTheRequestedCertificate() {
            try (EnginePair p = pair(client13().keyMaterial(RSA.leaf()),
                    server13().clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors()))) {
                ServerAwaitingClientFlight s = new ServerAwaitingClientFlight(p);
                TlsAlertException e = expectAlert(p.server, s.toServer(ContentType.HANDSHAKE, s.message(FINISHED)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("expecting the client Certificate");
            }
        }

        @Test
        void finishedWithoutTheClientCertificateVerify() {
            try (EnginePair p = pair(client13().keyMaterial(RSA.leaf()),
                    server13().clientAuth(ClientAuthMode.REQUIRE).trustAnchors(RSA.trustAnchors()))) {
                ServerAwaitingClientFlight s = new ServerAwaitingClientFlight(p);
                expectAlert(p.server, s.toServer(ContentType.HANDSHAKE, concat(s.message(CERTIFICATE), s.message(FINISHED))),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(p.server.isHandshakeComplete()).as("no client authentication bypass").isFalse();
            }
        }

        @Test
        void newSessionTicketFromTheClient() {
            try (EnginePair p = pair(client13(), server13())) {
                p.pump();
                // lifetime, age_add, empty nonce, a 1-byte ticket, no extensions
                byte[] ticket = handshake(4, new byte[] {0, 0, 0, 60, 0, 0, 0, 1, 0, 0, 1, 7, 0, 0});
                expectAlert(p.server, sealAs(p.client, ContentType.HANDSHAKE, ticket), AlertDescription.UNEXPECTED_MESSAGE,
                        p.client);
            }
        }

        @Test
        void clientHelloAfterTheHandshake() {
            try (EnginePair p = pair(client13(), server13())) {
                byte[] helloRecord = take(p.client);
                feed(p.server, helloRecord);
                p.pump();
                assertThat(p.server.isHandshakeComplete()).isTrue();
                TlsAlertException e = expectAlert(p.server, sealAs(p.client, ContentType.HANDSHAKE, messages(helloRecord).get(0)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("after the TLS 1.3 handshake completed");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ downgrade

    @Nested
    class Downgrade {

        static final String SENTINEL_TLS12 = "444f574e47524401";

        String serverRandomTail(EnginePair p) {
            feed(p.server, take(p.client));
            byte[] flight = take(p.server);
            byte[] random = decodeServerHello(messages(flight).get(0)).random();
            feed(p.client, flight);
            p.pump();
            return HexFormat.of().formatHex(Arrays.copyOfRange(random, 24, 32));
        }

        @Test
        void tls13ServerMarksItsRandomWhenItNegotiatesTls12() {
            try (EnginePair p = pair(client13().versions(List.of(TlsVersion.TLS_1_2)), server13())) {
                assertThat(serverRandomTail(p)).isEqualTo(SENTINEL_TLS12);
                assertThat(p.client.session().version()).as("a TLS 1.2-only client takes it").isEqualTo(TlsVersion.TLS_1_2);
            }
        }

        @Test
        void tls12OnlyServerDoesNotMark() {
            try (EnginePair p = pair(Tls13HandshakeTest.client(EC), server13().versions(List.of(TlsVersion.TLS_1_2)))) {
                assertThat(serverRandomTail(p)).isNotEqualTo(SENTINEL_TLS12);
                assertThat(p.client.session().version()).as("a genuine TLS 1.2 server is no downgrade").isEqualTo(TlsVersion.TLS_1_2);
            }
        }

        @Test
        void tls13ServerWithTls13ClientDoesNotMark() {
            try (EnginePair p = pair(Tls13HandshakeTest.client(EC), server13())) {
                assertThat(serverRandomTail(p)).isNotEqualTo(SENTINEL_TLS12);
                assertThat(p.client.session().version()).isEqualTo(TlsVersion.TLS_1_3);
            }
        }

        @Test
        void clientRefusesAMarkedTls12ServerHello() {
            // The network strips supported_versions, so the server answers TLS 1.2 and marks its random.
            try (EnginePair p = pair(Tls13HandshakeTest.client(EC), server13())) {
                ByteBuf tampered = HelloTampering.dropExtension(ExtensionType.SUPPORTED_VERSIONS).apply(buf(take(p.client)));
                feed(p.server, ByteBufUtil.getBytes(tampered));
                tampered.release();
                TlsAlertException e = expectAlert(p.client, take(p.server), AlertDescription.ILLEGAL_PARAMETER, p.server);
                assertThat(e.getMessage()).contains("downgrade");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ HelloRetryRequest

    @Nested
    class HelloRetry {

        static final byte[] HRR_RANDOM = HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

        /** A HelloRetryRequest record echoing {@code hello}'s session id and asking for {@code group}. */
        byte[] retryRequest(byte[] helloRecord, NamedGroup group) {
            ClientHello ch = decodeClientHello(helloRecord);
            Extensions ext = Extensions.empty()
                    .with(ExtensionType.SUPPORTED_VERSIONS, new byte[] {3, 4})
                    .with(ExtensionType.KEY_SHARE, new byte[] {(byte) (group.id() >>> 8), (byte) group.id()});
            return hsRecord(encode(new ServerHello(0x0303, HRR_RANDOM, ch.sessionId(),
                    CipherSuite.TLS_AES_128_GCM_SHA256.id(), 0, ext)));
        }

        @Test
        void secondHelloRetryRequest() {
            try (EnginePair p = pair(client13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)),
                    server13().groups(List.of(NamedGroup.SECP384R1)))) {
                feed(p.server, take(p.client));
                byte[] retry = take(p.server);
                assertThat(decodeServerHello(messages(retry).get(0)).random()).isEqualTo(HRR_RANDOM);
                feed(p.client, retry);
                take(p.client); // ChangeCipherSpec and the second ClientHello, kept from the server
                TlsAlertException e = expectAlert(p.client, firstRecord(retry), AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("second HelloRetryRequest");
            }
        }

        @Test
        void retryForAGroupWeDidNotOffer() {
            try (EnginePair p = pair(client13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), server13())) {
                byte[] hello = take(p.client);
                TlsAlertException e = expectAlert(p.client, retryRequest(hello, NamedGroup.SECP384R1),
                        AlertDescription.ILLEGAL_PARAMETER, p.server);
                assertThat(e.getMessage()).contains("did not offer");
            }
        }

        @Test
        void retryForTheGroupWeAlreadySent() {
            try (EnginePair p = pair(client13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), server13())) {
                byte[] hello = take(p.client);
                expectAlert(p.client, retryRequest(hello, NamedGroup.X25519), AlertDescription.ILLEGAL_PARAMETER, p.server);
            }
        }

        @Test
        void wellFormedRetryIsAnswered() {
            // The crafted HelloRetryRequest above is accepted when it asks for an offered group: the failures are its group's.
            try (EnginePair p = pair(client13().groups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1)), server13())) {
                byte[] hello = take(p.client);
                feed(p.client, retryRequest(hello, NamedGroup.SECP256R1));
                assertThat(p.client.failure()).isNull();
                byte[] second = take(p.client);
                ClientHello again = decodeClientHello(records(second).stream().filter(r -> r.type() == 22).findFirst()
                        .orElseThrow().encode());
                assertThat(again.random()).isEqualTo(decodeClientHello(hello).random());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ ServerHello

    @Test
    void serverHelloNotEchoingTheLegacySessionId() {
        try (EnginePair p = pair(client13(), server13())) {
            feed(p.server, take(p.client));
            byte[] flight = take(p.server);
            ServerHello sh = decodeServerHello(messages(flight).get(0));
            byte[] otherId = sh.sessionId().clone();
            otherId[0] ^= 1;
            byte[] forged = hsRecord(encode(new ServerHello(sh.legacyVersion(), sh.random(), otherId, sh.cipherSuite(),
                    sh.compressionMethod(), sh.extensions())));
            // The server already reads with the client's handshake keys; our alert must still reach it in the clear.
            TlsAlertException e = expectAlert(p.client, forged, AlertDescription.ILLEGAL_PARAMETER, p.server);
            assertThat(e.getMessage()).contains("legacy_session_id");
        }
    }

    // ------------------------------------------------------------------------------------------ after the handshake

    @Nested
    class AfterTheHandshake {

        EnginePair connected() {
            EnginePair p = pair(client13(), server13());
            p.pump();
            assertThat(p.client.isHandshakeComplete()).isTrue();
            return p;
        }

        @Test
        void changeCipherSpecToTheServer() {
            try (EnginePair p = connected()) {
                expectAlert(p.server, record(20, new byte[] {1}), AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void changeCipherSpecToTheClient() {
            try (EnginePair p = connected()) {
                expectAlert(p.client, record(20, new byte[] {1}), AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void plaintextAlertIsRefusedOnceProtectedRecordsFlow() {
            // The server takes a plaintext alert only while the client may still lack keys (see serverHelloNotEchoing...).
            try (EnginePair p = connected()) {
                TlsAlertException e = expectAlert(p.server, record(21, new byte[] {2, 40}), AlertDescription.UNEXPECTED_MESSAGE,
                        p.client);
                assertThat(e.getMessage()).contains("outer type ALERT");
            }
        }

        @Test
        void warningAlertOtherThanCloseNotifyOrUserCanceledIsFatal() {
            try (EnginePair p = connected()) {
                // level warning (1), unexpected_message (10)
                ByteBuf in = buf(sealAs(p.client, ContentType.ALERT, new byte[] {1, 10}));
                TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> p.server.receive(in));
                assertThat(e).isNotNull();
                assertThat(e.alert()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
                assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.PEER);
                assertThat(in.refCnt()).isZero();
                assertThat(p.server.takeOutbound()).as("no alert answers the peer's").isNull();
                TlsEngineNegativeTest.assertFailedForGood(p.server, e);
            }
        }

        @Test
        void userCanceledWarningIsNotFatal() {
            try (EnginePair p = connected()) {
                feed(p.server, sealAs(p.client, ContentType.ALERT, new byte[] {1, 90}));
                assertThat(p.server.failure()).isNull();
                TlsEngineNegativeTest.exchangeData(p);
            }
        }
    }
}
