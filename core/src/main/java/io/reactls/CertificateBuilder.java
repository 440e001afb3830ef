package io.reactls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Describes one X.509 certificate to generate. Defaults make a sound certificate; every setter exists so a test can
 * make exactly one thing wrong (expired, weak key, SHA-1 signature, missing CA flag, wrong key usage...).
 * Without {@link #issuedBy} the certificate is self-signed.
 */
public final class CertificateBuilder {

    /** keyUsage bits (RFC 5280 §4.2.1.3). */
    public enum KeyUsageBit {
        /** digitalSignature: signs handshakes. */
        DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
        /** keyEncipherment: decrypts the RSA key exchange. */
        KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
        /** keyAgreement: static key agreement. */
        KEY_AGREEMENT(KeyUsage.keyAgreement),
        /** keyCertSign: signs certificates (CAs). */
        KEY_CERT_SIGN(KeyUsage.keyCertSign),
        /** cRLSign: signs revocation lists (CAs). */
        CRL_SIGN(KeyUsage.cRLSign);

        private final int mask;

        KeyUsageBit(int mask) {
            this.mask = mask;
        }
    }

    /** extendedKeyUsage purposes (RFC 5280 §4.2.1.12). */
    public enum Purpose {
        /** id-kp-serverAuth. */
        SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
        /** id-kp-clientAuth. */
        CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),
        /** id-kp-codeSigning: neither TLS purpose. */
        CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),
        /** id-kp-OCSPSigning: a responder the CA delegated OCSP signing to (RFC 6960 §4.2.2.2). */
        OCSP_SIGNING(KeyPurposeId.id_kp_OCSPSigning),
        /** anyExtendedKeyUsage. */
        ANY(KeyPurposeId.anyExtendedKeyUsage);

        private final KeyPurposeId id;

        Purpose(KeyPurposeId id) {
            this.id = id;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Private, never registered: see {@link Pem}. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private String subject;
    private KeyType keyType;
    private KeyPair keyPair;
    private IssuedCertificate issuer;
    private Instant notBefore;
    private Instant notAfter;
    private String signatureAlgorithm;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<String> ipAddresses = new ArrayList<>();
    private Boolean ca = Boolean.FALSE;
    private int pathLen = -1;
    private Set<KeyUsageBit> keyUsage;
    private Set<Purpose> extendedKeyUsage;
    private final List<Extension> extraExtensions = new ArrayList<>();

    /**
     * A leaf for {@code commonName}, valid from an hour before {@code now} for a year.
     *
     * @param commonName the subject CN
     * @param keyType the key pair to generate
     * @param now the reference time
     */
    public CertificateBuilder(String commonName, KeyType keyType, Instant now) {
        this.subject = "CN=" + commonName;
        this.keyType = Objects.requireNonNull(keyType);
        this.notBefore = now.minus(Duration.ofHours(1));
        this.notAfter = now.plus(Duration.ofDays(365));
    }

    /**
     * A full distinguished name in RFC 4514 form, e.g. {@code CN=example,O=Example Inc}.
     *
     * @param distinguishedName the subject
     * @return this builder
     */
    public CertificateBuilder subject(String distinguishedName) {
        this.subject = distinguishedName;
        return this;
    }

    /**
     * The kind of key pair to generate.
     *
     * @param keyType the key type
     * @return this builder
     */
    public CertificateBuilder keyType(KeyType keyType) {
        this.keyType = Objects.requireNonNull(keyType);
        this.keyPair = null;
        return this;
    }

    /**
     * Certifies an existing key pair instead of generating one.
     *
     * @param keyPair the key pair to certify
     * @return this builder
     */
    public CertificateBuilder keyPair(KeyPair keyPair) {
        this.keyPair = keyPair;
        return this;
    }

    /**
     * Signs with {@code issuer}'s key, naming it as the issuer.
     *
     * @param issuer the issuing CA
     * @return this builder
     */
    public CertificateBuilder issuedBy(IssuedCertificate issuer) {
        this.issuer = issuer;
        return this;
    }

    /**
     * The start of validity.
     *
     * @param notBefore the first valid instant
     * @return this builder
     */
    public CertificateBuilder notBefore(Instant notBefore) {
        this.notBefore = notBefore;
        return this;
    }

    /**
     * The end of validity.
     *
     * @param notAfter the last valid instant
     * @return this builder
     */
    public CertificateBuilder notAfter(Instant notAfter) {
        this.notAfter = notAfter;
        return this;
    }

    /**
     * The validity period.
     *
     * @param notBefore the first valid instant
     * @param notAfter the last valid instant
     * @return this builder
     */
    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        return notBefore(notBefore).notAfter(notAfter);
    }

    /**
     * E.g. {@code SHA256withRSA}, {@code SHA1withRSA}, {@code SHA384withECDSA}, {@code Ed25519},
     * {@code SHA256withRSAandMGF1} (RSASSA-PSS); the default suits the issuer's key.
     *
     * @param signatureAlgorithm the JCA signature algorithm name
     * @return this builder
     */
    public CertificateBuilder signatureAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
        return this;
    }

    /**
     * dNSName subject alternative names.
     *
     * @param names the DNS names
     * @return this builder
     */
    public CertificateBuilder dnsNames(String... names) {
        dnsNames.addAll(List.of(names));
        return this;
    }

    /**
     * iPAddress subject alternative names.
     *
     * @param addresses IPv4 (dotted quad) or IPv6 literals, without brackets
     * @return this builder
     */
    public CertificateBuilder ipAddresses(String... addresses) {
        ipAddresses.addAll(List.of(addresses));
        return this;
    }

    /**
     * Each name goes to an iPAddress SAN if it is an IPv4 or IPv6 literal (without brackets), else to a dNSName SAN.
     *
     * @param names DNS names or IP literals
     * @return this builder
     */
    public CertificateBuilder subjectAltNames(String... names) {
        for (String name : names) {
            if (IPAddress.isValid(name)) {
                ipAddresses.add(name);
            } else {
                dnsNames.add(name);
            }
        }
        return this;
    }

    /**
     * basicConstraints CA true/false (critical); CAs get keyCertSign/cRLSign and no EKU unless set otherwise.
     *
     * @param ca whether the certificate is a CA
     * @return this builder
     */
    public CertificateBuilder ca(boolean ca) {
        this.ca = ca;
        return this;
    }

    /**
     * basicConstraints pathLenConstraint; implies CA.
     *
     * @param pathLen the most intermediates allowed below
     * @return this builder
     */
    public CertificateBuilder pathLen(int pathLen) {
        this.ca = Boolean.TRUE;
        this.pathLen = pathLen;
        return this;
    }

    /**
     * No basicConstraints extension at all (a v1-style certificate in a CA's place).
     *
     * @return this builder
     */
    public CertificateBuilder withoutBasicConstraints() {
        this.ca = null;
        return this;
    }

    /**
     * The keyUsage extension (critical) with exactly these bits.
     *
     * @param bits the bits to set
     * @return this builder
     */
    public CertificateBuilder keyUsage(KeyUsageBit... bits) {
        this.keyUsage = bits.length == 0 ? EnumSet.noneOf(KeyUsageBit.class) : EnumSet.copyOf(List.of(bits));
        return this;
    }

    /**
     * No keyUsage extension.
     *
     * @return this builder
     */
    public CertificateBuilder withoutKeyUsage() {
        this.keyUsage = Set.of();
        return this;
    }

    /**
     * The extendedKeyUsage extension with exactly these purposes.
     *
     * @param purposes the purposes
     * @return this builder
     */
    public CertificateBuilder extendedKeyUsage(Purpose... purposes) {
        this.extendedKeyUsage = purposes.length == 0 ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(List.of(purposes));
        return this;
    }

    /**
     * No extendedKeyUsage extension.
     *
     * @return this builder
     */
    public CertificateBuilder withoutExtendedKeyUsage() {
        this.extendedKeyUsage = Set.of();
        return this;
    }

    /**
     * authorityInfoAccess with an OCSP responder (RFC 5280 §4.2.2.1), where clients and stapling servers ask
     * whether this certificate was revoked.
     *
     * @param url the responder's http URL
     * @return this builder
     */
    public CertificateBuilder ocspResponder(String url) {
        return extension(Extension.authorityInfoAccess.getId(), false, der(new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, url))));
    }

    /**
     * cRLDistributionPoints with one full-name URL (RFC 5280 §4.2.1.13).
     *
     * @param url where the issuer's CRL is published
     * @return this builder
     */
    public CertificateBuilder crlDistributionPoint(String url) {
        org.bouncycastle.asn1.x509.DistributionPointName name = new org.bouncycastle.asn1.x509.DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url)));
        return extension(Extension.cRLDistributionPoints.getId(), false, der(new org.bouncycastle.asn1.x509.CRLDistPoint(
                new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(name, null, null)})));
    }

    /**
     * The TLS feature extension listing status_request ("must-staple", RFC 7633 §4.2.3.1): clients that check
     * revocation refuse this certificate without a stapled OCSP response.
     *
     * @return this builder
     */
    public CertificateBuilder mustStaple() {
        return extension("1.3.6.1.5.5.7.1.24", false, der(new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Integer(5))));
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object value) {
        try {
            return value.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Any other extension, e.g. an unknown critical one that validators must refuse.
     *
     * @param oid the extension's OID, dotted
     * @param critical whether it is critical
     * @param derValue the extension value's DER encoding
     * @return this builder
     */
    public CertificateBuilder extension(String oid, boolean critical, byte[] derValue) {
        extraExtensions.add(new Extension(new ASN1ObjectIdentifier(oid), critical, derValue));
        return this;
    }

    /**
     * Generates the key pair (unless given) and signs the certificate.
     *
     * @return the certificate and its key pair
     * @throws KeyMaterialException when the certificate cannot be made
     */
    public IssuedCertificate issue() {
        KeyPair subjectKeys = keyPair != null ? keyPair : keyType.generate();
        X500Name subjectName = new X500Name(subject);
        X500Name issuerName = issuer == null ? subjectName
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? subjectKeys.getPrivate() : issuer.privateKey();
        PublicKey issuerPublicKey = issuer == null ? subjectKeys.getPublic() : issuer.certificate().getPublicKey();
        String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultSignatureAlgorithm(signingKey);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(63, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subjectName, subjectKeys.getPublic());
            addExtensions(builder, subjectKeys.getPublic(), issuerPublicKey);
            JcaContentSignerBuilder signerBuilder = new JcaContentSignerBuilder(algorithm);
            if (algorithm.toUpperCase(Locale.ROOT).contains("ANDMGF1")) {
                // RSASSA-PSS with explicit parameters: the JDK's Signature cannot be set up by name, BC's can.
                signerBuilder.setProvider(BC);
            }
            ContentSigner signer = signerBuilder.build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new IssuedCertificate(certificate, subjectKeys);
        } catch (CertIOException | NoSuchAlgorithmException | OperatorCreationException | CertificateException e) {
            throw new KeyMaterialException("cannot generate certificate '" + subject + "' signed with " + algorithm + ": " + e, e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, PublicKey subjectKey, PublicKey issuerKey)
            throws CertIOException, NoSuchAlgorithmException {
        boolean isCa = Boolean.TRUE.equals(ca);
        if (ca != null) {
            BasicConstraints constraints = !isCa ? new BasicConstraints(false)
                    : pathLen >= 0 ? new BasicConstraints(pathLen) : new BasicConstraints(true);
            builder.addExtension(Extension.basicConstraints, true, constraints);
        }
        Set<KeyUsageBit> usage = keyUsage != null ? keyUsage : defaultKeyUsage(isCa, subjectKey);
        if (!usage.isEmpty()) {
            int mask = 0;
            for (KeyUsageBit bit : usage) {
                mask |= bit.mask;
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(mask));
        }
        Set<Purpose> purposes = extendedKeyUsage != null ? extendedKeyUsage
                : isCa ? Set.of() : EnumSet.of(Purpose.SERVER_AUTH, Purpose.CLIENT_AUTH);
        if (!purposes.isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purposes.stream().map(p -> p.id).toArray(KeyPurposeId[]::new)));
        }
        List<GeneralName> names = new ArrayList<>();
        for (String dns : dnsNames) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : ipAddresses) {
            names.add(ipAddressName(ip));
        }
        if (!names.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        for (Extension extension : extraExtensions) {
            builder.addExtension(extension);
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
    }

    private static Set<KeyUsageBit> defaultKeyUsage(boolean isCa, PublicKey key) {
        if (isCa) {
            return EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN, KeyUsageBit.DIGITAL_SIGNATURE);
        }
        // keyEncipherment only means something for RSA (the RSA key exchange encrypts to it).
        return key.getAlgorithm().equals("RSA") ? EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT)
                : EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    /** Bouncy Castle encodes the address (4 or 16 bytes); the check keeps out its name-constraint form "10.0.0.0/8". */
    private static GeneralName ipAddressName(String literal) {
        if (!IPAddress.isValid(literal)) {
            throw new KeyMaterialException("'" + literal + "' is not an IPv4 or IPv6 address literal");
        }
        return new GeneralName(GeneralName.iPAddress, literal);
    }

    /** What an issuer with this key signs with unless told otherwise: SHA-256 (SHA-384/512 for larger curves) or EdDSA. */
    static String defaultSignatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if (key instanceof EdECKey ed) {
            return ed.getParams().getName(); // "Ed25519" or "Ed448": the curve names its signature scheme
        }
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            // An RSASSA-PSS issuer signs with RSASSA-PSS, with the parameters its key is restricted to if it is.
            case "RSASSA-PSS" -> KeyType.pssSignatureAlgorithm(
                    key instanceof java.security.interfaces.RSAKey rsa && rsa.getParams() instanceof java.security.spec.PSSParameterSpec p
                            ? p.getDigestAlgorithm() : null);
            default -> throw new KeyMaterialException("no default signature algorithm for a " + key.getAlgorithm() + " key");
        };
    }
}
