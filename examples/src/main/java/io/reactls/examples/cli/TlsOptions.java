package io.reactls.examples.cli;

import io.reactls.crypto.CipherSuite;
import io.reactls.crypto.NamedGroup;
import io.reactls.handshake.TlsConfig;
import io.reactls.handshake.TlsVersion;
import picocli.CommandLine.Option;

import java.util.List;

/** What to negotiate, shared by {@code server} and {@code client}; anything not given keeps reactls's defaults. */
final class TlsOptions {

    @Option(names = "--versions", split = ",", paramLabel = "LIST", converter = NameConverters.Version.class,
            description = "TLS versions to enable, e.g. 1.2 (default: reactls's defaults).")
    List<TlsVersion> versions;

    @Option(names = "--suites", split = ",", paramLabel = "LIST", converter = NameConverters.Suite.class,
            completionCandidates = NameConverters.SuiteNames.class,
            description = "Cipher suites by IANA name, in preference order. Default: the ECDHE suites. "
                    + "Known: ${COMPLETION-CANDIDATES}")
    List<CipherSuite> suites;

    @Option(names = "--groups", split = ",", paramLabel = "LIST", converter = NameConverters.Group.class,
            completionCandidates = NameConverters.GroupNames.class,
            description = "ECDHE groups (P-256 and P-384 are accepted too). Default: x25519,secp256r1,secp384r1. "
                    + "Known: ${COMPLETION-CANDIDATES}")
    List<NamedGroup> groups;

    @Option(names = "--alpn", split = ",", paramLabel = "LIST",
            description = "Application protocols (ALPN) to offer or accept, e.g. h2,http/1.1.")
    List<String> alpn;

    TlsConfig.Builder applyTo(TlsConfig.Builder builder) {
        if (versions != null) {
            builder.versions(versions);
        }
        if (suites != null) {
            builder.cipherSuites(suites);
        }
        if (groups != null) {
            builder.groups(groups);
        }
        if (alpn != null) {
            builder.alpn(alpn);
        }
        return builder;
    }
}
