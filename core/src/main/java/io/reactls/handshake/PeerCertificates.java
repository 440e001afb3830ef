package io.reactls.handshake;

import io.reactls.AlertDescription;
import io.reactls.SignatureScheme;
import io.reactls.TlsAlertException;
import io.reactls.cert.CertificateSignatures;
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

    /**
     * As {@link #parse(List)}, then held to the schemes we announced in signature_algorithms_cert when the config
     * restricts them (RFC 8446 §4.2.3): a chain signed otherwise is an unsupported_certificate.
     */
    public static List<X509Certificate> parse(HandshakeContext ctx, List<byte[]> der) {
        List<X509Certificate> chain = parse(der);
        List<SignatureScheme> allowed = ctx.config().certificateSignatureSchemes();
        if (allowed != null) {
            CertificateSignatures.signedOutside(chain, allowed).ifPresent(c -> {
                throw new TlsAlertException(AlertDescription.UNSUPPORTED_CERTIFICATE, "peer certificate "
                        + c.getSubjectX500Principal().getName() + " is signed with " + CertificateSignatures.describe(c)
                        + ", which our signature_algorithms_cert does not allow");
            });
        }
        return chain;
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
