package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.CertificateStatus;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TLS 1.3 Certificate (RFC 8446 §4.4.2): a request context and entries with per-certificate extensions, of which
 * reactls uses one: status_request in the leaf's entry, carrying a CertificateStatus with the stapled OCSP response
 * (§4.4.2.1).
 *
 * @param leafOcspResponse the DER OCSPResponse stapled to the first entry, or null
 * @param leafExtensionTypes the extension types of the first entry as received (empty when encoding)
 */
public record Certificate13(byte[] requestContext, List<byte[]> certificates, byte[] leafOcspResponse,
                            Set<Integer> leafExtensionTypes) implements HandshakeMessage {

    /** A Certificate without extensions in its entries. */
    public Certificate13(byte[] requestContext, List<byte[]> certificates) {
        this(requestContext, certificates, null, Set.of());
    }

    /** A Certificate stapling {@code leafOcspResponse} (null: none) to its leaf. */
    public Certificate13(byte[] requestContext, List<byte[]> certificates, byte[] leafOcspResponse) {
        this(requestContext, certificates, leafOcspResponse, Set.of());
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        TlsWriter.vector8(out, requestContext);
        int at = TlsWriter.begin24(out);
        for (int i = 0; i < certificates.size(); i++) {
            TlsWriter.vector24(out, certificates.get(i));
            Extensions entry = Extensions.empty();
            if (i == 0 && leafOcspResponse != null) {
                entry.with(ExtensionType.STATUS_REQUEST, new CertificateStatus(leafOcspResponse).encoded());
            }
            entry.encode(out);
        }
        TlsWriter.end24(out, at);
    }

    public static Certificate13 decode(TlsReader r) {
        byte[] context = r.vector8(0, 0xFF);
        TlsReader list = r.sub24("certificate_list", 0, 0xFFFFFF);
        List<byte[]> certs = new ArrayList<>();
        byte[] leafStatus = null;
        Set<Integer> leafTypes = Set.of();
        while (list.hasRemaining()) {
            certs.add(list.vector24(1, 0xFFFFFF));
            Extensions entry = Extensions.decode(list, "CertificateEntry");
            if (certs.size() == 1) {
                leafTypes = Set.copyOf(entry.types());
                CertificateStatus status = entry.parse(ExtensionType.STATUS_REQUEST, "CertificateEntry status_request",
                        CertificateStatus::decode);
                leafStatus = status != null ? status.ocspResponse() : null;
            }
        }
        r.expectEnd();
        return new Certificate13(context, List.copyOf(certs), leafStatus, leafTypes);
    }
}
