package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/** TLS 1.2 Certificate (RFC 5246 §7.4.2): DER certificates, sender's first. Parsing into X.509 happens in cert. */
public record CertificateMessage(List<byte[]> certificates) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        int at = TlsWriter.begin24(out);
        certificates.forEach(c -> TlsWriter.vector24(out, c));
        TlsWriter.end24(out, at);
    }

    public static CertificateMessage decode(TlsReader r) {
        TlsReader list = r.sub24("certificate_list", 0, 0xFFFFFF);
        List<byte[]> certs = new ArrayList<>();
        while (list.hasRemaining()) {
            certs.add(list.vector24(1, 0xFFFFFF));
        }
        r.expectEnd();
        return new CertificateMessage(List.copyOf(certs));
    }
}
