package io.reactls.engine;

import static io.reactls.engine.Rfc8448Replay.SERVER_X25519_PRIVATE;
import static io.reactls.engine.Rfc8448Replay.open;
import static io.reactls.engine.Rfc8448Replay.random;
import static io.reactls.testing.Rfc8448Trace.bytes;
import static io.reactls.testing.Rfc8448Trace.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.GroupsInEncryptedExtensions;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.record.ContentType;
import io.reactls.record.Tls13AeadProtection;
import io.reactls.testing.Rfc8448Trace;
import io.reactls.testing.ScriptedRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 8448 §3 "Simple 1-RTT Handshake" replayed into our engines, with the trace's randomness, x25519 keys, RSA key
 * and certificate injected.
 *
 * <p>Server: every record it sends is the trace's, byte for byte: ServerHello, the encrypted flight (EncryptedExtensions
 * with supported_groups, record_size_limit and the server_name acknowledgement; Certificate; CertificateVerify, its
 * RSA-PSS salt recovered from the trace's signature; Finished), the application data and the close_notify. The one
 * exception is the NewSessionTicket: its ticket is our sealed session state (the trace's is NSS's), its nonce our
 * one-byte counter (NSS: two bytes) and it lacks NSS's early_data extension (we never accept 0-RTT), so only its
 * lifetime and age_add (scripted) match; it still takes sequence number 0 under the trace's application key, which is
 * why the application data after it matches.
 *
 * <p>Client: our ClientHello cannot be the trace's through configuration (NSS's extension order, an empty legacy
 * session id, session_ticket and renegotiation_info in a TLS 1.3-only hello, and DSA/SHA-1 signature schemes we do not
 * implement), so every transcript hash on the client side differs. What is comparable is compared: the random, the
 * key share, and the client Finished and application data records, which our key schedule and record protection
 * reproduce from the trace's transcript.
 */
class Rfc8448SimpleHandshakeTest {

    /** "{client} create an ephemeral x25519 key pair", private key. */
    static final String CLIENT_X25519_PRIVATE = "49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005";

