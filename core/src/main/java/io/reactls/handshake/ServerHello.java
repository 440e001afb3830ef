package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/** ServerHello (RFC 5246 §7.4.1.3): the server's choice of version, suite and its random. */
public record ServerHello(int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite,
                          int compressionMethod, Extensions extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShort(legacyVersion);
        out.writeBytes(random);
        TlsWriter.vector8(out, sessionId);
        out.writeShort(cipherSuite);
        out.writeByte(compressionMethod);
        extensions.encode(out);
    }

    public static ServerHello decode(TlsReader r) {
        int version = r.u16();
        byte[] random = r.bytes(32);
        byte[] sessionId = r.vector8(0, 32);
        int suite = r.u16();
        int compression = r.u8();
        Extensions ext = Extensions.decode(r, "ServerHello");
        r.expectEnd();
        return new ServerHello(version, random, sessionId, suite, compression, ext);
    }
}
