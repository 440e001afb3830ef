package io.reactls.cert;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The identities a certificate presents (RFC 6125 §1.8): subjectAltName dNSName and iPAddress entries, and the
 * subject's common names (used only as a fallback when there is no dNSName).
 * IP addresses are the raw 4 or 16 bytes from the certificate, not text, so nothing is lost in formatting.
 *
 * @param dnsNames the subjectAltName dNSName entries
 * @param ipAddresses the subjectAltName iPAddress entries, raw bytes
 * @param commonNames the subject's CN values
 */
public record PresentedIdentifiers(List<String> dnsNames, List<byte[]> ipAddresses, List<String> commonNames) {

    /**
     * Copies the lists.
     *
     * @param dnsNames the subjectAltName dNSName entries
     * @param ipAddresses the subjectAltName iPAddress entries, raw bytes
     * @param commonNames the subject's CN values
     */
    public PresentedIdentifiers {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        commonNames = List.copyOf(commonNames);
    }

    /**
     * The identities {@code certificate} presents.
     *
     * @param certificate a certificate
     * @return its DNS names, IP addresses and common names
     * @throws IllegalArgumentException if the subjectAltName extension cannot be decoded
     */
    public static PresentedIdentifiers of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension != null) {
            GeneralNames names;
            try {
                names = GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("malformed subjectAltName extension: " + e.getMessage(), e);
            }
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(((ASN1String) name.getName()).getString());
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    ips.add(ASN1OctetString.getInstance(name.getName()).getOctets());
                }
            }
        }
        List<String> cns = new ArrayList<>();
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (value.getType().equals(BCStyle.CN) && value.getValue() instanceof ASN1String text) {
                    cns.add(text.getString());
                }
            }
        }
        return new PresentedIdentifiers(dns, ips, cns);
    }

    /**
     * For error messages, e.g. {@code DNS:localhost, IP:127.0.0.1} or {@code CN=localhost}.
     *
     * @return the identifiers as text
     */
    public String describe() {
        StringJoiner joiner = new StringJoiner(", ");
        dnsNames.forEach(name -> joiner.add("DNS:" + name));
        ipAddresses.forEach(ip -> joiner.add("IP:" + HostnameMatcher.formatIp(ip)));
        if (dnsNames.isEmpty()) {
            commonNames.forEach(cn -> joiner.add("CN=" + cn));
        }
        return joiner.length() == 0 ? "no names" : joiner.toString();
    }
}