    /** The 9 groups the trace's server lists in EncryptedExtensions, in its order. */
    static final List<NamedGroup> TRACE_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP521R1, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072, NamedGroup.FFDHE4096, NamedGroup.FFDHE6144,
            NamedGroup.FFDHE8192);

    /** The NewSessionTicket's ticket_age_add, scripted so that ours carries the trace's. */
    static final String TICKET_AGE_ADD = "fad6aac5";

    static TlsEngine traceServer() throws Exception {
        return TlsEngine.server(traceServerConfig(), ByteBufAllocator.DEFAULT);
    }

    /** The trace's server, its randomness scripted: good for one connection. */
    static TlsConfig traceServerConfig() throws Exception {
        ScriptedRandom random = new ScriptedRandom(bytes(SERVER_X25519_PRIVATE), random(Rfc8448Trace.SERVER_HELLO),
                Rfc8448Replay.traceSalt(), bytes(TICKET_AGE_ADD));
        return TlsConfig.server(new io.reactls.KeyMaterial(List.of(Rfc8448Replay.certificate()), Rfc8448Replay.privateKey()))
                // The trace's signatures come from its scripted randomness; the native backend draws on its own.
                .nativeCrypto(false)
                .versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256))
                .groups(TRACE_GROUPS)
                .groupsInEncryptedExtensions(GroupsInEncryptedExtensions.ALWAYS)
                .signatureSchemes(List.of(SignatureScheme.RSA_PSS_RSAE_SHA256))
                .sessionTickets(1)
                .ticketLifetime(Duration.ofSeconds(30))
                .random(random)
                .build();
    }

    @Test
    void everyServerRecordIsTheTracesExceptTheTicket() throws Exception {
        TlsEngine server = traceServer();
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, Rfc8448Replay.clientHello()));
            List<TlsEngineNegativeTest.Rec> flight = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server));
            assertThat(flight).hasSize(2);
            assertThat(hex(flight.get(0).encode())).as("ServerHello record").isEqualTo("160303005a" + Rfc8448Trace.SERVER_HELLO);
            assertThat(hex(flight.get(1).encode())).as("EncryptedExtensions..Finished record").isEqualTo(Rfc8448Trace.SERVER_FLIGHT_RECORD);

            TlsEngineNegativeTest.feed(server, bytes(Rfc8448Trace.CLIENT_FINISHED_RECORD));
            assertThat(server.isHandshakeComplete()).as("the engine accepted the trace's client Finished").isTrue();
            assertThat(server.session().cipherSuite()).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);

            // The ticket record opens under the trace's server application key, sequence 0.
            Tls13AeadProtection serverAppKeys = new Tls13AeadProtection(io.reactls.crypto.AeadAlgorithm.AES_128_GCM,
                    io.reactls.crypto.AeadBackends.jce(), bytes(Rfc8448Trace.SERVER_AP_KEY), bytes(Rfc8448Trace.SERVER_AP_IV));
            byte[] ticket = open(serverAppKeys, TlsEngineNegativeTest.take(server), ContentType.HANDSHAKE);
            assertThat(ticket[0]).isEqualTo((byte) HandshakeType.NEW_SESSION_TICKET.code());
            assertThat(hex(Arrays.copyOfRange(ticket, 4, 12))).as("ticket_lifetime 30 s and the scripted ticket_age_add")
                    .isEqualTo(Rfc8448Trace.NEW_SESSION_TICKET.substring(8, 24));
            assertThat(hex(ticket)).as("the ticket itself is our sealed state").isNotEqualTo(Rfc8448Trace.NEW_SESSION_TICKET);

            TlsEngineNegativeTest.feed(server, bytes(Rfc8448Trace.CLIENT_APPLICATION_DATA_RECORD));
            ByteBuf in = server.takePlaintext();
            try {
                assertThat(hex(ByteBufUtil.getBytes(in))).isEqualTo(Rfc8448Trace.APPLICATION_DATA);
            } finally {
                in.release();
            }
            server.send(TlsEngineNegativeTest.buf(bytes(Rfc8448Trace.APPLICATION_DATA)));
            assertThat(hex(TlsEngineNegativeTest.take(server))).as("server application_data record, sequence 1")
                    .isEqualTo(Rfc8448Trace.SERVER_APPLICATION_DATA_RECORD);

            TlsEngineNegativeTest.feed(server, bytes(Rfc8448Trace.CLIENT_ALERT_RECORD));
            assertThat(server.isInboundClosed()).isTrue();
            server.closeOutbound();
            assertThat(hex(TlsEngineNegativeTest.take(server))).as("server close_notify, sequence 2")
                    .isEqualTo(Rfc8448Trace.SERVER_ALERT_RECORD);
        } finally {
            server.release();
        }
    }

    @Test
    void encryptedExtensionsAreTheTraces() throws Exception {
        TlsEngine server = traceServer();
        try {
            TlsEngineNegativeTest.feed(server, TlsEngineNegativeTest.record(22, 0x0301, Rfc8448Replay.clientHello()));
            List<TlsEngineNegativeTest.Rec> flight = TlsEngineNegativeTest.records(TlsEngineNegativeTest.take(server));
            Tls13AeadProtection serverHsKeys = new Tls13AeadProtection(io.reactls.crypto.AeadAlgorithm.AES_128_GCM,
                    io.reactls.crypto.AeadBackends.jce(), bytes(Rfc8448Trace.SERVER_HS_KEY), bytes(Rfc8448Trace.SERVER_HS_IV));
            byte[] plain = open(serverHsKeys, flight.get(1).encode(), ContentType.HANDSHAKE);
            List<byte[]> messages = TlsEngineNegativeTest.messages(TlsEngineNegativeTest.record(22, plain));
            assertThat(hex(messages.get(0))).as("supported_groups, record_size_limit 16385, empty server_name")
                    .isEqualTo(Rfc8448Trace.ENCRYPTED_EXTENSIONS);
            assertThat(hex(messages.get(1))).isEqualTo(Rfc8448Trace.CERTIFICATE);
            assertThat(hex(messages.get(2))).isEqualTo(Rfc8448Trace.CERTIFICATE_VERIFY);
            assertThat(hex(messages.get(3))).isEqualTo(Rfc8448Trace.SERVER_FINISHED);
        } finally {
            server.release();
        }
    }

    /** Our client, given the trace's random and x25519 key: the parts of its ClientHello the trace can speak for. */
    @Test
    void ourClientHelloCarriesTheTracesRandomAndKeyShare() {
        byte[] sessionId = new byte[32];
        ScriptedRandom random = new ScriptedRandom(random(Rfc8448Trace.CLIENT_HELLO), sessionId, bytes(CLIENT_X25519_PRIVATE));
        TlsConfig config = TlsConfig.client().nativeCrypto(false).versions(List.of(TlsVersion.TLS_1_3))
                .cipherSuites(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384))
                .groups(TRACE_GROUPS)
                .grease(false) // the trace has no GREASE
                .random(random).build();
        TlsEngine client = TlsEngine.client(config, "server", ByteBufAllocator.DEFAULT);
        try {
            client.beginHandshake();
            byte[] wire = TlsEngineNegativeTest.take(client);
            assertThat(random.exhausted()).isTrue();
            ClientHello ours = TlsEngineNegativeTest.decodeClientHello(wire);
            ClientHello trace = TlsEngineNegativeTest.decodeClientHello(TlsEngineNegativeTest.record(22, 0x0301, Rfc8448Replay.clientHello()));
            assertThat(hex(ours.random())).isEqualTo(hex(trace.random()));
            assertThat(ours.cipherSuites()).isEqualTo(trace.cipherSuites());
            for (int type : List.of(ExtensionType.SERVER_NAME, ExtensionType.SUPPORTED_GROUPS, ExtensionType.KEY_SHARE,
                    ExtensionType.SUPPORTED_VERSIONS, ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.RECORD_SIZE_LIMIT)) {
                assertThat(hex(ours.extensions().get(type))).as("extension " + type).isEqualTo(hex(trace.extensions().get(type)));
            }
            // What differs, and stays different: the session id (compatibility mode), the signature schemes (the
            // trace offers DSA and SHA-1 ones) and NSS's session_ticket and renegotiation_info.
            assertThat(ours.sessionId()).hasSize(32);
            assertThat(trace.sessionId()).isEmpty();
            assertThat(hex(ours.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS)))
                    .isNotEqualTo(hex(trace.extensions().get(ExtensionType.SIGNATURE_ALGORITHMS)));
            assertThat(trace.extensions().has(ExtensionType.SESSION_TICKET)).isTrue();
            assertThat(ours.extensions().has(ExtensionType.SESSION_TICKET)).isFalse();
        } finally {
            client.release();
        }
    }

    /** The client's Finished and application data, from our key schedule and record protection over the trace's transcript. */
    @Test
    void ourClientKeysReproduceTheTracesClientRecords() throws Exception {
        byte[] th = Rfc8448Replay.sha256(Rfc8448Trace.messages(Rfc8448Trace.CLIENT_HELLO, Rfc8448Trace.SERVER_HELLO,
                Rfc8448Trace.ENCRYPTED_EXTENSIONS, Rfc8448Trace.CERTIFICATE, Rfc8448Trace.CERTIFICATE_VERIFY,
                Rfc8448Trace.SERVER_FINISHED));
        byte[] shared = x25519(CLIENT_X25519_PRIVATE, Rfc8448Trace.SERVER_HELLO);
        assertThat(hex(shared)).isEqualTo(Rfc8448Trace.ECDHE_SHARED_SECRET);
        byte[] verifyData = Tls13KeySchedule.finishedVerifyData(Rfc8448Replay.SHA256, bytes(Rfc8448Trace.CLIENT_HS_TRAFFIC), th);
        byte[] finished = TlsEngineNegativeTest.handshake(HandshakeType.FINISHED.code(), verifyData);
        assertThat(hex(finished)).isEqualTo(Rfc8448Trace.CLIENT_FINISHED);
        assertThat(Rfc8448Replay.seal(Rfc8448Trace.CLIENT_HS_KEY, Rfc8448Trace.CLIENT_HS_IV, 0, ContentType.HANDSHAKE, finished))
                .isEqualTo(Rfc8448Trace.CLIENT_FINISHED_RECORD);
        assertThat(Rfc8448Replay.seal(Rfc8448Trace.CLIENT_AP_KEY, Rfc8448Trace.CLIENT_AP_IV, 0, ContentType.APPLICATION_DATA,
                bytes(Rfc8448Trace.APPLICATION_DATA))).isEqualTo(Rfc8448Trace.CLIENT_APPLICATION_DATA_RECORD);
    }

    /** The x25519 shared secret our key share computes from a private key and a ServerHello's key_share. */
    static byte[] x25519(String privateKeyHex, String serverHelloHex) {
        ScriptedRandom random = new ScriptedRandom(bytes(privateKeyHex));
        io.reactls.crypto.KeyShare ours = io.reactls.crypto.KeyShare.generate(NamedGroup.X25519, random);
        byte[] sh = bytes(serverHelloHex);
        Extensions ext = TlsEngineNegativeTest.decodeServerHello(sh).extensions();
        byte[] keyShare = ext.get(ExtensionType.KEY_SHARE);
        return ours.agree(Arrays.copyOfRange(keyShare, 4, keyShare.length)); // group(2), length(2), key
    }
}
