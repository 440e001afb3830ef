package io.reactls.examples.spring;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot WebFlux application whose Reactor Netty server and {@link org.springframework.web.reactive.function.client.WebClient}
 * run on reactls ({@link ReactlsTlsConfiguration}), with its key and trust in a Spring {@code SslBundle} named
 * {@value ReactlsTlsConfiguration#BUNDLE}. Start it with
 * {@code mvn -pl examples -am -Pspring-boot -DskipTests package}: without a bundle configured it generates a demo CA and a
 * localhost certificate and serves https://localhost:8443/ over HTTP/2 and HTTP/1.1.
 */
@SpringBootApplication
public class ReactlsWebFluxApplication {

    static final String KEYSTORE_CERTIFICATE = "spring.ssl.bundle.pem." + ReactlsTlsConfiguration.BUNDLE + ".keystore.certificate";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ReactlsWebFluxApplication.class);
        boolean configured = System.getProperty(KEYSTORE_CERTIFICATE) != null
                || Arrays.stream(args).anyMatch(a -> a.startsWith("--" + KEYSTORE_CERTIFICATE + "="));
        if (!configured) {
            app.setDefaultProperties(demoBundle(Path.of(System.getProperty("java.io.tmpdir"), "reactls-spring-boot-pem")));
        }
        app.run(args);
    }

    /** A fresh CA and localhost certificate as PEM files in {@code dir}, as the bundle's properties, on port 8443. */
    static Map<String, Object> demoBundle(Path dir) {
        GeneratedPki pki = CertificateGenerator.ec().ca("reactls Spring Boot demo CA").leaf("localhost", "127.0.0.1");
        GeneratedPki.PemFiles pem = pki.writePem(dir);
        System.err.println("reactls Spring Boot example: demo CA in " + pem.ca() + "; try\n  curl --http2 --cacert "
                + pem.ca() + " https://localhost:8443/");
        return Map.of("server.port", "8443", KEYSTORE_CERTIFICATE, "file:" + pem.chain(),
                "spring.ssl.bundle.pem." + ReactlsTlsConfiguration.BUNDLE + ".keystore.private-key", "file:" + pem.key(),
                "spring.ssl.bundle.pem." + ReactlsTlsConfiguration.BUNDLE + ".truststore.certificate", "file:" + pem.ca());
    }
}
