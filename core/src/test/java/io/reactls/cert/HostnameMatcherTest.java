package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateGenerator;
import io.reactls.IssuedCertificate;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {

    private static final CertificateGenerator EC = CertificateGenerator.ec().now(Instant.parse("2026-06-01T00:00:00Z"));

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            // exact names, ASCII case-insensitive, one trailing dot tolerated on either side
            "example.com,        example.com,         true",
            "Example.COM,        example.com,         true",
            "example.com,        EXAMPLE.com,         true",
            "example.com.,       example.com,         true",
            "example.com,        example.com.,        true",
            "example.com,        example.com..,       false",
            "example.com,        www.example.com,     false",
            "www.example.com,    example.com,         false",
            "example.com,        example.co,          false",
            "example.com,        xexample.com,        false",
            // a wildcard is a whole left-most label and stands for exactly one label
            "*.example.com,      a.example.com,       true",
            "*.example.com,      A.Example.Com,       true",
            "*.example.com,      a.example.com.,      true",
            "*.example.com.,     a.example.com,       true",
            "*.example.com,      a.b.example.com,     false",
            "*.example.com,      example.com,         false",
            "*.example.com,      .example.com,        false",
            "*.example.com,      a.example.org,       false",
            "*.example.com,      aexample.com,        false",
            "*.a.example.com,    b.a.example.com,     true",
            "*.a.example.com,    a.example.com,       false",
            // no partial, inner or multiple wildcards
            "f*.example.com,     foo.example.com,     false",
            "*o.example.com,     foo.example.com,     false",
            "f*o.example.com,    foo.example.com,     false",
            "a.*.example.com,    a.b.example.com,     false",
            "*.*.example.com,    a.b.example.com,     false",
            "**.example.com,     a.example.com,       false",
            "*,                  localhost,           false",
            // no wildcard over a top-level domain
            "*.com,              example.com,         false",
            "*.,                 com,                 false",
            "*.co.uk,            example.co.uk,       true",
            // a reference name is never itself a pattern
            "*.example.com,      *.example.com,       false",
            "a.example.com,      *.example.com,       false",
            // malformed names never match
            "example..com,       example..com,        false",
            ".example.com,       .example.com,        false",
            "example.com,        '',                  false",
            // internationalised names compare as A-labels
            "xn--bcher-kva.example,  bücher.example,   true",
            "*.xn--bcher-kva.example, www.bücher.example, true",
            "bücher.example,     bücher.example,      false",
    })
    void matchesDnsName(String pattern, String hostname, boolean expected) {
        assertThat(HostnameMatcher.matchesDnsName(pattern, hostname)).isEqualTo(expected);
    }

    @Test
    void dnsNameMatchesAnyDnsSan() {
        IssuedCertificate cert = EC.certificate("ignored").dnsNames("a.example", "*.b.example").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "a.example")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "x.b.example")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "c.example")).isFalse();
    }

    @Test
    void commonNameIsIgnoredWhenThereIsADnsSan() {
        IssuedCertificate cert = EC.certificate("cn.example").dnsNames("san.example").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "san.example")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "cn.example")).isFalse();
    }

    @Test
    void commonNameIsUsedWhenThereIsNoDnsSan() {
        IssuedCertificate cnOnly = EC.certificate("cn.example").issue();
        assertThat(HostnameMatcher.matches(cnOnly.certificate(), "cn.example")).isTrue();
        assertThat(HostnameMatcher.matches(cnOnly.certificate(), "other.example")).isFalse();
        IssuedCertificate cnAndIp = EC.certificate("cn.example").ipAddresses("10.0.0.1").issue();
        assertThat(HostnameMatcher.matches(cnAndIp.certificate(), "cn.example")).isTrue();
        IssuedCertificate wildcardCn = EC.certificate("*.cn.example").issue();
        assertThat(HostnameMatcher.matches(wildcardCn.certificate(), "www.cn.example")).isTrue();
    }

    @Test
    void commonNameIsNeverUsedForIpAddresses() {
        IssuedCertificate cn = EC.certificate("127.0.0.1").issue();
        assertThat(HostnameMatcher.matches(cn.certificate(), "127.0.0.1")).isFalse();
    }

    @Test
    void ipLiteralMatchesOnlyIpSans() {
        IssuedCertificate cert = EC.certificate("host").dnsNames("127.0.0.1", "host.example").ipAddresses("10.1.2.3", "::1").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "10.1.2.3")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "::1")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "[::1]")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "0:0:0:0:0:0:0:1")).isTrue();
        // "127.0.0.1" is only present as a dNSName, which an IP reference identity never consults
        assertThat(HostnameMatcher.matches(cert.certificate(), "127.0.0.1")).isFalse();
        assertThat(HostnameMatcher.matches(cert.certificate(), "10.1.2.4")).isFalse();
        assertThat(HostnameMatcher.matches(cert.certificate(), "::2")).isFalse();
    }

    @Test
    void ipv6SanIsComparedByValueNotText() {
        IssuedCertificate cert = EC.certificate("host").ipAddresses("2001:db8::1").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "2001:DB8:0:0:0:0:0:1")).isTrue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "2001:db8::2")).isFalse();
    }

    @Test
    void ipAddressSanDoesNotMatchAsDnsName() {
        IssuedCertificate cert = EC.certificate("host").ipAddresses("10.1.2.3").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "host")).isTrue(); // CN fallback: no DNS SAN
        IssuedCertificate withDns = EC.certificate("host").dnsNames("other").ipAddresses("10.1.2.3").issue();
        assertThat(HostnameMatcher.matches(withDns.certificate(), "host")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "0.0.0.0, true", "255.255.255.255, true", "::1, true", "[::1], true",
            "2001:db8::1, true", "::ffff:10.0.0.1, true",
            "256.0.0.1, false", "1.2.3, false", "1.2.3.4.5, false", "01.2.3.4, false", "1.2.3.-4, false",
            "localhost, false", "example.com, false", "fe80::1%eth0, false", "g::1, false", ":::, false", "'', false",
            "1.2.3.4., false",
    })
    void recognisesIpLiteralsWithoutResolvingNames(String text, boolean isIp) {
        assertThat(HostnameMatcher.isIpLiteral(text)).isEqualTo(isIp);
    }

    @Test
    void ipv4MappedIpv6EqualsIpv4() {
        assertThat(HostnameMatcher.parseIpLiteral("::ffff:10.0.0.1")).containsExactly(10, 0, 0, 1);
        IssuedCertificate cert = EC.certificate("host").ipAddresses("10.0.0.1").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), "::ffff:10.0.0.1")).isTrue();
    }

    @Test
    void nullOrEmptyHostnameNeverMatches() {
        IssuedCertificate cert = EC.certificate("host").dnsNames("host").issue();
        assertThat(HostnameMatcher.matches(cert.certificate(), null)).isFalse();
        assertThat(HostnameMatcher.matches(cert.certificate(), "")).isFalse();
    }

    @Test
    void describesPresentedNames() {
        IssuedCertificate cert = EC.certificate("host").dnsNames("a.example").ipAddresses("10.0.0.1", "::1").issue();
        assertThat(PresentedIdentifiers.of(cert.certificate()).describe()).isEqualTo("DNS:a.example, IP:10.0.0.1, IP:0:0:0:0:0:0:0:1");
        assertThat(PresentedIdentifiers.of(EC.certificate("host").issue().certificate()).describe()).isEqualTo("CN=host");
    }
}
