package io.reactls.examples.cli;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsConfigBuilder;
import io.reactls.TlsVersion;
import picocli.CommandLine.Option;

import java.util.List;

/** What to negotiate, shared by {@code server} and {@code client}; anything not given keeps reactls's defaults. */
final class TlsOptions {

    @Option(names = "--versions", split = ",", paramLabel = "LIST", converter = NameConverters.Version.class,
            description = "TLS versions to enable: 1.3, 1.2 or both (default: 1.2,1.3, TLS 1.3 preferred). "
                    + "Without --suites, the default suites of the enabled versions are used.")
    List<TlsVersion> versions;

    @Option(names = "--suites", split = ",", paramLabel = "LIST", converter = NameConverters.Suite.class,
            completionCandidates = NameConverters.SuiteNames.class,
            description = "Cipher suites by IANA name (OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256 work too), in preference order: the TLS 1.3 suites (TLS_AES_128_GCM_SHA256, "
                    + "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) and the TLS 1.2 ones. Default: the TLS 1.3 "
                    + "suites, then the TLS 1.2 ECDHE suites; the legacy TLS 1.2 CBC suites (e.g. "
                    + "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA) only when listed. Listing suites of one version only, without "
                    + "--versions, enables that version only. Known: ${COMPLETION-CANDIDATES}")
    List<CipherSuite> suites;

    @Option(names = "--groups", split = ",", paramLabel = "LIST", converter = NameConverters.Group.class,
            completionCandidates = NameConverters.GroupNames.class,
            description = "ECDHE groups (P-256 and P-384 are accepted too). Default: x25519,secp256r1,secp384r1. "
                    + "Known: ${COMPLETION-CANDIDATES}")
    List<NamedGroup> groups;

    @Option(names = "--alpn", split = ",", paramLabel = "LIST",
            description = "Application protocols (ALPN) to offer or accept, e.g. h2,http/1.1.")
    List<String> alpn;

    @Option(names = "--session-cache", paramLabel = "N",
            description = "TLS 1.2 session-ID resumption: cache up to N sessions for 2 hours (default: off for the "
                    + "client, 1000 for the server).")
    Integer sessionIdCache;

    @Option(names = "--keylogfile", paramLabel = "FILE",
            description = "Append the connections' secrets to FILE in the NSS key log format (SSLKEYLOGFILE), so "
                    + "Wireshark/tshark can decrypt a capture. For debugging only.")
    java.nio.file.Path keyLogFile;

    @Option(names = "--require-ems",
            description = "Refuse a TLS 1.2 handshake without the extended master secret (RFC 7627) with "
                    + "handshake_failure. By default it is accepted, as OpenSSL does, and its session is never resumed.")
    boolean requireEms;

    /** Sets what was given on a client or server builder (the options both have). */
    void applyTo(TlsConfigBuilder<?> builder) {
        builder.requireExtendedMasterSecret(requireEms);
        if (keyLogFile != null) {
            builder.keyLogFile(keyLogFile);
        }
        if (sessionIdCache != null) {
            builder.sessionIdCache(sessionIdCache, java.time.Duration.ofHours(2));
        }
        if (versions != null) {
            builder.versions(versions.toArray(TlsVersion[]::new));
        }
        if (suites != null) {
            builder.cipherSuites(suites.toArray(CipherSuite[]::new));
        }
        if (groups != null) {
            builder.groups(groups.toArray(NamedGroup[]::new));
        }
        if (alpn != null) {
            builder.alpn(alpn.toArray(String[]::new));
        }
    }
}
