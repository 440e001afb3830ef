package io.reactls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code openssl ocsp} as a responder on a port of 127.0.0.1's choosing, answering from an index.txt this class
 * writes (each certificate valid, or revoked with a reason), signed by the delegated responder of an
 * {@link OcspPki}, with a nextUpdate a few minutes ahead. {@link #revoke} rewrites the index and restarts the
 * responder; {@link #close} kills it by PID.
 */
public final class OcspResponder implements AutoCloseable {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final OcspPki pki;
    private final int port;
    private final Path index;
    private final Map<X509Certificate, String> revoked = new LinkedHashMap<>();
    private final List<X509Certificate> known = new ArrayList<>();
    private PeerProcess process;

    private OcspResponder(OcspPki pki, int port, List<X509Certificate> certificates) {
        this.pki = pki;
        this.port = port;
        this.index = pki.dir().resolve("index-" + port + ".txt");
        this.known.addAll(certificates);
    }

    /** Starts a responder on {@code port} that knows {@code certificates}, all valid. */
    public static OcspResponder start(OcspPki pki, int port, X509Certificate... certificates) {
        OcspResponder responder = new OcspResponder(pki, port, List.of(certificates));
        responder.writeIndex();
        responder.launch();
        return responder;
    }

    public int port() {
        return port;
    }

    public String url() {
        return OcspPki.url(port, "");
    }

    /** Marks {@code certificate} revoked with an openssl reason name (e.g. keyCompromise) and restarts. */
    public void revoke(X509Certificate certificate, String reason) {
        revoked.put(certificate, reason);
        writeIndex();
        stop();
        launch();
    }

    /** Stops the responder (a responder that is down); {@link #restart} brings it back. */
    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    public void restart() {
        stop();
        launch();
    }

    public PeerProcess process() {
        return process;
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean ready(PeerProcess p) {
        return p.stdout().text().contains("waiting for OCSP client connections")
                || p.stderr().text().contains("waiting for OCSP client connections");
    }

    private void writeIndex() {
        StringBuilder lines = new StringBuilder();
        for (X509Certificate c : known) {
            String expiry = INDEX_TIME.format(c.getNotAfter().toInstant());
            String reason = revoked.get(c);
            String revocation = reason == null ? "" : INDEX_TIME.format(Instant.now().minusSeconds(60)) + "," + reason;
            lines.append(reason == null ? "V" : "R").append('\t').append(expiry).append('\t').append(revocation).append('\t')
                    .append(OcspPki.serialHex(c.getSerialNumber())).append("\tunknown\t").append(OcspPki.dn(c)).append('\n');
        }
        try {
            Files.writeString(index, lines.toString(), StandardCharsets.US_ASCII);
            Files.writeString(Path.of(index + ".attr"), "unique_subject = no\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void launch() {
        process = PeerProcess.start(List.of("openssl", "ocsp", "-index", index.toString(), "-port", Integer.toString(port),
                "-CA", pki.caPem().toString(), "-rsigner", pki.responderPem().toString(), "-rkey", pki.responderKey().toString(),
                "-nmin", "5"));
        // It listens on [::] (/proc/net/tcp6), and says so once it is ready.
        if (!LoopbackPorts.poll(() -> ready(process) || !process.isAlive(), STARTUP) || !process.isAlive()) {
            String output = process.describeOutput();
            process.close();
            throw new AssertionError("openssl ocsp did not start on port " + port + "\n" + output);
        }
    }
}
