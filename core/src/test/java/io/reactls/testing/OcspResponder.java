package io.reactls.testing;

import io.reactls.cert.Ocsp;
import io.reactls.cert.RevocationStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl ocsp} as a responder on 127.0.0.1, answering from an index.txt this class writes (each certificate
 * valid, or revoked with a reason), signed by the delegated responder of an {@link OcspPki}, with a nextUpdate a few
 * minutes ahead.
 *
 * <p>Race-free: the responder binds port 0 first and says which port it got; only then does the test issue the leaves
 * that name that port ({@link #url}) and {@link #add} them. The responder is never restarted: {@link #add} and
 * {@link #revoke} rewrite the index, which openssl reloads, and return once the responder answers accordingly. A port
 * picked free and bound later (or bound again after a restart) could meanwhile go to anyone else on the machine.
 * {@link #close} kills the responder by PID.
 */
public final class OcspResponder implements AutoCloseable {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** What openssl ocsp prints once bound: {@code ACCEPT [::]:41234 PID=5678}. */
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S*:(\\d+) ");

    private final OcspPki pki;
    private final Path index;
    private final Map<X509Certificate, String> revoked = new LinkedHashMap<>();
    private final List<X509Certificate> known = new ArrayList<>();
    /** The index's mtime in whole seconds, raised at each rewrite: openssl sees a change by second only. */
    private long indexSecond;
    private PeerProcess process;
    private int port;

    private OcspResponder(OcspPki pki, Path index) {
        this.pki = pki;
        this.index = index;
    }

    /** Starts a responder on a port of the kernel's choosing that knows no certificate yet (it answers "unknown"). */
    public static OcspResponder start(OcspPki pki) {
        try {
            OcspResponder responder = new OcspResponder(pki, Files.createTempFile(pki.dir(), "index-", ".txt"));
            responder.writeIndex();
            responder.launch();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port the responder is bound to, for the leaves' authorityInfoAccess. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port/}, the responder's URL as the leaves name it. */
    public String url() {
        return OcspPki.url(port, "");
    }

    /** Answers "good" for {@code certificates} from now on (once this returns). */
    public void add(X509Certificate... certificates) {
        known.addAll(List.of(certificates));
        writeIndex();
        for (X509Certificate c : certificates) {
            awaitAnswer(c, RevocationStatus.State.GOOD);
        }
    }

    /** Answers "revoked" with an openssl reason name (e.g. keyCompromise) for a known {@code certificate} from now on. */
    public void revoke(X509Certificate certificate, String reason) {
        if (!known.contains(certificate)) {
            throw new IllegalArgumentException("not added: " + certificate.getSubjectX500Principal());
        }
        revoked.put(certificate, reason);
        writeIndex();
        awaitAnswer(certificate, RevocationStatus.State.REVOKED);
    }

    /** Stops the responder for good: its URL then refuses connections. */
    public void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** The running {@code openssl ocsp}, for its output in assertion messages (null once stopped). */
    public PeerProcess process() {
        return process;
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        process = PeerProcess.start(List.of("openssl", "ocsp", "-index", index.toString(), "-port", "0",
                "-CA", pki.caPem().toString(), "-rsigner", pki.responderPem().toString(), "-rkey", pki.responderKey().toString(),
                "-nmin", "5"));
        AtomicReference<Matcher> bound = new AtomicReference<>();
        boolean ready = LoopbackPorts.poll(() -> {
            Matcher m = ACCEPT.matcher(process.stdout().text());
            if (m.find()) {
                bound.set(m);
            }
            return !process.isAlive() || bound.get() != null
                    && process.stderr().text().contains("waiting for OCSP client connections");
        }, TIMEOUT);
        if (!ready || !process.isAlive()) {
            String output = process.describeOutput();
            stop();
            throw new AssertionError("openssl ocsp did not start\n" + output);
        }
        port = Integer.parseInt(bound.get().group(1));
    }

    /** Rewrites the index whole (a new file moved over the old): openssl must never read half of it. */
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
            Path next = Files.createTempFile(index.getParent(), "index-", ".next");
            Files.writeString(next, lines.toString(), StandardCharsets.US_ASCII);
            indexSecond = Math.max(Instant.now().getEpochSecond(), indexSecond + 1);
            Files.setLastModifiedTime(next, FileTime.from(indexSecond, TimeUnit.SECONDS));
            Files.move(next, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(Path.of(index + ".attr"), "unique_subject = no\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asks the responder about {@code certificate} until it answers {@code expected}. openssl looks at the index's
     * mtime before it waits for the next connection, so the first answer after a rewrite can still be the old one.
     */
    private void awaitAnswer(X509Certificate certificate, RevocationStatus.State expected) {
        AtomicReference<String> last = new AtomicReference<>("none");
        boolean answered = LoopbackPorts.poll(() -> {
            try {
                RevocationStatus status = Ocsp.evaluate(post(Ocsp.request(certificate, pki.ca().certificate())), certificate,
                        pki.ca().certificate(), Instant.now(), "openssl ocsp");
                last.set(status.toString());
                return status.state() == expected;
            } catch (IOException | RuntimeException e) {
                last.set(e.toString());
                return false;
            }
        }, TIMEOUT);
        if (!answered) {
            throw new AssertionError("openssl ocsp on port " + port + " did not answer " + expected + " for "
                    + certificate.getSubjectX500Principal() + " within " + TIMEOUT + ", last: " + last
                    + (process != null ? "\n" + process.describeOutput() : ""));
        }
    }

    private byte[] post(byte[] request) throws IOException {
        HttpURLConnection http = (HttpURLConnection) URI.create(url()).toURL().openConnection();
        try {
            http.setConnectTimeout((int) TIMEOUT.toMillis());
            http.setReadTimeout((int) TIMEOUT.toMillis());
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/ocsp-request");
            try (OutputStream out = http.getOutputStream()) {
                out.write(request);
            }
            try (InputStream in = http.getInputStream()) {
                return in.readAllBytes();
            }
        } finally {
            http.disconnect();
        }
    }
}
