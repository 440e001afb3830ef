package io.reactls.cert;

import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerificationException.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP (RFC 6960) as a client and a stapling server need it: the request for a certificate, the URLs and the TLS
 * feature a certificate names, and the checks that make a response usable: successful, signed by the issuer or by a
 * responder the issuer delegated to (id-kp-OCSPSigning, §4.2.2.2), about this very certificate (CertID) and fresh
 * (thisUpdate not ahead, nextUpdate not past, allowing {@link #CLOCK_SKEW}). Nonce-less, as RFC 8954 §1 notes
 * deployed responders and every staple are. Pure computation, no I/O.
 */
public final class Ocsp {

    /** How far the peer's or the responder's clock may be off ours when judging thisUpdate and nextUpdate. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How long a response without nextUpdate is used after its thisUpdate (RFC 6960 §4.2.2.1 leaves it to us). */
    public static final Duration NO_NEXT_UPDATE_MAX_AGE = Duration.ofDays(4);

    /** The TLS feature extension (RFC 7633 §6). */
    private static final String TLS_FEATURE_OID = "1.3.6.1.5.5.7.1.24";
    /** status_request, the TLS extension a must-staple certificate lists (RFC 7633 §4.2.3.1). */
    private static final int STATUS_REQUEST = 5;

    private Ocsp() {
    }

    /**
     * A DER OCSPRequest for {@code leaf} (CertID with SHA-1, as RFC 5019 §2.1.1 has responders expect), no nonce.
     *
     * @param leaf the certificate asked about
     * @param issuer its issuer
     * @return the DER request
     */
    public static byte[] request(X509Certificate leaf, X509Certificate issuer) {
        try {
            CertificateID id = new CertificateID(digests().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer), leaf.getSerialNumber());
            OCSPReq req = new OCSPReqBuilder().addRequest(id).build();
            return req.getEncoded();
        } catch (OCSPException | OperatorCreationException | CertificateException | IOException e) {
            throw new IllegalStateException("cannot build an OCSP request for " + leaf.getSubjectX500Principal(), e);
        }
    }

    /**
     * Checks {@code response} and reads what it says about {@code leaf}.
     *
     * @param response a DER OCSPResponse
     * @param leaf the certificate it must be about
     * @param issuer the certificate that issued {@code leaf}
     * @param now the current time
     * @param source who sent it, for messages
     * @return the status, with its thisUpdate and nextUpdate
     * @throws CertificateVerificationException {@link Reason#BAD_STATUS_RESPONSE} when the response is unusable
     */
    public static RevocationStatus evaluate(byte[] response, X509Certificate leaf, X509Certificate issuer, Instant now, String source) {
        BasicOCSPResp basic = basic(response, source);
        SingleResp single = matching(basic, leaf, issuer, source);
        checkSigner(basic, issuer, now, source);
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() != null ? single.getNextUpdate().toInstant() : null;
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw bad(source + " has thisUpdate " + thisUpdate + ", ahead of our clock (" + now + ")");
        }
        Instant until = nextUpdate != null ? nextUpdate : thisUpdate.plus(NO_NEXT_UPDATE_MAX_AGE);
        if (until.isBefore(now.minus(CLOCK_SKEW))) {
            throw bad(source + " is stale: " + (nextUpdate != null ? "nextUpdate " : "no nextUpdate, thisUpdate ")
                    + (nextUpdate != null ? nextUpdate : thisUpdate) + " is past (now " + now + ")");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new RevocationStatus(RevocationStatus.State.GOOD, null, null, thisUpdate, nextUpdate, source);
        }
        if (status instanceof RevokedStatus revoked) {
            CRLReason reason = revoked.hasRevocationReason() && revoked.getRevocationReason() < CRLReason.values().length
                    ? CRLReason.values()[revoked.getRevocationReason()] : CRLReason.UNSPECIFIED;
            return new RevocationStatus(RevocationStatus.State.REVOKED, reason, revoked.getRevocationTime().toInstant(),
                    thisUpdate, nextUpdate, source);
        }
        if (status instanceof UnknownStatus) {
            return new RevocationStatus(RevocationStatus.State.UNKNOWN, null, null, thisUpdate, nextUpdate, source);
        }
        throw bad(source + " has a certificate status we cannot read");
    }

    /**
     * The thisUpdate and nextUpdate of the first response in {@code response}, unchecked: for a server deciding when
     * to refresh a staple it has already checked.
     *
     * @param response a DER OCSPResponse
     * @return {thisUpdate, nextUpdate (null when absent)}
     */
    public static Instant[] validity(byte[] response) {
        SingleResp single = basic(response, "OCSP response").getResponses()[0];
        return new Instant[] {single.getThisUpdate().toInstant(),
                single.getNextUpdate() != null ? single.getNextUpdate().toInstant() : null};
    }

    /**
     * The OCSP responder URLs of {@code certificate}'s authorityInfoAccess (RFC 5280 §4.2.2.1), http ones only.
     *
     * @param certificate the certificate
     * @return the URLs, in order; empty when it names none
     */
    public static List<String> responderUrls(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.authorityInfoAccess.getId());
        if (value != null) {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    addHttpUri(urls, d.getAccessLocation());
                }
            }
        }
        return urls;
    }

    /**
     * The CRL URLs of {@code certificate}'s cRLDistributionPoints (RFC 5280 §4.2.1.13), http ones only.
     *
     * @param certificate the certificate
     * @return the URLs, in order; empty when it names none
     */
    public static List<String> crlUrls(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        ASN1Primitive value = extension(certificate, Extension.cRLDistributionPoints.getId());
        if (value != null) {
            for (DistributionPoint dp : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                        addHttpUri(urls, g);
                    }
                }
            }
        }
        return urls;
    }

    /**
     * Whether {@code certificate} carries the TLS feature status_request ("must-staple", RFC 7633 §4.2.3.1).
     *
     * @param certificate the certificate
     * @return true when a handshake with it must carry a valid staple
     */
    public static boolean mustStaple(X509Certificate certificate) {
        ASN1Primitive value = extension(certificate, TLS_FEATURE_OID);
        if (value == null) {
            return false;
        }
        for (ASN1Encodable feature : ASN1Sequence.getInstance(value)) {
            if (ASN1Integer.getInstance(feature).getValue().equals(BigInteger.valueOf(STATUS_REQUEST))) {
                return true;
            }
        }
        return false;
    }

    private static BasicOCSPResp basic(byte[] response, String source) {
        try {
            OCSPResp resp = new OCSPResp(response);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw bad(source + " is not successful (responseStatus " + resp.getStatus() + ")");
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw bad(source + " is not a basic OCSP response");
            }
            if (basic.getResponses().length == 0) {
                throw bad(source + " holds no single response");
            }
            return basic;
        } catch (IOException | OCSPException | RuntimeException e) {
            if (e instanceof CertificateVerificationException c) {
                throw c;
            }
            throw new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, source + " does not parse: " + e.getMessage(), e);
        }
    }

    private static SingleResp matching(BasicOCSPResp basic, X509Certificate leaf, X509Certificate issuer, String source) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            DigestCalculatorProvider digests = digests();
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (id.getSerialNumber().equals(leaf.getSerialNumber()) && id.matchesIssuer(issuerHolder, digests)) {
                    return single;
                }
            }
        } catch (OCSPException | OperatorCreationException | CertificateException e) {
            throw new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, source + ": cannot match its CertID: " + e, e);
        }
        throw bad(source + " is about another certificate (no CertID for serial " + leaf.getSerialNumber().toString(16)
                + " issued by " + issuer.getSubjectX500Principal().getName() + ")");
    }

    /** Signed by the issuer itself, or by a certificate in the response that the issuer made an OCSP signer. */
    private static void checkSigner(BasicOCSPResp basic, X509Certificate issuer, Instant now, String source) {
        if (verifies(basic, issuer.getPublicKey())) {
            return;
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                X509Certificate delegate = converter.getCertificate(holder);
                if (!delegate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    continue;
                }
                delegate.verify(issuer.getPublicKey());
                List<String> eku = delegate.getExtendedKeyUsage();
                if (eku == null || !eku.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                    throw bad(source + " is signed by " + delegate.getSubjectX500Principal().getName()
                            + ", which the issuer did not authorize for OCSP signing (no id-kp-OCSPSigning)");
                }
                delegate.checkValidity(Date.from(now));
                if (verifies(basic, delegate.getPublicKey())) {
                    return;
                }
            } catch (CertificateVerificationException e) {
                throw e;
            } catch (CertificateParsingException e) {
                throw bad(source + " carries a certificate that does not parse");
            } catch (java.security.GeneralSecurityException e) {
                // not issued by the issuer, or expired: not an authorized responder; try the next one
            }
        }
        throw bad(source + " is not signed by " + issuer.getSubjectX500Principal().getName() + " or a responder it authorized");
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException e) {
            return false;
        }
    }

    private static DigestCalculatorProvider digests() throws OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().build();
    }

    private static ASN1Primitive extension(X509Certificate certificate, String oid) {
        byte[] octets = certificate.getExtensionValue(oid);
        if (octets == null) {
            return null;
        }
        try {
            return ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(octets).getOctets());
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void addHttpUri(List<String> urls, GeneralName name) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String uri = name.getName().toString();
            if (uri.startsWith("http://") || uri.startsWith("https://")) {
                urls.add(uri);
            }
        }
    }

    private static CertificateVerificationException bad(String message) {
        return new CertificateVerificationException(Reason.BAD_STATUS_RESPONSE, message);
    }
}
