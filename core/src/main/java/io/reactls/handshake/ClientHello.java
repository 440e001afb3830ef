package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/** ClientHello (RFC 5246 §7.4.1.2): step ① of the handshake. Cipher suites are kept as raw code points. */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
                          byte[] compressionMethods, Extensions extensions) implements HandshakeMessage {

    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    /** RFC 7507: the client is retrying with a lower version than it supports. */
    public static final int FALLBACK_SCSV = 0x5600;

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShort(legacyVersion);
        out.writeBytes(random);
        TlsWriter.vector8(out, sessionId);
        int at = TlsWriter.begin16(out);
        cipherSuites.forEach(out::writeShort);
        TlsWriter.end16(out, at);
        TlsWriter.vector8(out, compressionMethods);
        extensions.encode(out);
    }

    public static ClientHello decode(TlsReader r) {
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8(0, 32);
        TlsReader suites = r.sub16("ClientHello cipher_suites", 2, 0xFFFE);
        if (suites.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("ClientHello cipher_suites has odd length");
        }
        List<Integer> ids = new ArrayList<>();
        while (suites.hasRemaining()) {
            ids.add(suites.u16());
        }
        byte[] compression = r.vector8(1, 0xFF);
        Extensions ext = Extensions.decode(r, "ClientHello");
        r.expectEnd();
        return new ClientHello(version, random, sessionId, List.copyOf(ids), compression, ext);
    }
}
