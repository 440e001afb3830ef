package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.CertificateBuilder;
import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerificationException;
import io.reactls.CertificateVerifier;
import io.reactls.GeneratedPki;
import io.reactls.IssuedCertificate;
import io.reactls.KeyType;
import io.reactls.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.reactls.AlertDescription;
import io.reactls.CertificateBuilder.KeyUsageBit;
import io.reactls.CertificateBuilder.Purpose;
import io.reactls.CertificateVerificationException.Reason;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.KeyMaterial;
import io.reactls.Pem;
import io.reactls.testing.OpenSsl;

class PkixCertificateVerifierTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final CertificateGenerator EC = CertificateGenerator.ec().now(NOW);

    private static CertificateVerificationException rejection(GeneratedPki pki, List<X509Certificate> chain,
            String hostname, PeerRole role) {
        return rejection(new PkixCertificateVerifier(pki.trustAnchors()), chain, hostname, role);
    }

    private static CertificateVerificationException rejection(CertificateVerifier verifier, List<X509Certificate> chain,
            String hostname, PeerRole role) {
        CertificateVerificationException e = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(chain, hostname, NOW, role));
        assertThat(e).as("the chain should have been rejected").isNotNull();
        return e;
    }

    private static CertificateVerificationException serverRejection(GeneratedPki pki) {
        return rejection(pki, pki.chain(), "localhost", PeerRole.SERVER);
    }

    private static void assertAccepted(GeneratedPki pki, String hostname, PeerRole role) {
        assertThatCode(() -> new PkixCertificateVerifier(pki.trustAnchors()).verify(pki.chain(), hostname, NOW, role))
                .doesNotThrowAnyException();
    }

    // --- chains that verify -------------------------------------------------------------------------------------

    @Test
    void acceptsLeafSignedByRootWithIntermediate() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost", "127.0.0.1");
        assertAccepted(pki, "localhost", PeerRole.SERVER);
        assertAccepted(pki, "127.0.0.1", PeerRole.SERVER);
        assertAccepted(pki, null, PeerRole.CLIENT);
    }

    @Test
    void acceptsEveryGeneratedKeyType() {
        for (CertificateGenerator generator : List.of(CertificateGenerator.rsa().now(NOW),
                CertificateGenerator.ecP384().now(NOW), CertificateGenerator.ed25519().now(NOW))) {
            GeneratedPki pki = generator.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
            assertAccepted(pki, "localhost", PeerRole.SERVER);
        }
    }

    @Test
    void acceptsChainSentOutOfOrderWithItsRoot() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Policy CA").intermediate("Issuing CA").leaf("localhost");
        List<X509Certificate> scrambled = List.of(pki.leafCertificate().certificate(), pki.caCertificate(),
                pki.intermediates().get(0).certificate(), pki.intermediates().get(1).certificate());
        assertThatCode(() -> new PkixCertificateVerifier(pki.trustAnchors()).verify(scrambled, "localhost", NOW, PeerRole.SERVER))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsSelfSignedLeafThatIsItselfTrusted() {
        IssuedCertificate self = EC.certificate("localhost").dnsNames("localhost").issue();
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(TrustAnchors.of(List.of(self.certificate())));
        assertThatCode(() -> verifier.verify(List.of(self.certificate()), "localhost", NOW, PeerRole.SERVER))
                .doesNotThrowAnyException();
    }

    @Test
    void findsTheRightRootAmongRootsWithTheSameName() {
        GeneratedPki old = EC.ca("Root CA").leaf("localhost");
        GeneratedPki rekeyed = EC.ca("Root CA").leaf("localhost");
        TrustAnchors both = TrustAnchors.of(List.of(old.caCertificate(), rekeyed.caCertificate()));
        assertThatCode(() -> new PkixCertificateVerifier(both).verify(rekeyed.chain(), "localhost", NOW, PeerRole.SERVER))
                .doesNotThrowAnyException();
    }

    // --- dates --------------------------------------------------------------------------------------------------

    @Test
    void expiredLeafIsCertificateExpired() {
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.validity(end.minus(Duration.ofDays(90)), end), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.alert()).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(e.getMessage()).endsWith("certificate 'CN=localhost' expired on 2026-01-01T00:00:00Z");
    }

    @Test
    void notYetValidLeafIsNotYetValid() {
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.notBefore(NOW.plusSeconds(60)), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(e.alert()).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(e.getMessage()).contains("'CN=localhost' is not valid until 2026-06-01T00:01:00Z");
    }

    @Test
    void expiredIntermediateIsNamed() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", b -> b.notAfter(NOW.minusSeconds(1))).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.getMessage()).contains("'CN=Issuing CA' expired");
    }

    @Test
    void expiredRootIsExpired() {
        GeneratedPki pki = EC.ca("Root CA", b -> b.notAfter(NOW.minusSeconds(1))).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.getMessage()).contains("'CN=Root CA' expired");
    }

    @Test
    void expiredSelfSignedTrustedLeafIsExpired() {
        IssuedCertificate self = EC.certificate("localhost").notAfter(NOW.minusSeconds(1)).issue();
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(TrustAnchors.of(List.of(self.certificate())));
        assertThat(rejection(verifier, List.of(self.certificate()), null, PeerRole.SERVER).reason()).isEqualTo(Reason.EXPIRED);
    }

    // --- trust --------------------------------------------------------------------------------------------------

    @Test
    void leafFromAnotherPkiIsUnknownCa() {
        GeneratedPki trusted = EC.ca("Trusted CA").leaf("localhost");
        GeneratedPki other = EC.ca("Other CA").leaf("localhost");
        CertificateVerificationException e = rejection(trusted, other.chain(), "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(e.alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
        assertThat(e.getMessage()).contains("'CN=localhost' was issued by 'CN=Other CA'");
    }

    @Test
    void missingIntermediateIsUnknownCa() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        CertificateVerificationException e = rejection(pki, List.of(pki.leafCertificate().certificate()), "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(e.getMessage()).contains("issued by 'CN=Issuing CA'");
    }

    @Test
    void untrustedSelfSignedLeafIsUnknownCa() {
        IssuedCertificate self = EC.certificate("localhost").dnsNames("localhost").issue();
        GeneratedPki trusted = EC.ca("Root CA").leaf("localhost");
        CertificateVerificationException e = rejection(trusted, List.of(self.certificate()), "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
        assertThat(e.getMessage()).contains("'CN=localhost' is self-signed and not in the trust store");
    }

    @Test
    void aRootSentByThePeerIsNotTrustedForBeingSent() {
        GeneratedPki trusted = EC.ca("Trusted CA").leaf("localhost");
        GeneratedPki rogue = EC.ca("Rogue CA").leaf("localhost");
        List<X509Certificate> withRoot = List.of(rogue.leafCertificate().certificate(), rogue.caCertificate());
        assertThat(rejection(trusted, withRoot, "localhost", PeerRole.SERVER).reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void emptyChainIsMalformed() {
        GeneratedPki pki = EC.ca("Root CA").leaf("localhost");
        assertThat(rejection(pki, List.of(), "localhost", PeerRole.SERVER).reason()).isEqualTo(Reason.MALFORMED);
    }

    // --- signatures ---------------------------------------------------------------------------------------------

    @Test
    void tamperedSignatureIsBadSignature() throws Exception {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        List<X509Certificate> chain = new ArrayList<>(pki.chain());
        chain.set(0, flipLastByte(chain.get(0)));
        CertificateVerificationException e = rejection(pki, chain, "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(e.getMessage()).contains("signature on certificate 'CN=localhost' does not verify with the key of its issuer 'CN=Issuing CA'");
    }

    @Test
    void tamperedIntermediateIsBadSignature() throws Exception {
        CertificateGenerator rsa = CertificateGenerator.rsa().now(NOW);
        GeneratedPki pki = rsa.ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        List<X509Certificate> chain = new ArrayList<>(pki.chain());
        chain.set(1, flipLastByte(chain.get(1)));
        CertificateVerificationException e = rejection(pki, chain, "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(e.getMessage()).contains("'CN=Issuing CA'");
    }

    private static X509Certificate flipLastByte(X509Certificate certificate) throws Exception {
        byte[] der = certificate.getEncoded();
        der[der.length - 1] ^= 0x01; // the last byte belongs to the signature value
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    // --- CA constraints -----------------------------------------------------------------------------------------

    @Test
    void intermediateMarkedNotCaIsNotACa() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", b -> b.ca(false)).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA);
        assertThat(e.getMessage()).contains("'CN=Issuing CA' issued 'CN=localhost' but is not a CA");
    }

    @Test
    void intermediateWithoutBasicConstraintsIsNotACa() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", CertificateBuilder::withoutBasicConstraints).leaf("localhost");
        assertThat(serverRejection(pki).reason()).isEqualTo(Reason.NOT_A_CA);
    }

    @Test
    void leafUsedAsIssuerIsNotACa() {
        GeneratedPki pki = EC.ca("Root CA").leaf("server.example");
        IssuedCertificate forged = EC.certificate("localhost").dnsNames("localhost").issuedBy(pki.leafCertificate()).issue();
        List<X509Certificate> chain = List.of(forged.certificate(), pki.leafCertificate().certificate());
        assertThat(rejection(pki, chain, "localhost", PeerRole.SERVER).reason()).isEqualTo(Reason.NOT_A_CA);
    }

    @Test
    void pathLengthConstraintOfRootIsEnforced() {
        GeneratedPki pki = EC.ca("Root CA", b -> b.pathLen(0)).intermediate("Issuing CA").leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.NOT_A_CA);
        assertThat(e.getMessage()).contains("'CN=Root CA' allows 0 intermediate CA(s)");
    }

    @Test
    void pathLengthConstraintOfIntermediateIsEnforced() {
        GeneratedPki tooDeep = EC.ca("Root CA").intermediate("Policy CA", b -> b.pathLen(0)).intermediate("Issuing CA").leaf("localhost");
        assertThat(serverRejection(tooDeep).reason()).isEqualTo(Reason.NOT_A_CA);
        GeneratedPki fits = EC.ca("Root CA").intermediate("Policy CA", b -> b.pathLen(1)).intermediate("Issuing CA").leaf("localhost");
        assertAccepted(fits, "localhost", PeerRole.SERVER);
    }

    // --- key usage ----------------------------------------------------------------------------------------------

    @Test
    void leafWhoseKeyUsageForbidsTlsIsWrongKeyUsage() {
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.keyUsage(KeyUsageBit.CRL_SIGN), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        assertThat(e.alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
        assertThat(e.getMessage()).contains("neither digitalSignature nor keyEncipherment");
    }

    @Test
    void leafWithKeyEnciphermentOnlyIsAccepted() {
        CertificateGenerator rsa = CertificateGenerator.rsa().now(NOW);
        GeneratedPki pki = rsa.ca("Root CA").leaf(b -> b.keyUsage(KeyUsageBit.KEY_ENCIPHERMENT), "localhost");
        assertAccepted(pki, "localhost", PeerRole.SERVER);
    }

    @Test
    void serverCertificateNeedsServerAuthWhenExtendedKeyUsageIsPresent() {
        GeneratedPki clientOnly = EC.ca("Root CA").leaf(b -> b.extendedKeyUsage(Purpose.CLIENT_AUTH), "localhost");
        CertificateVerificationException e = serverRejection(clientOnly);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        assertThat(e.getMessage()).contains("not valid for TLS servers: its extendedKeyUsage lacks serverAuth");
        assertAccepted(clientOnly, null, PeerRole.CLIENT);
    }

    @Test
    void clientCertificateNeedsClientAuthWhenExtendedKeyUsageIsPresent() {
        GeneratedPki serverOnly = EC.ca("Root CA").leaf(b -> b.extendedKeyUsage(Purpose.SERVER_AUTH), "alice");
        CertificateVerificationException e = rejection(serverOnly, serverOnly.chain(), null, PeerRole.CLIENT);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        assertThat(e.getMessage()).contains("lacks clientAuth");
    }

    @Test
    void absentOrAnyExtendedKeyUsageAllowsBothRoles() {
        GeneratedPki none = EC.ca("Root CA").leaf(CertificateBuilder::withoutExtendedKeyUsage, "localhost");
        GeneratedPki any = EC.ca("Root CA").leaf(b -> b.extendedKeyUsage(Purpose.ANY), "localhost");
        for (GeneratedPki pki : List.of(none, any)) {
            assertAccepted(pki, "localhost", PeerRole.SERVER);
            assertAccepted(pki, null, PeerRole.CLIENT);
        }
    }

    @Test
    void intermediateWithoutKeyCertSignIsWrongKeyUsage() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", b -> b.keyUsage(KeyUsageBit.DIGITAL_SIGNATURE)).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        assertThat(e.getMessage()).contains("'CN=Issuing CA' may not sign certificates");
    }

    @Test
    void intermediateRestrictedToClientAuthCannotCertifyServers() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Client CA", b -> b.extendedKeyUsage(Purpose.CLIENT_AUTH)).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        assertThat(e.getMessage()).contains("'CN=Client CA'");
        assertAccepted(pki, null, PeerRole.CLIENT);
    }

    // --- security policy ----------------------------------------------------------------------------------------

    @Test
    void rsa1024LeafIsWeakKey() {
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.keyType(KeyType.rsa(1024)), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY);
        assertThat(e.alert()).isEqualTo(AlertDescription.INSUFFICIENT_SECURITY);
        assertThat(e.getMessage()).contains("'CN=localhost' is too weak: its RSA key has 1024 bits, fewer than the 2048 required");
    }

    @Test
    void rsa1024IntermediateIsWeakKey() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", b -> b.keyType(KeyType.rsa(1024))).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY);
        assertThat(e.getMessage()).contains("'CN=Issuing CA'");
    }

    @Test
    void weakKeyIsAcceptedWhenPolicyAllowsIt() {
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.keyType(KeyType.rsa(1024)), "localhost");
        PkixCertificateVerifier lenient = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults().withMinRsaKeyBits(1024));
        assertThatCode(() -> lenient.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER)).doesNotThrowAnyException();
    }

    @Test
    void curveOutsidePolicyIsWeakKey() {
        GeneratedPki pki = CertificateGenerator.ecP384().now(NOW).ca("Root CA").leaf("localhost");
        PkixCertificateVerifier p256Only = new PkixCertificateVerifier(pki.trustAnchors(),
                SecurityPolicy.defaults().withAllowedCurves(Set.of("secp256r1")));
        CertificateVerificationException e = rejection(p256Only, pki.chain(), "localhost", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_KEY);
        assertThat(e.getMessage()).contains("curve secp384r1");
    }

    @Test
    void sha1SignedLeafIsWeakSignatureAlgorithm() {
        CertificateGenerator rsa = CertificateGenerator.rsa().now(NOW);
        GeneratedPki pki = rsa.ca("Root CA").leaf(b -> b.signatureAlgorithm("SHA1withRSA"), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_SIGNATURE_ALGORITHM);
        assertThat(e.getMessage()).contains("'CN=localhost'").contains("SHA1withRSA").contains("SHA-1 signatures are not allowed");
        PkixCertificateVerifier lenient = new PkixCertificateVerifier(pki.trustAnchors(),
                SecurityPolicy.defaults().withAllowedSignatureHashes(Set.of("SHA-1", "SHA-256")));
        assertThatCode(() -> lenient.verify(pki.chain(), "localhost", NOW, PeerRole.SERVER)).doesNotThrowAnyException();
    }

    @Test
    void sha1SignedIntermediateIsWeakSignatureAlgorithm() {
        GeneratedPki pki = EC.ca("Root CA").intermediate("Issuing CA", b -> b.signatureAlgorithm("SHA1withECDSA")).leaf("localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_SIGNATURE_ALGORITHM);
        assertThat(e.getMessage()).contains("'CN=Issuing CA'");
    }

    @Test
    void sha1SelfSignatureOfTheTrustAnchorIsIgnored() {
        CertificateGenerator rsa = CertificateGenerator.rsa().now(NOW);
        GeneratedPki pki = rsa.ca("Old Root CA", b -> b.signatureAlgorithm("SHA1withRSA")).leaf("localhost");
        assertThat(pki.caCertificate().getSigAlgName()).isEqualTo("SHA1withRSA");
        assertAccepted(pki, "localhost", PeerRole.SERVER);
    }

    // --- hostname -----------------------------------------------------------------------------------------------

    @Test
    void wrongHostnameIsHostnameMismatch() {
        GeneratedPki pki = EC.ca("Root CA").leaf("localhost", "127.0.0.1");
        CertificateVerificationException e = rejection(pki, pki.chain(), "example.com", PeerRole.SERVER);
        assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(e.alert()).isEqualTo(AlertDescription.BAD_CERTIFICATE);
        assertThat(e.getMessage()).contains("'CN=localhost' is not valid for 'example.com': it names DNS:localhost, IP:127.0.0.1");
        assertThat(rejection(pki, pki.chain(), "127.0.0.2", PeerRole.SERVER).reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
    }

    @Test
    void wildcardCertificateMatchesOneLabel() {
        GeneratedPki pki = EC.ca("Root CA").leaf("*.example.com");
        assertAccepted(pki, "www.example.com", PeerRole.SERVER);
        assertThat(rejection(pki, pki.chain(), "a.b.example.com", PeerRole.SERVER).reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(rejection(pki, pki.chain(), "example.com", PeerRole.SERVER).reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
    }

    @Test
    void hostnameIsCheckedOnlyAfterTheChainIsTrusted() {
        GeneratedPki trusted = EC.ca("Trusted CA").leaf("localhost");
        GeneratedPki other = EC.ca("Other CA").leaf("elsewhere");
        assertThat(rejection(trusted, other.chain(), "localhost", PeerRole.SERVER).reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
    }

    // --- the JDK PKIX backstop ----------------------------------------------------------------------------------

    @Test
    void unknownCriticalExtensionIsRejectedByPkix() {
        byte[] derNull = {0x05, 0x00};
        GeneratedPki pki = EC.ca("Root CA").leaf(b -> b.extension("1.3.6.1.4.1.55555.1", true, derNull), "localhost");
        CertificateVerificationException e = serverRejection(pki);
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(e.getMessage()).contains("'CN=localhost' failed PKIX validation");
    }

    // --- certificates made by another implementation -------------------------------------------------------------

    @Test
    void acceptsAChainMadeByOpenssl(@TempDir Path dir) throws Exception {
        OpenSsl.assumeInstalled();
        Files.writeString(dir.resolve("ca.cnf"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                + "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        Files.writeString(dir.resolve("leaf.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n");
        OpenSsl.runOk(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=OpenSSL Root", "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        OpenSsl.runOk(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=OpenSSL Issuing");
        OpenSsl.runOk(dir, "x509", "-req", "-in", "int.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "20", "-extfile", "ca.cnf", "-out", "int.pem");
        OpenSsl.runOk(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
                "-subj", "/CN=localhost");
        OpenSsl.runOk(dir, "x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-CAcreateserial",
                "-days", "10", "-extfile", "leaf.cnf", "-out", "leaf.pem");

        List<X509Certificate> chain = List.of(Pem.readCertificates(dir.resolve("leaf.pem")).get(0),
                Pem.readCertificates(dir.resolve("int.pem")).get(0));
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(TrustAnchors.fromPem(dir.resolve("ca.pem")));
        // openssl stamps the certificates with the real time, so they are checked at the real time too.
        Instant realNow = Instant.now();
        assertThatCode(() -> verifier.verify(chain, "localhost", realNow, PeerRole.SERVER)).doesNotThrowAnyException();
        assertThatCode(() -> verifier.verify(chain, "127.0.0.1", realNow, PeerRole.SERVER)).doesNotThrowAnyException();
        CertificateVerificationException asClient = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(chain, null, realNow, PeerRole.CLIENT));
        assertThat(asClient.reason()).isEqualTo(Reason.WRONG_KEY_USAGE);
        CertificateVerificationException later = catchThrowableOfType(CertificateVerificationException.class,
                () -> verifier.verify(chain, "localhost", realNow.plus(Duration.ofDays(15)), PeerRole.SERVER));
        assertThat(later.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(later.getMessage()).contains("'CN=localhost' expired");
        assertThat(KeyMaterial.fromPem(dir.resolve("leaf.pem"), dir.resolve("leaf.key")).leaf()).isEqualTo(chain.get(0));
    }
}
