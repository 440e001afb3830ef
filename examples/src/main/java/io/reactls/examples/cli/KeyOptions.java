package io.reactls.examples.cli;

import io.reactls.KeyMaterial;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The password of an encrypted private key (PEM: PKCS#8 or traditional; PKCS#12: store and key), shared by
 * {@code server} and {@code client}, and loading the certificate and key with it.
 */
final class KeyOptions {

    @Option(names = "--key-password", paramLabel = "PASSWORD",
            description = "Password of an encrypted --key, or of a PKCS#12 --cert (visible to other local users; "
                    + "prefer --key-password-file).")
    String password;

    @Option(names = "--key-password-file", paramLabel = "FILE",
            description = "Reads the key password from the first line of FILE.")
    Path passwordFile;

    /** Whether {@code cert} names a PKCS#12 store, which holds the key too. */
    static boolean isPkcs12(Path cert) {
        String name = cert.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /** The chain and key: a PKCS#12 {@code cert} alone, or a PEM chain and a PEM {@code key}. */
    KeyMaterial load(CommandLine cli, Path cert, Path key) {
        char[] secret = password(cli);
        if (isPkcs12(cert)) {
            if (key != null) {
                throw new CommandLine.ParameterException(cli, "a PKCS#12 --cert holds the key: leave out --key");
            }
            return KeyMaterial.fromPkcs12(cert, secret == null ? new char[0] : secret);
        }
        if (key == null) {
            throw new CommandLine.ParameterException(cli, "--key is needed with a PEM --cert (or give a .p12/.pfx --cert)");
        }
        return KeyMaterial.fromPem(cert, key, secret);
    }

    private char[] password(CommandLine cli) {
        if (password != null && passwordFile != null) {
            throw new CommandLine.ParameterException(cli, "--key-password and --key-password-file are exclusive");
        }
        if (passwordFile == null) {
            return password == null ? null : password.toCharArray();
        }
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = end < 0 ? text : text.substring(0, end);
            return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --key-password-file " + passwordFile + ": " + e.getMessage(), e);
        }
    }
}
