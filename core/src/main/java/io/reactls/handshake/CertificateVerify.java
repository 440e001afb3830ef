package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/** CertificateVerify (RFC 5246 §7.4.8): proof that the client holds its certificate's key. */
public record CertificateVerify(int signatureScheme, byte[] signature) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShort(signatureScheme);
        TlsWriter.vector16(out, signature);
    }

    public static CertificateVerify decode(TlsReader r) {
        int scheme = r.u16();
        byte[] sig = r.vector16(0, 0xFFFF);
        r.expectEnd();
        return new CertificateVerify(scheme, sig);
    }
}
