package io.reactls.handshake;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Turns a Certificate message's DER blobs into X.509 certificates; anything unparsable is a bad_certificate. */
public final class PeerCertificates {

    private PeerCertificates() {
    }

    public static List<X509Certificate> parse(List<byte[]> der) {
        List<X509Certificate> out = new ArrayList<>(der.size());
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] d : der) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(d)));
            }
        } catch (CertificateException | ClassCastException e) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "peer sent a certificate that does not parse: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    public static List<byte[]> encode(List<X509Certificate> chain) {
        List<byte[]> out = new ArrayList<>(chain.size());
        for (X509Certificate c : chain) {
            try {
                out.add(c.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw TlsAlertException.internalError("cannot encode our own certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return out;
    }
}
