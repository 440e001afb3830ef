package io.reactls.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Writes the seed inputs (real ClientHellos, real server flights, a few post-handshake scripts, real message
 * bodies and PEM files) into the targets' input directories, where jazzer-junit replays them in every build and
 * starts fuzzing from them. Run after changing the hellos, the flights or {@link FuzzPki}:
 * {@code java -cp <test classpath> io.reactls.fuzz.SeedCorpus core/src/test/resources/io/reactls/fuzz}.
 */
final class SeedCorpus {

    private final Path root;

    private SeedCorpus(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException, CertificateEncodingException {
        new SeedCorpus(Path.of(args[0])).write();
    }

    private void write() throws IOException, CertificateEncodingException {
        for (int sv = 0; sv < FuzzConfigs.SERVER_VARIANTS; sv++) {
            int cv = sv % FuzzConfigs.CLIENT_VARIANTS;
            byte[] hello = Captured.clientHello(cv);
            byte[] body = Arrays.copyOfRange(hello, 9, hello.length);
            seed("ServerEngineFuzzTest", "rawCiphertext", "real-hello-" + sv, b(sv, 0), hello);
            seed("ServerEngineFuzzTest", "rawCiphertext", "real-hello-split-" + sv, b(sv, 3), hello);
            seed("ServerEngineFuzzTest", "framedClientHello", "real-hello-" + sv, b(sv), body);
            seed("ServerEngineFuzzTest", "patchedRealClientHello", "unchanged-" + sv, b(sv, cv, 1, 0));
            seed("DecoderFuzzTest", "handshakeMessage", "client-hello-" + sv, b(0), body);
            seed("DecoderFuzzTest", "extensions", "client-hello-" + sv, extensionsOf(body, true));
        }
        for (int v = 0; v < FuzzConfigs.CLIENT_VARIANTS; v++) {
            byte[] flight = Captured.serverFlight(v);
            byte[] messages = Records.payloads(flight, Records.HANDSHAKE);
            try (FuzzedEngine client = FuzzedEngine.client(FuzzConfigs.client(v))) {
                client.begin();
                client.takeSent();
                if (!client.receive(flight) || client.takeSent() == null) {
                    throw new IllegalStateException("the real flight " + v + " does not replay: " + client.failure());
                }
            }
            seed("ClientEngineFuzzTest", "serverFlight", "real-flight-" + v, b(v, 0), flight);
            seed("ClientEngineFuzzTest", "serverFlight", "real-flight-split-" + v, b(v, 5), flight);
            seed("ClientEngineFuzzTest", "framedServerHandshake", "real-flight-" + v, b(v | 0x80), messages);
            seed("ClientEngineFuzzTest", "patchedRealFlight", "unchanged-" + v, b(v, 1, 0));
            // Every message of the plaintext flight, through the decoder of its type.
            int at = 0;
            while (at + 4 <= messages.length) {
                int type = messages[at] & 0xFF;
                int len = (messages[at + 1] & 0xFF) << 16 | (messages[at + 2] & 0xFF) << 8 | messages[at + 3] & 0xFF;
                byte[] m = Arrays.copyOfRange(messages, at + 4, Math.min(messages.length, at + 4 + len));
                int decoder = switch (type) {
                    case 2 -> 1;   // ServerHello (and HelloRetryRequest)
                    case 11 -> 2;  // Certificate (TLS 1.2)
                    case 13 -> 4;  // CertificateRequest (TLS 1.2)
                    case 12 -> 10; // ServerKeyExchange
                    default -> 12; // ServerHelloDone
                };
                seed("DecoderFuzzTest", "handshakeMessage", "flight-" + v + "-type-" + type, b(decoder), m);
                if (type == 2) {
                    seed("DecoderFuzzTest", "extensions", "server-hello-" + v, extensionsOf(m, false));
                }
                at += 4 + len;
            }
        }
        byte[] der = FuzzPki.Keys.ECDSA_SERVER.chain().get(0).getEncoded();
        seed("DecoderFuzzTest", "peerCertificate", "ecdsa-leaf", der);
        seed("DecoderFuzzTest", "peerCertificate", "rsa-leaf", FuzzPki.Keys.RSA_SERVER.chain().get(0).getEncoded());
        seed("DecoderFuzzTest", "handshakeMessage", "certificate13", b(3, 0, 0, 0, (der.length + 5) >> 8, der.length + 5, 0,
                der.length >> 8, der.length), der, b(0, 0));
        for (String name : new String[] {"ca.pem", "ecdsa-server.pem", "ecdsa-server.key", "rsa-server.key"}) {
            seed("DecoderFuzzTest", "pem", name, Files.readAllBytes(root.resolve("pki").resolve(name)));
        }
        seed("DecoderFuzzTest", "ticket", "short", b(0, 0, 0, 1, 2, 3, 4, 5));
        seed("DecoderFuzzTest", "ticket", "session-state", HexFormat.of().parseHex(
                "020304130100000000000000000000000000000000000100000000000000000120"
                        + "0000000000000000000000000000000000000000000000000000000000000000"
                        + "096c6f63616c686f737402683200000000001d"));
        // Post-handshake scripts: [receiver|suite][ops...] (see PostHandshakeFuzzTest).
        byte[] appData = b(2, 5, 'h', 'e', 'l', 'l', 'o');
        byte[] sealedKeyUpdate = b(0, 1, 0, 5, 24, 0, 0, 1, 1);
        byte[] sealedNewSessionTicket13 = b(0, 1, 3, 16, 4, 0, 0, 12, 0, 0, 0, 60, 0, 0, 0, 1, 1, 7, 0, 1, 9, 0, 0);
        byte[] sealedCloseNotify = b(0, 0, 0, 2, 1, 0);
        byte[] sealedWarning = b(0, 0, 0, 2, 1, 90);
        byte[] sealedHelloRequest = b(0, 1, 0, 4, 0, 0, 0, 0);
        byte[] raw = b(1, 8, 23, 3, 3, 0, 3, 1, 2, 3);
        for (int side = 0; side < 2; side++) {
            seed("PostHandshakeFuzzTest", "tls13", "app-data-" + side, b(side), appData, b(3, 2, 'o', 'k'));
            seed("PostHandshakeFuzzTest", "tls13", "key-update-" + side, b(side), sealedKeyUpdate, b(4), appData, b(6));
            seed("PostHandshakeFuzzTest", "tls13", "ticket-" + side, b(side), sealedNewSessionTicket13, appData);
            seed("PostHandshakeFuzzTest", "tls13", "close-" + side, b(side), appData, sealedCloseNotify, b(5, 7));
            seed("PostHandshakeFuzzTest", "tls13", "padded-" + side, b(side), b(0, 2, 40, 3, 'a', 'b', 'c'), raw);
            seed("PostHandshakeFuzzTest", "tls12", "app-data-" + side, b(side), appData, b(3, 2, 'o', 'k'));
            seed("PostHandshakeFuzzTest", "tls12", "cbc-" + side, b(side | 2), appData, sealedWarning, appData);
            seed("PostHandshakeFuzzTest", "tls12", "renegotiate-" + side, b(side | 4), sealedHelloRequest);
            seed("PostHandshakeFuzzTest", "tls12", "close-" + side, b(side | 6), sealedCloseNotify, b(5, 7), raw);
        }
    }

    /** The extensions block of a hello body, as the decoder finds it and the encoder writes it back. */
    private static byte[] extensionsOf(byte[] helloBody, boolean client) {
        io.reactls.wire.TlsReader r = io.reactls.wire.TlsReader.of(io.netty.buffer.Unpooled.wrappedBuffer(helloBody), "seed");
        io.reactls.handshake.Extensions extensions = client
                ? io.reactls.handshake.ClientHello.decode(r).extensions()
                : io.reactls.handshake.ServerHello.decode(r).extensions();
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            extensions.encode(out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    private void seed(String test, String method, String name, byte[]... parts) throws IOException {
        Path dir = root.resolve(test + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), Records.concat(parts));
    }

    private static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
