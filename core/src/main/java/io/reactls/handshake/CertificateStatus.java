package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/**
 * CertificateStatus (RFC 6066 §8): status_type ocsp and a DER OCSPResponse. The body of the TLS 1.2 message that
 * follows the server's Certificate, and of the status_request extension of a TLS 1.3 CertificateEntry
 * (RFC 8446 §4.4.2.1).
 */
public record CertificateStatus(byte[] ocspResponse) implements HandshakeMessage {

    private static final int OCSP = 1;

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_STATUS;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeByte(OCSP);
        TlsWriter.vector24(out, ocspResponse);
    }

    /** The body as bytes, for a TLS 1.3 CertificateEntry extension. */
    public byte[] encoded() {
        ByteBuf b = io.netty.buffer.Unpooled.buffer();
        encodeBody(b);
        return Extensions.toBytes(b);
    }

    public static CertificateStatus decode(TlsReader r) {
        int type = r.u8();
        if (type != OCSP) {
            throw TlsAlertException.illegalParameter("CertificateStatus has status_type " + type + "; we asked for ocsp (1)");
        }
        byte[] response = r.vector24(1, 0xFFFFFF);
        r.expectEnd();
        return new CertificateStatus(response);
    }
}
