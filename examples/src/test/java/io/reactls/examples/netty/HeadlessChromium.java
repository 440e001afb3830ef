package io.reactls.examples.netty;

import io.reactls.testing.PeerProcess;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code chromium} run headless as a subprocess, the way a person's browser would load a page. It trusts
 * exactly one server key (its SPKI pin), not every certificate. Each run gets its own profile directory, writes no
 * crash dumps and uses no /dev/shm (small in containers); {@link PeerProcess} kills it by PID if it hangs.
 */
final class HeadlessChromium {

    /** A hang guard only: on a loaded two-core machine the two runs of one test took 47 s (7 s on an idle one). */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Path profile;
    private final String spkiPin;

    /** {@code profile}: an empty directory for this browser's user data; {@code server}: the leaf to trust. */
    HeadlessChromium(Path profile, X509Certificate server) {
        this.profile = profile;
        this.spkiPin = spkiPin(server);
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)), the form {@code --ignore-certificate-errors-spki-list} takes. */
    static String spkiPin(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads {@code url} and returns the DOM after scripts ran (Chromium's {@code --dump-dom}). */
    String dumpDom(String url) {
        PeerProcess chromium = run(List.of("--dump-dom", url));
        return chromium.stdout().text();
    }

    /** Loads {@code url} in a {@code width}×{@code height} window and saves a PNG screenshot of it to {@code png}. */
    void screenshot(String url, Path png, int width, int height) {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
    }

    private PeerProcess run(List<String> what) {
        List<String> command = new ArrayList<>(List.of("chromium",
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter",
                "--no-default-browser-check", "--user-data-dir=" + profile.toAbsolutePath(),
                "--ignore-certificate-errors-spki-list=" + spkiPin));
        command.addAll(what);
        try (PeerProcess chromium = PeerProcess.start(command)) {
            int exit = chromium.awaitExit(RUN_TIMEOUT);
            assertThat(exit).as("chromium exit code\n" + chromium.describeOutput()).isZero();
            return chromium;
        }
    }
}
