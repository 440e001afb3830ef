package io.reactls.engine;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.crypto.RsaKeyExchange;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.TlsConfig;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.PlainRecord;
import io.reactls.record.RecordFragmenter;
import io.reactls.record.RecordProtection;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every way a peer can misbehave, fed to a real engine as crafted bytes. Each failing case checks the whole "fail
 * closed, loudly" contract: the right alert as a typed {@link TlsAlertException} with origin LOCAL, the same alert
 * reaching the peer (origin PEER) when it is fed our alert record, the engine failed for good (later calls rethrow
 * the same exception and release what they were given), no plaintext, and every buffer released (LeakGuard runs
 * after each test with Netty's paranoid leak detector).
 */
class TlsEngineNegativeTest {

    static final GeneratedPki RSA = CertificateGenerator.rsa().ca("negative RSA CA").leaf("localhost");

    static final int HANDSHAKE = 22;
    static final int CCS = 20;
    static final int ALERT = 21;
    static final int APPDATA = 23;

    // ------------------------------------------------------------------------------------------ wiring

    static TlsConfig.Builder serverConfig(CipherSuite suite) {
        return TlsConfig.server(RSA.leaf()).cipherSuites(List.of(suite));
    }

    static TlsConfig.Builder clientConfig(CipherSuite suite) {
        return TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(RSA.trustAnchors());
    }

    static EnginePair pair(TlsConfig.Builder client, TlsConfig.Builder server) {
        return new EnginePair(TlsEngine.client(client.build(), "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server.build(), ByteBufAllocator.DEFAULT));
    }

    static EnginePair pair() {
        return pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
    }

    /** The handshake flights, captured as bytes; each step moves one flight so a test can stop anywhere. */
    static final class Flights {
        final EnginePair p;
        byte[] clientHello;
        byte[] serverFlight;
        byte[] clientFlight;
        byte[] serverFinish;

        Flights(EnginePair p) {
            this.p = p;
            p.client.beginHandshake();
            p.server.beginHandshake();
            clientHello = take(p.client);
        }

        Flights toServerHelloDone() {
            feed(p.server, clientHello);
            serverFlight = take(p.server);
            return this;
        }

        Flights toClientFinished() {
            toServerHelloDone();
            feed(p.client, serverFlight);
            clientFlight = take(p.client);
            return this;
        }

        Flights toServerFinished() {
            toClientFinished();
            feed(p.server, clientFlight);
            serverFinish = take(p.server);
            return this;
        }

        Flights complete() {
            toServerFinished();
            feed(p.client, serverFinish);
            assertThat(p.client.isHandshakeComplete()).isTrue();
            assertThat(p.server.isHandshakeComplete()).isTrue();
            return this;
        }
    }

    // ------------------------------------------------------------------------------------------ bytes

    record Rec(int type, int version, byte[] body) {
        byte[] encode() {
            return record(type, version, body);
        }
    }

    static byte[] take(TlsEngine engine) {
        ByteBuf b = engine.takeOutbound();
        assertThat(b).as("engine produced output").isNotNull();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    /** Feeds bytes through a leak-tracked buffer. */
    static void feed(TlsEngine engine, byte[] bytes) {
        engine.receive(buf(bytes));
    }

    /**
     * A leak-tracked, unpooled buffer: its refCnt() stays meaningful after release (a pooled buffer object may be
     * recycled at once, e.g. for the very alert the engine writes next, and report refCnt 1 again).
     */
    static ByteBuf buf(byte[] bytes) {
        return UnpooledByteBufAllocator.DEFAULT.heapBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
    }


    static byte[] record(int type, int version, byte[] body) {
        byte[] out = new byte[5 + body.length];
        out[0] = (byte) type;
        out[1] = (byte) (version >>> 8);
        out[2] = (byte) version;
        out[3] = (byte) (body.length >>> 8);
        out[4] = (byte) body.length;
        System.arraycopy(body, 0, out, 5, body.length);
        return out;
    }

    static byte[] record(int type, byte[] body) {
        return record(type, 0x0303, body);
    }

    static byte[] handshake(int type, byte[] body) {
        byte[] out = new byte[4 + body.length];
        out[0] = (byte) type;
        out[1] = (byte) (body.length >>> 16);
        out[2] = (byte) (body.length >>> 8);
        out[3] = (byte) body.length;
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    static List<Rec> records(byte[] wire) {
        List<Rec> out = new ArrayList<>();
        int at = 0;
        while (at < wire.length) {
            int len = ((wire[at + 3] & 0xFF) << 8) | (wire[at + 4] & 0xFF);
            out.add(new Rec(wire[at] & 0xFF, ((wire[at + 1] & 0xFF) << 8) | (wire[at + 2] & 0xFF),
                    Arrays.copyOfRange(wire, at + 5, at + 5 + len)));
            at += 5 + len;
        }
        return out;
    }

    /** The handshake messages (header included) carried by the leading plaintext handshake records. */
    static List<byte[]> messages(byte[] wire) {
        ByteBuf all = Unpooled.buffer();
        for (Rec r : records(wire)) {
            if (r.type() != HANDSHAKE) {
                break;
            }
            all.writeBytes(r.body());
        }
        List<byte[]> out = new ArrayList<>();
        while (all.isReadable()) {
            int len = all.getUnsignedMedium(all.readerIndex() + 1);
            byte[] m = new byte[4 + len];
            all.readBytes(m);
            out.add(m);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteBuf b = Unpooled.buffer();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return ByteBufUtil.getBytes(b);
    }

    static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, 4, message.length);
    }

    static byte[] hsRecord(byte[]... messages) {
        return record(HANDSHAKE, concat(messages));
    }

    static ClientHello decodeClientHello(byte[] wire) {
        return ClientHello.decode(TlsReader.of(Unpooled.wrappedBuffer(body(messages(wire).get(0))), "test"));
    }

    static ServerHello decodeServerHello(byte[] message) {
        return ServerHello.decode(TlsReader.of(Unpooled.wrappedBuffer(body(message)), "test"));
    }

    /** A ClientHello body with the extension block written raw (so it may be malformed). */
    static byte[] clientHelloBody(ClientHello ch, byte[] rawExtensionBlock) {
        ByteBuf out = Unpooled.buffer();
        out.writeShort(ch.legacyVersion());
        out.writeBytes(ch.random());
        TlsWriter.vector8(out, ch.sessionId());
        int at = TlsWriter.begin16(out);
        ch.cipherSuites().forEach(out::writeShort);
        TlsWriter.end16(out, at);
        TlsWriter.vector8(out, ch.compressionMethods());
        out.writeBytes(rawExtensionBlock);
        return ByteBufUtil.getBytes(out);
    }

    static byte[] extensionBlock(Extensions ext) {
        ByteBuf b = Unpooled.buffer();
        ext.encode(b);
        return ByteBufUtil.getBytes(b);
    }

    static Extensions without(Extensions ext, int type) {
        Extensions out = Extensions.empty();
        for (int t : ext.types()) {
            if (t != type) {
                out.with(t, ext.get(t));
            }
        }
        return out;
    }

    static byte[] encode(io.reactls.handshake.HandshakeMessage m) {
        return HandshakeReassembler.encode(m);
    }

    // ------------------------------------------------------------------------------------------ assertions

    /**
     * Feeds {@code input} to {@code detector} and checks the whole failure contract. {@code peer} (may be null)
     * then receives our alert record and must fail with the same alert, origin PEER.
     */
    static TlsAlertException expectAlert(TlsEngine detector, byte[] input, AlertDescription alert, TlsEngine peer) {
        ByteBuf in = buf(input);
        TlsAlertException e = catchThrowableOfType(TlsAlertException.class, () -> detector.receive(in));
        assertThat(e).as("expected %s", alert.rfcName()).isNotNull();
        assertThat(e.alert()).as(e.getMessage()).isEqualTo(alert);
        assertThat(e.origin()).isEqualTo(TlsAlertException.Origin.LOCAL);
        assertThat(e.getMessage()).startsWith("sent " + alert.rfcName() + ": ");
        assertThat(in.refCnt()).as("input released").isZero();
        byte[] sent = take(detector);
        if (peer == null) {
            assertThat(sent).as("a plaintext fatal alert record").containsExactly(ALERT, 3, 3, 0, 2, 2, alert.code());
        } else {
            ByteBuf alertRecord = buf(sent);
            TlsAlertException pe = catchThrowableOfType(TlsAlertException.class, () -> peer.receive(alertRecord));
            assertThat(pe).as("peer fails on our alert").isNotNull();
            assertThat(pe.alert()).as(pe.getMessage()).isEqualTo(alert);
            assertThat(pe.origin()).isEqualTo(TlsAlertException.Origin.PEER);
            assertThat(alertRecord.refCnt()).isZero();
            assertFailedForGood(peer, pe);
        }
        assertFailedForGood(detector, e);
        return e;
    }

    /** A failed engine rethrows its failure on every call, releases what it is handed and writes nothing more. */
    static void assertFailedForGood(TlsEngine engine, TlsAlertException e) {
        assertThat(engine.failure()).isSameAs(e);
        assertThat(engine.isClosed()).isTrue();
        assertThat(engine.isOutboundClosed()).isTrue();
        assertThat(engine.takePlaintext()).isNull();
        ByteBuf later = buf(record(APPDATA, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> engine.receive(later)).isSameAs(e);
        assertThat(later.refCnt()).isZero();
        ByteBuf data = buf("more".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> engine.send(data)).isSameAs(e);
        assertThat(data.refCnt()).isZero();
        assertThatThrownBy(engine::beginHandshake).isSameAs(e);
        engine.closeOutbound();
        assertThat(engine.takeOutbound()).as("nothing written after the fatal alert").isNull();
        assertThat(engine.takePlaintext()).isNull();
    }

    static RecordProtection protection(TlsEngine engine, String field) {
        try {
            Field f = TlsEngine.class.getDeclaredField(field);
            f.setAccessible(true);
            return (RecordProtection) f.get(engine);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("TlsEngine." + field + " is gone; update this test", e);
        }
    }

    /** Seals {@code plaintext} as records of {@code type} with the engine's own write keys (advancing its sequence). */
    static byte[] sealAs(TlsEngine engine, ContentType type, byte[] plaintext) {
        ByteBuf out = Unpooled.buffer();
        RecordFragmenter.write(protection(engine, "writeProtection"), type, Unpooled.wrappedBuffer(plaintext), out);
        return ByteBufUtil.getBytes(out);
    }

    /** An engine's TLS 1.2 key schedule, from its handshake state (after key exchange, before Traffic). */
    static io.reactls.handshake.tls12.Tls12KeySchedule clientKeys(TlsEngine client) {
        try {
            Field state = TlsEngine.class.getDeclaredField("state");
            state.setAccessible(true);
            Object s = state.get(client);
            Field d = s.getClass().getDeclaredField("d");
            d.setAccessible(true);
            Object data = d.get(s);
            Field keys = data.getClass().getDeclaredField("keys");
            keys.setAccessible(true);
            return (io.reactls.handshake.tls12.Tls12KeySchedule) keys.get(data);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the client handshake state changed shape; update this test", e);
        }
    }

    /** Opens one record with the engine's own read keys (advancing its sequence), as the engine would. */
    static byte[] openAs(TlsEngine engine, byte[] wire) {
        Rec r = records(wire).get(0);
        PlainRecord plain = protection(engine, "readProtection").open(new OpaqueRecord(ContentType.fromCode(r.type()),
                r.version(), Unpooled.copiedBuffer(r.body())));
        try {
            assertThat(plain.type()).isEqualTo(ContentType.fromCode(r.type()));
            return ByteBufUtil.getBytes(plain.fragment());
        } finally {
            plain.fragment().release();
        }
    }

    static void exchangeData(EnginePair p) {
        p.client.send(EnginePair.text("ping"));
        p.server.send(EnginePair.text("pong"));
        p.pump();
        assertThat(EnginePair.drain(p.server)).isEqualTo("ping");
        assertThat(EnginePair.drain(p.client)).isEqualTo("pong");
    }

    // ------------------------------------------------------------------------------------------ record layer

    @Nested
    class RecordLayer {

        @Test
        void truncatedRecordIsOnlyIncomplete() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] hello = f.clientHello;
                feed(p.server, Arrays.copyOf(hello, hello.length - 1));
                assertThat(p.server.failure()).isNull();
                assertThat(p.server.takeOutbound()).as("no answer to half a record").isNull();
                assertThat(p.server.takePlaintext()).isNull();
                // The missing byte completes it: the bytes were buffered, not dropped.
                feed(p.server, Arrays.copyOfRange(hello, hello.length - 1, hello.length));
                assertThat(p.server.takeOutbound()).isNotNull().satisfies(ByteBuf::release);
            }
        }

        @Test
        void truncatedApplicationDataRecordDeliversNothing() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                p.client.send(EnginePair.text("all or nothing"));
                byte[] wire = take(p.client);
                feed(p.server, Arrays.copyOf(wire, wire.length - 1));
                assertThat(p.server.takePlaintext()).as("no plaintext from a partial record").isNull();
                assertThat(p.server.failure()).isNull();
                feed(p.server, Arrays.copyOfRange(wire, wire.length - 1, wire.length));
                assertThat(EnginePair.drain(p.server)).isEqualTo("all or nothing");
            }
        }

        @Test
        void oversizedRecordHeader() {
            try (EnginePair p = pair()) {
                new Flights(p);
                int tooLong = (1 << 14) + 2048 + 1;
                // The header alone is refused: no need to buffer 18 KiB of garbage first.
                expectAlert(p.server, new byte[] {HANDSHAKE, 3, 3, (byte) (tooLong >>> 8), (byte) tooLong},
                        AlertDescription.RECORD_OVERFLOW, p.client);
            }
        }

        @Test
        void oversizedPlaintextRecord() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.server, record(HANDSHAKE, new byte[(1 << 14) + 1]), AlertDescription.RECORD_OVERFLOW, p.client);
            }
        }

        @Test
        void unknownContentType() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.server, record(24, new byte[] {1, 0, 0}), AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void badMajorVersion() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] hello = f.clientHello.clone();
                hello[1] = 2;
                expectAlert(p.server, hello, AlertDescription.PROTOCOL_VERSION, p.client);
            }
        }

        @Test
        void zeroLengthHandshakeRecord() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.server, record(HANDSHAKE, new byte[0]), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void alertRecordOfThreeBytes() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.server, record(ALERT, new byte[] {2, 40, 0}), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void changeCipherSpecOfTwoBytes() {
            try (EnginePair p = pair()) {
                new Flights(p).toServerHelloDone();
                expectAlert(p.server, record(CCS, new byte[] {1, 1}), AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void oversizedRecordAfterTheHandshake() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                int tooLong = (1 << 14) + 2048 + 1;
                expectAlert(p.client, new byte[] {APPDATA, 3, 3, (byte) (tooLong >>> 8), (byte) tooLong},
                        AlertDescription.RECORD_OVERFLOW, p.server);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ handshake messages

    @Nested
    class HandshakeMessages {

        @Test
        void truncatedClientHello() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] ch = messages(f.clientHello).get(0);
                // Cut inside the cipher suites, with consistent handshake and record lengths.
                byte[] cut = Arrays.copyOfRange(body(ch), 0, 2 + 32 + 1 + 3);
                expectAlert(p.server, hsRecord(handshake(1, cut)), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void trailingBytesAfterClientHello() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] ch = messages(f.clientHello).get(0);
                byte[] longer = concat(body(ch), new byte[] {0, 0});
                TlsAlertException e = expectAlert(p.server, hsRecord(handshake(1, longer)), AlertDescription.DECODE_ERROR, p.client);
                assertThat(e.getMessage()).contains("trailing");
            }
        }

        @Test
        void duplicatedClientHelloExtension() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ByteBuf ext = Unpooled.buffer();
                int at = TlsWriter.begin16(ext);
                for (int type : ch.extensions().types()) {
                    ext.writeShort(type);
                    TlsWriter.vector16(ext, ch.extensions().get(type));
                }
                ext.writeShort(ExtensionType.EXTENDED_MASTER_SECRET).writeShort(0); // a second, identical one
                TlsWriter.end16(ext, at);
                byte[] hello = handshake(1, clientHelloBody(ch, ByteBufUtil.getBytes(ext)));
                TlsAlertException e = expectAlert(p.server, hsRecord(hello), AlertDescription.ILLEGAL_PARAMETER, p.client);
                assertThat(e.getMessage()).contains("appears twice");
            }
        }

        @Test
        void extensionBlockLongerThanTheMessage() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                byte[] block = extensionBlock(ch.extensions());
                int claimed = block.length - 2 + 5;
                block[0] = (byte) (claimed >>> 8);
                block[1] = (byte) claimed;
                expectAlert(p.server, hsRecord(handshake(1, clientHelloBody(ch, block))), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void oddCipherSuitesLength() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] body = body(messages(f.clientHello).get(0));
                int at = 2 + 32 + 1 + (body[34] & 0xFF); // after version, random and session id
                int len = ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
                assertThat(len).isEven();
                // Claim one byte fewer: the list is odd and the rest of the body no longer lines up.
                body[at + 1] = (byte) (len - 1);
                expectAlert(p.server, hsRecord(handshake(1, body)), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void sessionIdLongerThan32() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello bad = new ClientHello(ch.legacyVersion(), ch.random(), new byte[33], ch.cipherSuites(),
                        ch.compressionMethods(), ch.extensions());
                expectAlert(p.server, hsRecord(encode(bad)), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void emptyCompressionMethods() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello bad = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                        new byte[0], ch.extensions());
                expectAlert(p.server, hsRecord(encode(bad)), AlertDescription.DECODE_ERROR, p.client);
            }
        }

        @Test
        void handshakeMessageSpanningRecordsStillParses() {
            // Control for the cases above: the same bytes split over two records are fine.
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] ch = messages(f.clientHello).get(0);
                feed(p.server, concat(record(HANDSHAKE, Arrays.copyOf(ch, 3)),
                        record(HANDSHAKE, Arrays.copyOfRange(ch, 3, ch.length))));
                assertThat(p.server.failure()).isNull();
                assertThat(p.server.takeOutbound()).isNotNull().satisfies(ByteBuf::release);
            }
        }

        @Test
        void clientHelloInOneByteRecords() {
            // RFC 5246 §6.2.1 lets a handshake message be split into records of any size; 1 byte is legal.
            // (That this costs linear work is HandshakeReassemblerTest's concern: here the leak detector's
            // per-buffer tracking would dominate any measurement.)
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                byte[] ch = messages(f.clientHello).get(0);
                ByteBuf wire = ByteBufAllocator.DEFAULT.heapBuffer(ch.length * 6);
                for (byte b : ch) {
                    wire.writeBytes(record(HANDSHAKE, new byte[] {b}));
                }
                p.server.receive(wire);
                assertThat(p.server.failure()).isNull();
                f.serverFlight = take(p.server);
                feed(p.client, f.serverFlight);
                p.pump();
                assertThat(p.client.isHandshakeComplete()).isTrue();
                exchangeData(p);
            }
        }

        @Test
        void unknownHandshakeType() {
            try (EnginePair p = pair()) {
                new Flights(p);
                TlsAlertException e = expectAlert(p.server, hsRecord(handshake(99, new byte[] {1, 2})),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("99");
            }
        }

        @Test
        void truncatedServerHello() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                byte[] sh = messages(f.serverFlight).get(0);
                byte[] cut = Arrays.copyOfRange(body(sh), 0, 2 + 20);
                expectAlert(p.client, hsRecord(handshake(2, cut)), AlertDescription.DECODE_ERROR, p.server);
            }
        }

        @Test
        void trailingBytesAfterServerHello() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                byte[] sh = messages(f.serverFlight).get(0);
                expectAlert(p.client, hsRecord(handshake(2, concat(body(sh), new byte[] {7}))),
                        AlertDescription.DECODE_ERROR, p.server);
            }
        }

        @Test
        void duplicatedServerHelloExtension() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                byte[] sh = messages(f.serverFlight).get(0);
                ServerHello hello = decodeServerHello(sh);
                ByteBuf out = Unpooled.buffer();
                out.writeShort(hello.legacyVersion()).writeBytes(hello.random());
                TlsWriter.vector8(out, hello.sessionId());
                out.writeShort(hello.cipherSuite()).writeByte(hello.compressionMethod());
                int at = TlsWriter.begin16(out);
                for (int i = 0; i < 2; i++) {
                    out.writeShort(ExtensionType.RENEGOTIATION_INFO);
                    TlsWriter.vector16(out, new byte[] {0});
                }
                TlsWriter.end16(out, at);
                expectAlert(p.client, hsRecord(handshake(2, ByteBufUtil.getBytes(out))),
                        AlertDescription.ILLEGAL_PARAMETER, p.server);
            }
        }

        @Test
        void serverHelloSessionIdTooLong() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                ServerHello sh = decodeServerHello(messages(f.serverFlight).get(0));
                ServerHello bad = new ServerHello(sh.legacyVersion(), sh.random(), new byte[33], sh.cipherSuite(),
                        sh.compressionMethod(), sh.extensions());
                expectAlert(p.client, hsRecord(encode(bad)), AlertDescription.DECODE_ERROR, p.server);
            }
        }

        @Test
        void serverHelloWithASuiteWeDidNotOffer() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                ServerHello sh = decodeServerHello(messages(f.serverFlight).get(0));
                ServerHello bad = new ServerHello(sh.legacyVersion(), sh.random(), sh.sessionId(),
                        CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384.id(), sh.compressionMethod(), sh.extensions());
                expectAlert(p.client, hsRecord(encode(bad)), AlertDescription.ILLEGAL_PARAMETER, p.server);
            }
        }

        @Test
        void badServerKeyExchangeSignature() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                List<byte[]> m = messages(f.serverFlight);
                assertThat(m).extracting(b -> b[0] & 0xFF).containsExactly(
                        HandshakeType.SERVER_HELLO.code(), HandshakeType.CERTIFICATE.code(),
                        HandshakeType.SERVER_KEY_EXCHANGE.code(), HandshakeType.SERVER_HELLO_DONE.code());
                byte[] ske = m.get(2).clone();
                ske[ske.length - 1] ^= 1; // last byte of the signature
                expectAlert(p.client, hsRecord(m.get(0), m.get(1), ske, m.get(3)), AlertDescription.DECRYPT_ERROR, p.server);
            }
        }

        @Test
        void invalidClientEcdhePoint() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                            .groups(List.of(io.reactls.NamedGroup.SECP256R1)),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                            .groups(List.of(io.reactls.NamedGroup.SECP256R1)))) {
                new Flights(p).toServerHelloDone();
                byte[] point = new byte[65];
                point[0] = 4;
                point[64] = 1; // (0, ...1) is not on P-256
                ByteBuf cke = Unpooled.buffer();
                TlsWriter.vector8(cke, point);
                expectAlert(p.server, hsRecord(handshake(16, ByteBufUtil.getBytes(cke))),
                        AlertDescription.ILLEGAL_PARAMETER, p.client);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ state machine

    @Nested
    class UnexpectedMessages {

        @Test
        void serverHelloDoneInsteadOfCertificate() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                List<byte[]> m = messages(f.serverFlight);
                TlsAlertException e = expectAlert(p.client, hsRecord(m.get(0), m.get(3)), AlertDescription.UNEXPECTED_MESSAGE, p.server);
                assertThat(e.getMessage()).contains("SERVER_HELLO_DONE", "expecting the server Certificate");
            }
        }

        @Test
        void serverHelloTwice() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                List<byte[]> m = messages(f.serverFlight);
                expectAlert(p.client, hsRecord(m.get(0), m.get(0)), AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void clientHelloSentToTheClient() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                expectAlert(p.client, f.clientHello, AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void secondClientHello() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                expectAlert(p.server, f.clientHello, AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void finishedBeforeChangeCipherSpec() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toClientFinished();
                List<Rec> recs = records(f.clientFlight);
                assertThat(recs).extracting(Rec::type).containsExactly(HANDSHAKE, CCS, HANDSHAKE);
                // ClientKeyExchange, then a plaintext Finished with no ChangeCipherSpec before it.
                byte[] input = concat(recs.get(0).encode(), hsRecord(handshake(20, new byte[12])));
                expectAlert(p.server, input, AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void changeCipherSpecBeforeClientKeyExchange() {
            try (EnginePair p = pair()) {
                new Flights(p).toClientFinished();
                TlsAlertException e = expectAlert(p.server, record(CCS, new byte[] {1}), AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("ChangeCipherSpec", "ClientKeyExchange");
            }
        }

        @Test
        void changeCipherSpecBeforeServerHello() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.client, record(CCS, new byte[] {1}), AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void changeCipherSpecSplittingAHandshakeMessage() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toClientFinished();
                byte[] cke = messages(f.clientFlight).get(0);
                byte[] input = concat(record(HANDSHAKE, Arrays.copyOf(cke, 10)), record(CCS, new byte[] {1}));
                expectAlert(p.server, input, AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void applicationDataBeforeTheHandshakeToTheServer() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.server, record(APPDATA, "GET /".getBytes(StandardCharsets.US_ASCII)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void applicationDataBeforeTheHandshakeToTheClient() {
            try (EnginePair p = pair()) {
                new Flights(p);
                expectAlert(p.client, record(APPDATA, "hello".getBytes(StandardCharsets.US_ASCII)),
                        AlertDescription.UNEXPECTED_MESSAGE, p.server);
            }
        }

        @Test
        void applicationDataBeforeTheClientFinished() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toClientFinished();
                List<Rec> recs = records(f.clientFlight);
                // CKE and CCS, then an application data record sealed with the client's keys instead of Finished.
                // A fresh protection from the client's key schedule starts at sequence 0, where the server expects
                // the Finished (sealing twice under one nonce is refused by the AEADs, rightly).
                RecordProtection clientWrite = clientKeys(p.client).clientWrite(io.reactls.crypto.AeadBackends.jce());
                ByteBuf sealed = Unpooled.buffer();
                RecordFragmenter.write(clientWrite, ContentType.APPLICATION_DATA,
                        Unpooled.wrappedBuffer("early".getBytes(StandardCharsets.US_ASCII)), sealed);
                byte[] data = ByteBufUtil.getBytes(sealed);
                expectAlert(p.server, concat(recs.get(0).encode(), recs.get(1).encode(), data),
                        AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }

        @Test
        void endlessWarningAlerts() {
            try (EnginePair p = pair()) {
                new Flights(p);
                byte[] warning = record(ALERT, new byte[] {1, (byte) AlertDescription.USER_CANCELED.code()});
                for (int i = 0; i < 8; i++) {
                    feed(p.server, warning);
                }
                assertThat(p.server.failure()).as("a few warnings are tolerated").isNull();
                assertThat(p.server.takeOutbound()).isNull();
                TlsAlertException e = expectAlert(p.server, warning, AlertDescription.UNEXPECTED_MESSAGE, p.client);
                assertThat(e.getMessage()).contains("warning");
            }
        }

        @Test
        void nothingIsReadAfterCloseNotify() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                p.client.send(EnginePair.text("last words"));
                p.client.closeOutbound();
                byte[] closing = take(p.client);
                byte[] after = sealAs(p.client, ContentType.APPLICATION_DATA, "after the end".getBytes(StandardCharsets.US_ASCII));
                ByteBuf in = buf(concat(closing, after));
                p.server.receive(in);
                assertThat(EnginePair.drain(p.server)).isEqualTo("last words");
                assertThat(p.server.isInboundClosed()).isTrue();
                ByteBuf late = buf(after);
                p.server.receive(late); // dropped, not an error
                assertThat(late.refCnt()).isZero();
                assertThat(p.server.takePlaintext()).isNull();
                assertThat(p.server.failure()).isNull();
                // The server answered with its own close_notify, which closes the client.
                feed(p.client, take(p.server));
                assertThat(p.client.isInboundClosed()).isTrue();
                assertThat(p.client.isClosed()).isTrue();
                assertThat(p.server.isClosed()).isTrue();
            }
        }

        @Test
        void helloRequestToTheServerAfterTheHandshake() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                byte[] hr = sealAs(p.client, ContentType.HANDSHAKE, handshake(0, new byte[0]));
                expectAlert(p.server, hr, AlertDescription.UNEXPECTED_MESSAGE, p.client);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ Finished and MACs

    @Nested
    class Integrity {

        @Test
        void flippedByteInTheClientFinishedRecord() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toClientFinished();
                byte[] flight = f.clientFlight.clone();
                flight[flight.length - 20] ^= 0x40;
                expectAlert(p.server, flight, AlertDescription.BAD_RECORD_MAC, p.client);
            }
        }

        @Test
        void flippedByteInTheServerFinishedRecord() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerFinished();
                byte[] flight = f.serverFinish.clone();
                flight[flight.length - 1] ^= 1;
                // The client's alert is encrypted under its new keys; the server can read it.
                expectAlert(p.client, flight, AlertDescription.BAD_RECORD_MAC, p.server);
            }
        }

        @Test
        void finishedOverADifferentTranscript() {
            // Without EMS the keys depend only on the randoms and the pre-master secret, so removing the (optional)
            // extended_master_secret extension in transit keeps the keys equal but splits the transcripts: the
            // record decrypts and the verify_data is wrong.
            // Both sides at their defaults, which accept a full handshake without EMS (RFC 7627 §5.2).
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello stripped = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                        ch.compressionMethods(), without(ch.extensions(), ExtensionType.EXTENDED_MASTER_SECRET));
                feed(p.server, hsRecord(encode(stripped)));
                feed(p.client, take(p.server));
                assertThat(p.client.failure()).isNull();
                TlsAlertException e = expectAlert(p.server, take(p.client), AlertDescription.DECRYPT_ERROR, p.client);
                assertThat(e.getMessage()).contains("Finished");
            }
        }

        @Test
        void serverFinishedWithWrongVerifyData() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toClientFinished();
                List<Rec> recs = records(f.clientFlight);
                feed(p.server, concat(recs.get(0).encode(), recs.get(1).encode()));
                // The server's keys, read before it sends anything under them: a fresh protection starts at 0.
                RecordProtection serverWrite = clientKeys(p.server).serverWrite(io.reactls.crypto.AeadBackends.jce());
                feed(p.server, recs.get(2).encode());
                take(p.server); // its genuine ChangeCipherSpec and Finished, dropped in transit
                ByteBuf forged = Unpooled.buffer();
                forged.writeBytes(record(CCS, new byte[] {1}));
                RecordFragmenter.write(serverWrite, ContentType.HANDSHAKE,
                        Unpooled.wrappedBuffer(handshake(HandshakeType.FINISHED.code(), new byte[12])), forged);
                TlsAlertException e = expectAlert(p.client, ByteBufUtil.getBytes(forged), AlertDescription.DECRYPT_ERROR, p.server);
                assertThat(e.getMessage()).contains("server Finished");
            }
        }

        @Test
        void wrongTagOnApplicationData() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                byte[][] wire = new byte[3][];
                String[] words = {"before", "forged", "after"};
                for (int i = 0; i < 3; i++) {
                    p.client.send(EnginePair.text(words[i]));
                    wire[i] = take(p.client);
                }
                wire[1][wire[1].length - 1] ^= (byte) 0x80; // the tag's last byte
                feed(p.server, wire[0]);
                ByteBuf before = p.server.takePlaintext();
                assertThat(before.toString(StandardCharsets.US_ASCII)).isEqualTo("before");
                before.release();
                TlsAlertException e = expectAlert(p.server, concat(wire[1], wire[2]), AlertDescription.BAD_RECORD_MAC, p.client);
                assertThat(e.getMessage()).contains("failed authentication");
            }
        }

        @Test
        void wrongTagInABatchDeliversNothingFromOrAfterIt() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                p.client.send(EnginePair.text("one"));
                p.client.send(EnginePair.text("two"));
                p.client.send(EnginePair.text("three"));
                byte[] wire = take(p.client);
                List<Rec> recs = records(wire);
                assertThat(recs).hasSize(3);
                byte[] second = recs.get(1).encode();
                second[10] ^= 1;
                // The engine's contract: after a fatal alert nothing is delivered, not even records that were
                // verified before the bad one in the same receive() (they are released, not leaked).
                expectAlert(p.server, concat(recs.get(0).encode(), second, recs.get(2).encode()),
                        AlertDescription.BAD_RECORD_MAC, p.client);
            }
        }

        @Test
        void replayedApplicationDataRecord() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                p.client.send(EnginePair.text("once"));
                byte[] wire = take(p.client);
                feed(p.server, wire);
                assertThat(EnginePair.drain(p.server)).isEqualTo("once");
                expectAlert(p.server, wire, AlertDescription.BAD_RECORD_MAC, p.client);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ RSA key exchange

    @Nested
    class RsaKeyExchangeCountermeasure {

        static final CipherSuite SUITE = CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256;

        /** What the server showed of a tampered exchange: its alert and the events it reported. */
        record Outcome(TlsAlertException alert, List<String> events) {
        }

        /** Replaces the encrypted pre-master secret in the client's flight and returns what the server showed. */
        Outcome withEncryptedPreMaster(UnaryOperator<byte[]> replace) {
            try (EnginePair p = pair(clientConfig(SUITE), serverConfig(SUITE))) {
                Flights f = new Flights(p).toClientFinished();
                List<Rec> recs = records(f.clientFlight);
                assertThat(recs).extracting(Rec::type).containsExactly(HANDSHAKE, CCS, HANDSHAKE);
                byte[] cke = messages(f.clientFlight).get(0);
                assertThat(cke[0]).isEqualTo((byte) HandshakeType.CLIENT_KEY_EXCHANGE.code());
                byte[] encrypted = Arrays.copyOfRange(cke, 6, cke.length);
                byte[] replaced = replace.apply(encrypted);
                assertThat(replaced).isNotEqualTo(encrypted);
                ByteBuf body = Unpooled.buffer();
                TlsWriter.vector16(body, replaced);
                // ClientKeyExchange and ChangeCipherSpec are taken without a word: nothing tells the client the
                // decryption failed.
                feed(p.server, hsRecord(handshake(16, ByteBufUtil.getBytes(body))));
                feed(p.server, recs.get(1).encode());
                assertThat(p.server.failure()).isNull();
                assertThat(p.server.takeOutbound()).isNull();
                // Its Finished then fails: the server derived keys from a different (random) pre-master secret.
                TlsAlertException alert = expectAlert(p.server, recs.get(2).encode(), AlertDescription.BAD_RECORD_MAC, p.client);
                List<String> events = p.server.takeEvents().stream().map(e -> e.step() + ": " + e.detail()).toList();
                return new Outcome(alert, events);
            }
        }

        RSAPublicKey serverKey() {
            return (RSAPublicKey) RSA.leaf().leaf().getPublicKey();
        }

        byte[] rawRsa(byte[] block) {
            try {
                Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, serverKey());
                return c.doFinal(block);
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void badPaddingAndWrongVersionFailTheSameWay() throws Exception {
            int k = (serverKey().getModulus().bitLength() + 7) / 8;
            byte[] pms = RsaKeyExchange.newPreMasterSecret(0x0303, new SecureRandom());

            // (a) block type 1 (signature padding) instead of 2: bad padding.
            byte[] badPadding = new byte[k];
            badPadding[1] = 1;
            Arrays.fill(badPadding, 2, k - 49, (byte) 0xFF);
            System.arraycopy(pms, 0, badPadding, k - 48, 48);
            Outcome padding = withEncryptedPreMaster(e -> rawRsa(badPadding));

            // (b) perfect PKCS#1 v1.5 padding around a pre-master secret that carries TLS 1.1 instead of the offered 1.2.
            byte[] wrongVersion = RsaKeyExchange.newPreMasterSecret(0x0302, new SecureRandom());
            Outcome version = withEncryptedPreMaster(e -> {
                try {
                    return RsaKeyExchange.encrypt(serverKey(), wrongVersion, new SecureRandom());
                } catch (java.security.GeneralSecurityException ex) {
                    throw new AssertionError(ex);
                }
            });

            // (c) a ciphertext that is not even a valid RSA input (>= modulus) for good measure.
            Outcome outOfRange = withEncryptedPreMaster(e -> {
                byte[] big = new byte[k];
                Arrays.fill(big, (byte) 0xFF);
                return big;
            });

            // (d) a ciphertext of the wrong length: public information, yet it takes the same path too.
            Outcome tooShort = withEncryptedPreMaster(e -> new byte[10]);

            assertThat(List.of(padding, version, outOfRange, tooShort)).allSatisfy(x -> {
                assertThat(x.alert().alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
                assertThat(x.alert().getMessage()).isEqualTo(padding.alert().getMessage());
                // Not even the event stream tells the cases apart.
                assertThat(x.events()).isEqualTo(padding.events());
            });
            assertThat(padding.events()).anyMatch(e -> e.startsWith("KEY_EXCHANGE: RSA"));
            assertThat(new BigInteger(1, badPadding)).isLessThan(serverKey().getModulus());
        }

        @Test
        void correctPreMasterSecretHandshakes() {
            // Control: the same wiring without tampering completes, so the failures above are the tampering's.
            try (EnginePair p = pair(clientConfig(SUITE), serverConfig(SUITE)).handshake()) {
                assertThat(CipherSuites.keyExchange(p.server.session().cipherSuite())).isEqualTo(KeyExchangeAlgorithm.RSA);
                exchangeData(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ negotiation

    @Nested
    class Negotiation {

        @Test
        void helloRequestIsRefusedWithAWarning() {
            try (EnginePair p = pair()) {
                new Flights(p).complete();
                feed(p.client, sealAs(p.server, ContentType.HANDSHAKE, handshake(0, new byte[0])));
                assertThat(p.client.failure()).isNull();
                byte[] answer = take(p.client);
                assertThat(records(answer)).extracting(Rec::type).containsExactly(ALERT);
                assertThat(openAs(p.server, answer)).as("warning no_renegotiation")
                        .containsExactly(1, AlertDescription.NO_RENEGOTIATION.code());
                exchangeData(p);
            }
        }

        @Test
        void clientHelloAfterTheHandshakeIsRefusedWithAWarning() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).complete();
                feed(p.server, sealAs(p.client, ContentType.HANDSHAKE, messages(f.clientHello).get(0)));
                assertThat(p.server.failure()).isNull();
                byte[] answer = take(p.server);
                // Fed to the client, the warning is taken in stride.
                feed(p.client, answer);
                assertThat(p.client.failure()).isNull();
                assertThat(p.client.takeOutbound()).isNull();
                exchangeData(p);
            }
        }

        @Test
        void serverWithoutExtendedMasterSecret() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).requireExtendedMasterSecret(true),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).requireExtendedMasterSecret(false))) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                assertThat(ch.extensions().has(ExtensionType.EXTENDED_MASTER_SECRET)).isTrue();
                ClientHello stripped = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                        ch.compressionMethods(), without(ch.extensions(), ExtensionType.EXTENDED_MASTER_SECRET));
                feed(p.server, hsRecord(encode(stripped)));
                byte[] flight = take(p.server);
                assertThat(decodeServerHello(messages(flight).get(0)).extensions().has(ExtensionType.EXTENDED_MASTER_SECRET)).isFalse();
                TlsAlertException e = expectAlert(p.client, flight, AlertDescription.HANDSHAKE_FAILURE, p.server);
                assertThat(e.getMessage()).contains("extended master secret");
            }
        }

        @Test
        void clientWithoutExtendedMasterSecretIsAcceptedByDefault() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello stripped = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                        ch.compressionMethods(), without(ch.extensions(), ExtensionType.EXTENDED_MASTER_SECRET));
                feed(p.server, hsRecord(encode(stripped)));
                assertThat(p.server.failure()).isNull();
                byte[] flight = take(p.server);
                // RFC 7627 §5.2: a server that continues MUST NOT include the extension.
                assertThat(decodeServerHello(messages(flight).get(0)).extensions().has(ExtensionType.EXTENDED_MASTER_SECRET)).isFalse();
            }
        }

        @Test
        void clientWithoutExtendedMasterSecretInStrictMode() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).requireExtendedMasterSecret(true))) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello stripped = new ClientHello(ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(),
                        ch.compressionMethods(), without(ch.extensions(), ExtensionType.EXTENDED_MASTER_SECRET));
                expectAlert(p.server, hsRecord(encode(stripped)), AlertDescription.HANDSHAKE_FAILURE, p.client);
            }
        }

        @Test
        void alpnMismatch() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).alpn(List.of("h2")),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).alpn(List.of("http/1.1")))) {
                Flights f = new Flights(p);
                TlsAlertException e = expectAlert(p.server, f.clientHello, AlertDescription.NO_APPLICATION_PROTOCOL, p.client);
                assertThat(e.getMessage()).contains("h2", "http/1.1");
            }
        }

        @Test
        void serverSelectsAProtocolWeDidNotOffer() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).alpn(List.of("h2", "http/1.1")),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).alpn(List.of("h2")))) {
                Flights f = new Flights(p).toServerHelloDone();
                List<byte[]> m = messages(f.serverFlight);
                ServerHello sh = decodeServerHello(m.get(0));
                Extensions ext = without(sh.extensions(), ExtensionType.ALPN)
                        .with(ExtensionType.ALPN, io.reactls.handshake.HelloExtensions.alpn(List.of("spdy/3")));
                ServerHello bad = new ServerHello(sh.legacyVersion(), sh.random(), sh.sessionId(), sh.cipherSuite(),
                        sh.compressionMethod(), ext);
                expectAlert(p.client, hsRecord(encode(bad)), AlertDescription.ILLEGAL_PARAMETER, p.server);
            }
        }

        @Test
        void clientOffersOnlyTls11() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p);
                ClientHello ch = decodeClientHello(f.clientHello);
                ClientHello old = new ClientHello(0x0302, ch.random(), ch.sessionId(), ch.cipherSuites(),
                        ch.compressionMethods(), ch.extensions());
                expectAlert(p.server, hsRecord(encode(old)), AlertDescription.PROTOCOL_VERSION, p.client);
            }
        }

        @Test
        void serverChoosesTls11() {
            try (EnginePair p = pair()) {
                Flights f = new Flights(p).toServerHelloDone();
                ServerHello sh = decodeServerHello(messages(f.serverFlight).get(0));
                ServerHello old = new ServerHello(0x0302, sh.random(), sh.sessionId(), sh.cipherSuite(),
                        sh.compressionMethod(), sh.extensions());
                expectAlert(p.client, hsRecord(encode(old)), AlertDescription.PROTOCOL_VERSION, p.server);
            }
        }

        @Test
        void noCommonCipherSuite() {
            try (EnginePair p = pair(clientConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
                    serverConfig(CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384))) {
                Flights f = new Flights(p);
                expectAlert(p.server, f.clientHello, AlertDescription.HANDSHAKE_FAILURE, p.client);
            }
        }
    }
}
