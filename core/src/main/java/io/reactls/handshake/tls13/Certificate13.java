package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/** TLS 1.3 Certificate (RFC 8446 §4.4.2): a request context and entries with per-certificate extensions. */
public record Certificate13(byte[] requestContext, List<byte[]> certificates) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        TlsWriter.vector8(out, requestContext);
        int at = TlsWriter.begin24(out);
        for (byte[] der : certificates) {
            TlsWriter.vector24(out, der);
            out.writeShort(0); // no per-entry extensions (no OCSP stapling or SCTs yet)
        }
        TlsWriter.end24(out, at);
    }

    public static Certificate13 decode(TlsReader r) {
        byte[] context = r.vector8(0, 0xFF);
        TlsReader list = r.sub24("certificate_list", 0, 0xFFFFFF);
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(list.vector24(1, 0xFFFFFF));
            Extensions.decode(list, "CertificateEntry");
        }
        r.expectEnd();
        return new Certificate13(context, List.copyOf(certs));
    }
}
