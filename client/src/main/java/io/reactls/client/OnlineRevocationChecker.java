package io.reactls.client;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reactls.CertificateVerificationException;
import io.reactls.PendingOperation.CertificateCheck;
import io.reactls.RevocationChecker;
import io.reactls.RevocationPolicy;
import io.reactls.TrustAnchors;
import io.reactls.cert.Crls;
import io.reactls.cert.Ocsp;
import io.reactls.cert.RevocationStatus;
import io.reactls.cert.RevocationVerdicts;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Revocation checking for a client, without blocking: the stapled OCSP response when the server sent a valid one;
 * otherwise the OCSP responder named in the leaf's authorityInfoAccess (an HTTP POST, RFC 6960 Appendix A.1), and
 * if that says nothing usable the CRL of its cRLDistributionPoints, both over reactor-netty's {@link HttpClient} with
 * a time-out. What a responder or CRL said is kept, per certificate, until its nextUpdate, in a bounded cache shared
 * by every connection using this checker. The handshake waits for the answer as for any pending operation: the event
 * loop serves other connections meanwhile.
 * <p>
 * A revoked certificate is refused (certificate_revoked) and so is an invalid staple or a must-staple certificate
 * without one (bad_certificate_status_response). When no status can be had, {@link RevocationPolicy#SOFT_FAIL}
 * connects and says why in a step ③ event, {@link RevocationPolicy#HARD_FAIL} refuses. {@link TlsClientOptions}
 * installs one for every client config whose policy is not OFF.
 */
public final class OnlineRevocationChecker implements RevocationChecker {

    /** Statuses kept at most; the least recently used goes first. */
    static final int CACHE_SIZE = 1024;
    private static final String OCSP_REQUEST = "application/ocsp-request";
    private static final int MAX_RESPONSE = 1 << 20;
    /** A CRL may be large: 16 MiB at most. */
    private static final int MAX_CRL = 16 << 20;

    private final RevocationPolicy policy;
    private final Duration timeout;
    private final TrustAnchors anchors;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, RevocationStatus> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RevocationStatus> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private OnlineRevocationChecker(RevocationPolicy policy, Duration timeout, TrustAnchors anchors, Clock clock, HttpClient http) {
        if (policy == RevocationPolicy.OFF) {
            throw new IllegalArgumentException("a revocation checker needs a policy other than OFF");
        }
        this.policy = policy;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.anchors = anchors;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * A checker fetching with reactor-netty's default {@link HttpClient}.
     *
     * @param policy soft- or hard-fail
     * @param timeout the time-out of one fetch
     * @param anchors where to look for a leaf's issuer when the server left it out of its chain (may be null)
     * @param clock the time statuses are judged at
     * @return the checker
     */
    public static OnlineRevocationChecker create(RevocationPolicy policy, Duration timeout, TrustAnchors anchors, Clock clock) {
        return create(policy, timeout, anchors, clock, HttpClient.create());
    }

    /**
     * A checker fetching with {@code http} (its own loop resources, proxy, metrics).
     *
     * @param policy soft- or hard-fail
     * @param timeout the time-out of one fetch
     * @param anchors where to look for a leaf's issuer when the server left it out of its chain (may be null)
     * @param clock the time statuses are judged at
     * @param http the HTTP client for OCSP queries and CRL downloads
     * @return the checker
     */
    public static OnlineRevocationChecker create(RevocationPolicy policy, Duration timeout, TrustAnchors anchors, Clock clock,
                                                 HttpClient http) {
        return new OnlineRevocationChecker(policy, timeout, anchors, clock, http);
    }

    @Override
    public Mono<String> check(CertificateCheck check) {
        return Mono.defer(() -> {
            List<X509Certificate> chain = check.chain();
            X509Certificate leaf = chain.get(0);
            X509Certificate issuer = RevocationVerdicts.issuer(chain, anchors);
            String fromStaple = RevocationVerdicts.fromStaple(chain, issuer, check.ocspResponse(), clock.instant());
            if (fromStaple != null) {
                return Mono.just(fromStaple);
            }
            if (issuer == null) {
                return Mono.just(RevocationVerdicts.unavailable(policy, leaf, "the issuer of the certificate is unknown"));
            }
            return online(leaf, issuer);
        });
    }

    /** OCSP first, then the CRL; a revoked answer ends the search, anything unusable moves on to the next source. */
    private Mono<String> online(X509Certificate leaf, X509Certificate issuer) {
        String key = cacheKey(leaf, issuer);
        RevocationStatus cached = cached(key);
        if (cached != null) {
            return Mono.just(RevocationVerdicts.verdict(cached, leaf) + " (cached)");
        }
        List<String> problems = new ArrayList<>();
        List<Mono<RevocationStatus>> sources = new ArrayList<>();
        for (String url : Ocsp.responderUrls(leaf)) {
            sources.add(ocsp(url, leaf, issuer));
        }
        for (String url : Ocsp.crlUrls(leaf)) {
            sources.add(crl(url, leaf, issuer));
        }
        if (sources.isEmpty()) {
            return Mono.just(RevocationVerdicts.unavailable(policy, leaf, "the certificate names no OCSP responder and no CRL"));
        }
        Mono<RevocationStatus> chainOfSources = Mono.empty();
        for (Mono<RevocationStatus> source : sources) {
            chainOfSources = chainOfSources.switchIfEmpty(source
                    .flatMap(status -> {
                        if (status.state() != RevocationStatus.State.UNKNOWN) {
                            return Mono.just(status);
                        }
                        problems.add(status.source() + " does not know the certificate");
                        return Mono.empty();
                    })
                    .onErrorResume(e -> !(e instanceof Error), e -> { // an Error (e.g. BlockHound's) is a bug, not an outage
                        problems.add(describe(e));
                        return Mono.empty();
                    }));
        }
        return chainOfSources
                .doOnNext(status -> remember(key, status))
                .map(status -> RevocationVerdicts.verdict(status, leaf))
                .switchIfEmpty(Mono.fromCallable(() -> RevocationVerdicts.unavailable(policy, leaf, String.join("; ", problems))));
    }

    private Mono<RevocationStatus> ocsp(String url, X509Certificate leaf, X509Certificate issuer) {
        String source = "OCSP responder " + url;
        byte[] request = Ocsp.request(leaf, issuer);
        return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, OCSP_REQUEST))
                .post().uri(url)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request)))
                .responseSingle((response, body) -> response.status().code() != 200
                        ? Mono.error(new IllegalStateException(source + " answered HTTP " + response.status().code()))
                        : body.asByteArray())
                .timeout(timeout, Mono.error(() -> new IllegalStateException(source + " did not answer within " + timeout)))
                .map(der -> checkSize(der, MAX_RESPONSE, source))
                .map(der -> Ocsp.evaluate(der, leaf, issuer, clock.instant(), source))
                .onErrorMap(e -> !(e instanceof IllegalStateException) && !(e instanceof CertificateVerificationException),
                        e -> new IllegalStateException(source + " is unreachable: " + e, e));
    }

    private Mono<RevocationStatus> crl(String url, X509Certificate leaf, X509Certificate issuer) {
        String source = "CRL " + url;
        return http.get().uri(url)
                .responseSingle((response, body) -> response.status().code() != 200
                        ? Mono.error(new IllegalStateException(source + " answered HTTP " + response.status().code()))
                        : body.asByteArray())
                .timeout(timeout, Mono.error(() -> new IllegalStateException(source + " did not arrive within " + timeout)))
                .map(der -> checkSize(der, MAX_CRL, source))
                .map(der -> Crls.evaluate(der, leaf, issuer, clock.instant(), source))
                .onErrorMap(e -> !(e instanceof IllegalStateException) && !(e instanceof CertificateVerificationException),
                        e -> new IllegalStateException(source + " is unreachable: " + e, e));
    }

    private static byte[] checkSize(byte[] der, int max, String source) {
        if (der.length > max) {
            throw new IllegalStateException(source + " sent " + der.length + " bytes, more than " + max);
        }
        return der;
    }

    private static String describe(Throwable e) {
        return e instanceof CertificateVerificationException c ? c.getMessage().replaceFirst("^certificate rejected: ", "")
                : String.valueOf(e.getMessage());
    }

    private RevocationStatus cached(String key) {
        synchronized (cache) {
            RevocationStatus status = cache.get(key);
            if (status != null && status.usableUntil(Ocsp.NO_NEXT_UPDATE_MAX_AGE).isBefore(clock.instant())) {
                cache.remove(key);
                return null;
            }
            return status;
        }
    }

    private void remember(String key, RevocationStatus status) {
        synchronized (cache) {
            cache.put(key, status);
        }
    }

    /** The issuer's name and key with the serial: what an OCSP CertID names. */
    private static String cacheKey(X509Certificate leaf, X509Certificate issuer) {
        return issuer.getSubjectX500Principal().getName() + '|'
                + java.util.Base64.getEncoder().encodeToString(issuer.getPublicKey().getEncoded()) + '|'
                + leaf.getSerialNumber().toString(16);
    }

    /** The number of statuses held (for tests). */
    int cachedStatuses() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public String toString() {
        return "OnlineRevocationChecker[" + policy + ", timeout " + timeout + "]";
    }

}
