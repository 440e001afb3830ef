package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * certificate_authorities (RFC 8446 §4.2.4): {@code DistinguishedName authorities<3..2^16-1>}, each a DER-encoded
 * X.501 name; the TLS 1.2 CertificateRequest carries the same list in its body (RFC 5246 §7.4.4).
 */
public final class CertificateAuthorities {

    private CertificateAuthorities() {
    }

    /** The extension body for {@code names}. */
    public static byte[] encode(List<X500Principal> names) {
        ByteBuf b = Unpooled.buffer();
        int at = TlsWriter.begin16(b);
        der(names).forEach(dn -> TlsWriter.vector16(b, dn));
        TlsWriter.end16(b, at);
        return Extensions.toBytes(b);
    }

    /** The names as the DER blobs of a TLS 1.2 CertificateRequest. */
    public static List<byte[]> der(List<X500Principal> names) {
        return names.stream().map(X500Principal::getEncoded).toList();
    }

    /** Reads the extension body: a non-empty list of names that parse. */
    public static List<X500Principal> read(TlsReader r) {
        TlsReader list = r.sub16("certificate_authorities", 3, 0xFFFF);
        List<byte[]> der = new ArrayList<>();
        while (list.hasRemaining()) {
            der.add(list.vector16(1, 0xFFFF));
        }
        return names(der);
    }

    /** DER blobs as names; one that does not parse as a Name is a decode_error. */
    public static List<X500Principal> names(List<byte[]> der) {
        List<X500Principal> out = new ArrayList<>(der.size());
        for (byte[] dn : der) {
            try {
                out.add(new X500Principal(dn));
            } catch (IllegalArgumentException e) {
                throw TlsAlertException.decodeError("certificate_authorities holds a name that is not a DER X.501 Name");
            }
        }
        return List.copyOf(out);
    }
}
