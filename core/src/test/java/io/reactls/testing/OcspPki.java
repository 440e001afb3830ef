package io.reactls.testing;

import io.reactls.CertificateBuilder.Purpose;
import io.reactls.CertificateGenerator;
import io.reactls.IssuedCertificate;
import io.reactls.KeyMaterial;
import io.reactls.Pem;
import io.reactls.TrustAnchors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test CA for revocation: its leaves name an OCSP responder (authorityInfoAccess) and a CRL
 * (cRLDistributionPoints) on 127.0.0.1 ports chosen by the test; a delegated OCSP signer (id-kp-OCSPSigning); a
 * must-staple leaf (RFC 7633). Everything is also written as PEM for {@code openssl ocsp} and {@code s_server}, with
 * each chain including the CA (a stapling server names the issuer in its OCSP request). Responses and CRLs can be
 * made here with Bouncy Castle when a test needs one openssl will not make (stale, or served by an in-JVM server).
 */
public final class OcspPki {

    /** A leaf as objects and as files. */
    public record Leaf(IssuedCertificate certificate, KeyMaterial keyMaterial, Path chain, Path key) {
        public X509Certificate leaf() {
            return certificate.certificate();
        }
    }

    private final Path dir;
    private final IssuedCertificate ca;
    private final IssuedCertificate responder;

    /** The delegated OCSP signer (id-kp-OCSPSigning, issued by the CA). */
    public IssuedCertificate responder() {
        return responder;
    }
    private final Path caPem;
    private final Path caKey;
    private final Path responderPem;
    private final Path responderKey;

    private OcspPki(Path dir) {
        this.dir = dir;
        CertificateGenerator gen = CertificateGenerator.ec();
        this.ca = gen.caCertificate("reactls OCSP test CA").issue();
        this.responder = gen.certificate("reactls OCSP responder").issuedBy(ca).extendedKeyUsage(Purpose.OCSP_SIGNING).issue();
        this.caPem = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
        this.responderPem = dir.resolve("responder.pem");
        this.responderKey = dir.resolve("responder.key");
        Pem.writeCertificates(caPem, List.of(ca.certificate()));
        Pem.writePrivateKey(caKey, ca.privateKey());
        Pem.writeCertificates(responderPem, List.of(responder.certificate()));
        Pem.writePrivateKey(responderKey, responder.privateKey());
    }

    /** A new CA in a new temporary directory. */
    public static OcspPki create() {
        try {
            return new OcspPki(Files.createTempDirectory("reactls-ocsp-pki"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server leaf for localhost and 127.0.0.1 whose OCSP responder is {@code http://127.0.0.1:ocspPort/}. */
    public Leaf leaf(String name, int ocspPort) {
        return leaf(name, b -> b.ocspResponder(url(ocspPort, "")));
    }

    /** A server leaf for localhost and 127.0.0.1, customized (e.g. {@code b -> b.mustStaple()}). */
    public Leaf leaf(String name, Consumer<io.reactls.CertificateBuilder> customizer) {
        io.reactls.CertificateBuilder b = CertificateGenerator.ec().certificate(TestPki.HOST)
                .subjectAltNames(TestPki.HOST, LoopbackPorts.HOST).issuedBy(ca);
        customizer.accept(b);
        IssuedCertificate leaf = b.issue();
        List<X509Certificate> chain = List.of(leaf.certificate(), ca.certificate());
        Path chainFile = dir.resolve(name + "-chain.pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        Pem.writeCertificates(chainFile, chain);
        Pem.writePrivateKey(keyFile, leaf.privateKey());
        return new Leaf(leaf, new KeyMaterial(chain, leaf.privateKey()), chainFile, keyFile);
    }

    public static String url(int port, String path) {
        return "http://" + LoopbackPorts.HOST + ":" + port + "/" + path;
    }

    public IssuedCertificate ca() {
        return ca;
    }

    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(ca.certificate());
    }

    public Path dir() {
        return dir;
    }

    public Path caPem() {
        return caPem;
    }

    public Path caKey() {
        return caKey;
    }

    public Path responderPem() {
        return responderPem;
    }

    public Path responderKey() {
        return responderKey;
    }

    /**
     * A DER OCSPResponse about {@code leaf}, signed by the CA itself, valid from {@code thisUpdate} to
     * {@code nextUpdate}; {@code revokedAt} null means good.
     */
    public byte[] ocspResponse(X509Certificate leaf, Instant thisUpdate, Instant nextUpdate, Instant revokedAt, int reason) {
        return ocspResponse(leaf, thisUpdate, nextUpdate, revokedAt, reason, ca);
    }

    /** As above, signed by {@code signer}, whose certificate the response carries unless it is the CA. */
    public byte[] ocspResponse(X509Certificate leaf, Instant thisUpdate, Instant nextUpdate, Instant revokedAt, int reason,
                               IssuedCertificate signer) {
        try {
            X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.certificate());
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuer, leaf.getSerialNumber());
            CertificateStatus status = revokedAt == null ? CertificateStatus.GOOD
                    : new RevokedStatus(Date.from(revokedAt), reason);
            X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.certificate());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(signerHolder.getSubject()))
                    .addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate));
            var basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey()),
                    signer == ca ? new X509CertificateHolder[0] : new X509CertificateHolder[] {signerHolder}, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make an OCSP response", e);
        }
    }

    /** A DER CRL signed by the CA listing {@code revoked} (keyCompromise), valid from {@code thisUpdate} for a day. */
    public byte[] crl(Instant thisUpdate, X509Certificate... revoked) {
        try {
            JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plusSeconds(86400)));
            for (X509Certificate c : revoked) {
                builder.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a CRL", e);
        }
    }

    /** The serial as openssl's index.txt writes it. */
    public static String serialHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    /** Unused by openssl's lookup, which goes by serial, but kept readable. */
    static String dn(X509Certificate c) {
        return "/" + c.getSubjectX500Principal().getName().replace(",", "/");
    }

    static OCSPResp parse(byte[] der) throws IOException {
        return new OCSPResp(der);
    }
}
