package io.reactls;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A root CA and the intermediates under it so far; {@link #leaf} finishes the PKI. */
public final class PkiBuilder {

    private final CertificateGenerator generator;
    private final IssuedCertificate root;
    private final List<IssuedCertificate> intermediates;

    PkiBuilder(CertificateGenerator generator, IssuedCertificate root) {
        this(generator, root, List.of());
    }

    private PkiBuilder(CertificateGenerator generator, IssuedCertificate root, List<IssuedCertificate> intermediates) {
        this.generator = generator;
        this.root = root;
        this.intermediates = intermediates;
    }

    /**
     * The root CA this PKI grows from.
     *
     * @return the root certificate and key
     */
    public IssuedCertificate root() {
        return root;
    }

    /**
     * Adds an intermediate CA signed by the current issuer (the root or the previous intermediate).
     *
     * @param commonName the intermediate's CN
     * @return a builder with the intermediate added
     */
    public PkiBuilder intermediate(String commonName) {
        return intermediate(commonName, b -> { });
    }

    /**
     * Adds an intermediate CA, customized before it is issued.
     *
     * @param commonName the intermediate's CN
     * @param customizer changes the certificate before issue
     * @return a builder with the intermediate added
     */
    public PkiBuilder intermediate(String commonName, Consumer<CertificateBuilder> customizer) {
        CertificateBuilder builder = generator.caCertificate(commonName).issuedBy(issuer());
        customizer.accept(builder);
        List<IssuedCertificate> next = new ArrayList<>(intermediates);
        next.add(builder.issue());
        return new PkiBuilder(generator, root, List.copyOf(next));
    }

    /**
     * A leaf whose CN is the first name and whose SANs are all names (DNS names or IP literals).
     *
     * @param names the names, the first also the CN
     * @return the finished PKI
     */
    public GeneratedPki leaf(String... names) {
        return leaf(b -> { }, names);
    }

    /**
     * A leaf like {@link #leaf(String...)}, customized before it is issued.
     *
     * @param customizer changes the certificate before issue
     * @param names the names, the first also the CN
     * @return the finished PKI
     */
    public GeneratedPki leaf(Consumer<CertificateBuilder> customizer, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("a leaf needs at least one name");
        }
        CertificateBuilder builder = generator.certificate(names[0]).subjectAltNames(names).issuedBy(issuer());
        customizer.accept(builder);
        return new GeneratedPki(root, intermediates, builder.issue());
    }

    private IssuedCertificate issuer() {
        return intermediates.isEmpty() ? root : intermediates.get(intermediates.size() - 1);
    }
}
