package io.reactls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Generates small PKIs for demos and tests: a self-signed CA, optional intermediates, and a leaf.
 * <pre>{@code
 * GeneratedPki pki = CertificateGenerator.rsa().ca("reactls demo CA").leaf("localhost", "127.0.0.1");
 * GeneratedPki expired = CertificateGenerator.ec().now(t).ca("CA")
 *         .leaf(b -> b.notAfter(t.minusSeconds(1)), "localhost");
 * }</pre>
 * Validity is relative to the injected clock, so tests can verify at a fixed instant.
 */
public final class CertificateGenerator {

    private final KeyType keyType;
    private final Clock clock;

    private CertificateGenerator(KeyType keyType, Clock clock) {
        this.keyType = Objects.requireNonNull(keyType);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * RSA 2048 keys, SHA256withRSA signatures.
     *
     * @return the generator
     */
    public static CertificateGenerator rsa() {
        return of(KeyType.RSA_2048);
    }

    /**
     * RSASSA-PSS 2048 keys (SubjectPublicKeyInfo id-RSASSA-PSS, no parameter restrictions), certificates signed with
     * RSASSA-PSS SHA-256: these keys sign TLS handshakes with rsa_pss_pss_* only.
     *
     * @return the generator
     */
    public static CertificateGenerator rsaPss() {
        return of(KeyType.RSA_PSS_2048);
    }

    /**
     * RSASSA-PSS 2048 keys whose parameters restrict them to {@code hash} (MGF1 over it, salt of its length).
     *
     * @param hash {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
     * @return the generator
     */
    public static CertificateGenerator rsaPss(String hash) {
        return of(KeyType.rsaPss(2048, hash));
    }

    /**
     * EC P-256 keys, SHA256withECDSA signatures: fast to generate, the usual test choice.
     *
     * @return the generator
     */
    public static CertificateGenerator ec() {
        return of(KeyType.EC_P256);
    }

    /**
     * EC P-384 keys, SHA384withECDSA signatures.
     *
     * @return the generator
     */
    public static CertificateGenerator ecP384() {
        return of(KeyType.EC_P384);
    }

    /**
     * Ed25519 keys and signatures.
     *
     * @return the generator
     */
    public static CertificateGenerator ed25519() {
        return of(KeyType.ED25519);
    }

    /**
     * Keys of {@code keyType}, signed with its default algorithm.
     *
     * @param keyType the key type
     * @return the generator
     */
    public static CertificateGenerator of(KeyType keyType) {
        return new CertificateGenerator(keyType, Clock.systemUTC());
    }

    /**
     * The same generator with validity periods computed from a fixed instant.
     *
     * @param now the reference time
     * @return the generator
     */
    public CertificateGenerator now(Instant now) {
        return new CertificateGenerator(keyType, Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    /**
     * The same generator with validity periods computed from {@code clock}'s time.
     *
     * @param clock the clock
     * @return the generator
     */
    public CertificateGenerator clock(Clock clock) {
        return new CertificateGenerator(keyType, clock);
    }

    /**
     * The key type generated.
     *
     * @return the key type
     */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * The reference time validity periods start from.
     *
     * @return the current reference time
     */
    public Instant now() {
        return clock.instant();
    }

    /**
     * A builder for one certificate with this generator's key type and a year's validity from now.
     *
     * @param commonName the subject CN
     * @return the builder
     */
    public CertificateBuilder certificate(String commonName) {
        return new CertificateBuilder(commonName, keyType, now());
    }

    /**
     * A builder preset as a CA (basicConstraints CA, keyCertSign) valid for ten years.
     *
     * @param commonName the subject CN
     * @return the builder
     */
    public CertificateBuilder caCertificate(String commonName) {
        return certificate(commonName).ca(true).notAfter(now().plus(Duration.ofDays(3650)));
    }

    /**
     * Starts a PKI at a new self-signed root CA.
     *
     * @param commonName the root's CN
     * @return a PKI builder under the root
     */
    public PkiBuilder ca(String commonName) {
        return ca(commonName, b -> { });
    }

    /**
     * Starts a PKI at a self-signed root CA, adjusted by {@code customizer} (e.g. a SHA-1 self-signature).
     *
     * @param commonName the root's CN
     * @param customizer changes the root before it is issued
     * @return a PKI builder under the root
     */
    public PkiBuilder ca(String commonName, Consumer<CertificateBuilder> customizer) {
        CertificateBuilder builder = caCertificate(commonName);
        customizer.accept(builder);
        return new PkiBuilder(this, builder.issue());
    }

    /**
     * Continues a PKI from an existing root (e.g. one CA shared by several tests).
     *
     * @param root the root CA
     * @return a PKI builder under the root
     */
    public PkiBuilder ca(IssuedCertificate root) {
        return new PkiBuilder(this, root);
    }
}
