package io.reactls.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateGenerator;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.GeneratedPki;
import java.io.ByteArrayInputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A chain is verified once per handshake: each certificate signature is computed once although both our checks and
 * the JDK's PKIX validator ask for it (the second ask is answered by the certificate's memo of a successful
 * verification with the same key), and a chain seen again is not verified at all (the verified-chain cache).
 * Counted with a provider placed first for SHA256withECDSA that counts every {@code verify} it performs.
 */
class OneChainVerificationTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void eachSignatureOfAChainIsComputedOnceAndARepeatedChainNotAtAll() throws Exception {
        GeneratedPki pki = CertificateGenerator.ec().now(NOW).ca("Root CA").intermediate("Issuing CA").leaf("localhost");
        VerifiedChainCache cache = new VerifiedChainCache(4, java.time.Duration.ofMinutes(1));
        PkixCertificateVerifier verifier = new PkixCertificateVerifier(pki.trustAnchors(), SecurityPolicy.defaults(), cache);
        List<X509Certificate> chain = parsed(pki.chain());
        CountingProvider counting = new CountingProvider();
        Security.insertProviderAt(counting, 1);
        try {
            verifier.verify(chain, "localhost", NOW, PeerRole.SERVER);
            assertThat(counting.verifications.get()).as("leaf and intermediate, once each").isEqualTo(2);

            verifier.verify(chain, "localhost", NOW.plusSeconds(1), PeerRole.SERVER);
            assertThat(counting.verifications.get()).as("the second handshake's chain comes from the cache").isEqualTo(2);
        } finally {
            Security.removeProvider(counting.getName());
        }
    }

    /** The chain as a handshake sees it: parsed from its bytes by the JDK's certificate factory. */
    private static List<X509Certificate> parsed(List<X509Certificate> chain) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
        }
        return out;
    }

    /** SHA256withECDSA from SunEC, counting the verifications it performs. */
    private static final class CountingProvider extends Provider {

        final AtomicInteger verifications = new AtomicInteger();

        CountingProvider() {
            super("CountingEcdsa", "1.0", "counts SHA256withECDSA verifications");
            putService(new Service(this, "Signature", "SHA256withECDSA", CountingSignature.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) {
                    return new CountingSignature(verifications);
                }
            });
        }
    }

    private static final class CountingSignature extends SignatureSpi {

        private final AtomicInteger verifications;
        private final Signature delegate;

        CountingSignature(AtomicInteger verifications) {
            this.verifications = verifications;
            try {
                this.delegate = Signature.getInstance("SHA256withECDSA", "SunEC");
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            verifications.incrementAndGet();
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) throws InvalidParameterException {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) throws InvalidParameterException {
            throw new InvalidParameterException("no parameters");
        }
    }
}
