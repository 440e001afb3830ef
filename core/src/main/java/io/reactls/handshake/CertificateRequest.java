package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/** TLS 1.2 CertificateRequest (RFC 5246 §7.4.4). */
public record CertificateRequest(byte[] certificateTypes, List<Integer> signatureSchemes, List<byte[]> authorities)
        implements HandshakeMessage {

    public static final int RSA_SIGN = 1;
    public static final int ECDSA_SIGN = 64;

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        TlsWriter.vector8(out, certificateTypes);
        int at = TlsWriter.begin16(out);
        signatureSchemes.forEach(out::writeShort);
        TlsWriter.end16(out, at);
        int ca = TlsWriter.begin16(out);
        authorities.forEach(dn -> TlsWriter.vector16(out, dn));
        TlsWriter.end16(out, ca);
    }

    public static CertificateRequest decode(TlsReader r) {
        byte[] types = r.vector8(1, 0xFF);
        List<Integer> schemes = Extensions.readU16List(r, "CertificateRequest supported_signature_algorithms");
        TlsReader cas = r.sub16("certificate_authorities", 0, 0xFFFF);
        List<byte[]> names = new ArrayList<>();
        while (cas.hasRemaining()) {
            names.add(cas.vector16(1, 0xFFFF));
        }
        r.expectEnd();
        return new CertificateRequest(types, schemes, names);
    }
}
