package io.reactls.examples.cli;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsVersion;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** What to negotiate, shared by {@code server} and {@code client}; anything not given keeps reactls's defaults. */
final class TlsOptions {

    @Option(names = "--versions", split = ",", paramLabel = "LIST", converter = NameConverters.Version.class,
            description = "TLS versions to enable: 1.3, 1.2 or both (default: 1.2,1.3, TLS 1.3 preferred). "
                    + "Without --suites, the default suites of the enabled versions are used.")
    List<TlsVersion> versions;

    @Option(names = "--suites", split = ",", paramLabel = "LIST", converter = NameConverters.Suite.class,
            completionCandidates = NameConverters.SuiteNames.class,
            description = "Cipher suites by IANA name, in preference order: the TLS 1.3 suites (TLS_AES_128_GCM_SHA256, "
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
            description = "TLS 1.2 session-ID resumption: cache up to N sessions for 2 hours (default: off).")
    Integer sessionIdCache;

    TlsClientConfig.Builder applyTo(TlsClientConfig.Builder builder) {
        apply(builder::versions, builder::cipherSuites, builder::groups, builder::alpn, builder::sessionIdCache);
        return builder;
    }

    TlsServerConfig.Builder applyTo(TlsServerConfig.Builder builder) {
        apply(builder::versions, builder::cipherSuites, builder::groups, builder::alpn, builder::sessionIdCache);
        return builder;
    }

    /** The same options on either side's builder (they share these setters, not a type). */
    private void apply(Consumer<TlsVersion[]> versionsSetter, Consumer<CipherSuite[]> suitesSetter,
                       Consumer<NamedGroup[]> groupsSetter, Consumer<String[]> alpnSetter,
                       BiConsumer<Integer, Duration> sessionIdCacheSetter) {
        if (sessionIdCache != null) {
            sessionIdCacheSetter.accept(sessionIdCache, Duration.ofHours(2));
        }
        if (versions != null) {
            versionsSetter.accept(versions.toArray(TlsVersion[]::new));
        }
        if (suites != null) {
            suitesSetter.accept(suites.toArray(CipherSuite[]::new));
        }
        if (groups != null) {
            groupsSetter.accept(groups.toArray(NamedGroup[]::new));
        }
        if (alpn != null) {
            alpnSetter.accept(alpn.toArray(String[]::new));
        }
    }
}
