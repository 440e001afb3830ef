package io.reactls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/** The certificates a verifier trusts as roots of chains, indexed by subject for chain building. */
public final class TrustAnchors {

    private final List<X509Certificate> certificates;
    private final Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();

    private TrustAnchors(Collection<X509Certificate> certificates) {
        this.certificates = List.copyOf(new LinkedHashSet<>(certificates));
        for (X509Certificate certificate : this.certificates) {
            bySubject.computeIfAbsent(certificate.getSubjectX500Principal(), k -> new ArrayList<>()).add(certificate);
        }
    }

    /**
     * The JDK's default trust store: {@code cacerts}, or whatever {@code javax.net.ssl.trustStore} names —
     * the same roots a default {@code SSLContext} trusts.
     *
     * @return the JDK's trusted roots
     * @throws KeyMaterialException when the trust store cannot be loaded
     */
    public static TrustAnchors jdkDefault() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return fromTrustManagerFactory(factory);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot load the JDK default trust store: " + e, e);
        }
    }

    /**
     * Every certificate in a PEM bundle (such as {@code /etc/ssl/certs/ca-certificates.crt}).
     *
     * @param bundle a PEM file of CA certificates
     * @return those certificates as anchors
     * @throws KeyMaterialException when the file cannot be read or holds no certificate
     */
    public static TrustAnchors fromPem(Path bundle) {
        return of(Pem.readCertificates(bundle));
    }

    /**
     * Every trusted certificate entry of a loaded {@link KeyStore} (a JKS or PKCS#12 trust store).
     *
     * @param store a loaded key store
     * @return its certificate entries as anchors
     */
    public static TrustAnchors fromKeyStore(KeyStore store) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return of(certificates);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read the trust store: " + e, e);
        }
    }

    /**
     * The accepted issuers of {@code factory}'s X.509 trust manager: the bridge from code that already builds a JSSE
     * {@link TrustManagerFactory} (it must have been initialised).
     *
     * @param factory an initialised trust manager factory
     * @return the issuers it accepts, as anchors
     */
    public static TrustAnchors fromTrustManagerFactory(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return of(Arrays.asList(x509.getAcceptedIssuers()));
            }
        }
        throw new KeyMaterialException("the trust manager factory has no X.509 trust manager");
    }

    /**
     * These certificates as trust anchors.
     *
     * @param certificates the trusted certificates
     * @return the anchors
     */
    public static TrustAnchors of(X509Certificate... certificates) {
        return of(Arrays.asList(certificates));
    }

    /**
     * These certificates as trust anchors.
     *
     * @param certificates the trusted certificates
     * @return the anchors
     */
    public static TrustAnchors of(Collection<X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    /**
     * The anchors.
     *
     * @return every trusted certificate
     */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * How many anchors there are.
     *
     * @return the number of trusted certificates
     */
    public int size() {
        return certificates.size();
    }

    /**
     * Whether this exact certificate (same encoding) is an anchor.
     *
     * @param certificate a certificate
     * @return true when it is one of the anchors
     */
    public boolean contains(X509Certificate certificate) {
        for (X509Certificate anchor : bySubject.getOrDefault(certificate.getSubjectX500Principal(), List.of())) {
            if (anchor.equals(certificate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Anchors whose subject is the certificate's issuer: the candidates that may have signed it.
     *
     * @param certificate a certificate
     * @return the anchors whose subject is its issuer
     */
    public List<X509Certificate> possibleIssuersOf(X509Certificate certificate) {
        return bySubject.getOrDefault(certificate.getIssuerX500Principal(), List.of());
    }

    /**
     * The anchors' subjects, e.g. for a CertificateRequest's certificate_authorities.
     *
     * @return the distinct subjects of the anchors
     */
    public Set<X500Principal> subjects() {
        return java.util.Collections.unmodifiableSet(bySubject.keySet());
    }
}
