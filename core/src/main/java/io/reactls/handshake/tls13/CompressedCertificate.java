package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/**
 * RFC 8879 §4 CompressedCertificate: the algorithm, the length of the Certificate body it stands for, and that body
 * compressed. Decoding checks framing only; the length bound and decompression are {@link Certificates13}'s.
 */
public record CompressedCertificate(int algorithm, int uncompressedLength, byte[] compressed) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.COMPRESSED_CERTIFICATE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShort(algorithm);
        out.writeMedium(uncompressedLength);
        TlsWriter.vector24(out, compressed);
    }

    public static CompressedCertificate decode(TlsReader r) {
        int algorithm = r.u16();
        int length = r.u24();
        byte[] compressed = r.vector24(1, 0xFFFFFF);
        r.expectEnd();
        return new CompressedCertificate(algorithm, length, compressed);
    }
}
