package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/** TLS 1.3 CertificateRequest (RFC 8446 §4.3.2); signature_algorithms is mandatory in its extensions. */
public record CertificateRequest13(byte[] requestContext, Extensions extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        TlsWriter.vector8(out, requestContext);
        extensions.encode(out);
    }

    public static CertificateRequest13 decode(TlsReader r) {
        byte[] context = r.vector8(0, 0xFF);
        return new CertificateRequest13(context, Tls13Extensions.decodeBlock(r, "CertificateRequest"));
    }
}
