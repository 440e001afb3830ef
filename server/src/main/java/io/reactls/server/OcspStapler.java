package io.reactls.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.reactls.KeyMaterial;
import io.reactls.OcspStapleSource;
import io.reactls.cert.Ocsp;
import io.reactls.cert.RevocationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * The OCSP responses a server staples to its certificates, got in the background and never on the handshake path.
 * For each certificate served it fetches a response as soon as it first sees that certificate (at config build
 * time for the config's own key material, at the first handshake for one a certificate resolver returns, so a
 * hot-reloaded certificate gets its own fetch), checks it (signed by the issuer or its delegated responder, about
 * this certificate, fresh), and refreshes it halfway to its nextUpdate, or sooner with {@link Builder#refreshEvery}.
 * While the responder is down the last good response is served until its nextUpdate; past it nothing is stapled,
 * never a stale response.
 * <pre>{@code
 * OcspStapler stapler = OcspStapler.fromResponders().build();   // the URL in each certificate's authorityInfoAccess
 * TlsServerConfig config = TlsServerConfig.builder(keyMaterial).ocspStapling(stapler).build();
 * ...
 * stapler.dispose();                                           // stops the refreshes
 * }</pre>
 * To staple from the very first handshake after a hot reload, call {@link #prefetch} with the new key material before
 * {@link SwappableCertificateResolver#swap}; otherwise the first handshake that serves it starts the fetch.
 * <p>
 * A response can also come from the application ({@link #from}) or a file ({@link #fromFile}), refreshed the same
 * way. The responder's certificate chain must include the leaf's issuer (it names the issuer in the request).
 */
public final class OcspStapler implements OcspStapleSource, Disposable {

    private static final Logger LOG = Loggers.getLogger(OcspStapler.class);
    /** Certificates tracked at most: a long-running server that reloads often drops the oldest. */
    private static final int MAX_CERTIFICATES = 64;
    /** The shortest wait between two fetches unless {@link Builder#refreshEvery} asks for less. */
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);

    private final Function<KeyMaterial, Mono<byte[]>> source;
    private final String sourceName;
    private final Duration refreshEvery;
    private final Duration retryAfter;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<X509Certificate, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<X509Certificate, Entry> eldest) {
            if (size() > MAX_CERTIFICATES) {
                eldest.getValue().stop();
                return true;
            }
            return false;
        }
    };
    private volatile boolean disposed;

    private OcspStapler(Builder b) {
        this.source = b.source;
        this.sourceName = b.sourceName;
        this.refreshEvery = b.refreshEvery;
        this.retryAfter = b.retryAfter;
        this.clock = b.clock;
        this.scheduler = Schedulers.parallel();
    }

    /**
     * Responses from the OCSP responder in each certificate's authorityInfoAccess, asked with an HTTP POST
     * (RFC 6960 Appendix A.1) on reactor-netty's default {@link HttpClient}.
     *
     * @return a builder
     */
    public static Builder fromResponders() {
        return fromResponders(HttpClient.create(), Duration.ofSeconds(10));
    }

    /**
     * Responses from the OCSP responder in each certificate's authorityInfoAccess, asked through {@code http}.
     *
     * @param http the client for the queries
     * @param timeout how long one query may take
     * @return a builder
     */
    public static Builder fromResponders(HttpClient http, Duration timeout) {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(timeout, "timeout");
        return new Builder(km -> query(http, timeout, km), "the certificate's OCSP responder");
    }

    /**
     * Responses the application supplies (from its own cache, another service...): {@code source} is asked for
     * each certificate when it is first seen and at each refresh, and may complete on any thread.
     *
     * @param source the DER OCSPResponse for the key material served
     * @return a builder
     */
    public static Builder from(Function<KeyMaterial, Mono<byte[]>> source) {
        return new Builder(Objects.requireNonNull(source, "source"), "the application");
    }

    /**
     * The DER OCSPResponse in {@code file} (e.g. made by {@code openssl ocsp -respout}), read again at each refresh
     * (off the event loop) so a cron job can replace it.
     *
     * @param file the response file
     * @return a builder
     */
    public static Builder fromFile(Path file) {
        Objects.requireNonNull(file, "file");
        return new Builder(km -> Mono.fromCallable(() -> readFile(file)).subscribeOn(Schedulers.boundedElastic()),
                "file " + file);
    }

    @Override
    public byte[] staple(KeyMaterial served) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(served.leaf());
        }
        if (entry == null) {
            prefetch(served); // a certificate first seen now (hot reload): fetched for the handshakes after this one
            return null;
        }
        return entry.current(clock.instant());
    }

    @Override
    public void prefetch(KeyMaterial keyMaterial) {
        if (disposed) {
            return;
        }
        Entry entry;
        synchronized (entries) {
            if (entries.containsKey(keyMaterial.leaf())) {
                return;
            }
            entry = new Entry(keyMaterial);
            entries.put(keyMaterial.leaf(), entry);
        }
        entry.fetch();
    }

    /** Stops every refresh; responses held are still served until their nextUpdate. */
    @Override
    public void dispose() {
        disposed = true;
        synchronized (entries) {
            entries.values().forEach(Entry::stop);
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    private static Mono<byte[]> query(HttpClient http, Duration timeout, KeyMaterial km) {
        return Mono.defer(() -> {
            X509Certificate leaf = km.leaf();
            X509Certificate issuer = issuerOf(km);
            if (issuer == null) {
                return Mono.error(new IllegalStateException("the chain of " + leaf.getSubjectX500Principal().getName()
                        + " does not include its issuer, which an OCSP request names"));
            }
            List<String> urls = Ocsp.responderUrls(leaf);
            if (urls.isEmpty()) {
                return Mono.error(new IllegalStateException(leaf.getSubjectX500Principal().getName()
                        + " names no OCSP responder (authorityInfoAccess)"));
            }
            byte[] request = Ocsp.request(leaf, issuer);
            return http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/ocsp-request"))
                    .post().uri(urls.get(0))
                    .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(request)))
                    .responseSingle((response, body) -> response.status().code() != 200
                            ? Mono.error(new IllegalStateException(urls.get(0) + " answered HTTP " + response.status().code()))
                            : body.asByteArray())
                    .timeout(timeout);
        });
    }

    private static X509Certificate issuerOf(KeyMaterial km) {
        List<X509Certificate> chain = km.chain();
        return chain.size() > 1 && chain.get(0).getIssuerX500Principal().equals(chain.get(1).getSubjectX500Principal())
                ? chain.get(1) : null;
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OCSP response " + file, e);
        }
    }

    /** One certificate: its last good response and the next refresh. */
    private final class Entry {

        private final KeyMaterial keyMaterial;
        private volatile byte[] response;
        private volatile Instant usableUntil;
        private volatile Disposable next;
        private volatile boolean stopped;

        Entry(KeyMaterial keyMaterial) {
            this.keyMaterial = keyMaterial;
        }

        byte[] current(Instant now) {
            byte[] r = response;
            return r != null && now.isBefore(usableUntil) ? r : null;
        }

        void fetch() {
            if (stopped || disposed) {
                return;
            }
            Mono<byte[]> fetched;
            try {
                fetched = source.apply(keyMaterial);
            } catch (RuntimeException e) {
                fetched = Mono.error(e);
            }
            (fetched == null ? Mono.<byte[]>error(new IllegalStateException("the OCSP source returned null")) : fetched)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("the OCSP source had no response")))
                    .subscribe(this::accept, this::failed);
        }

        private void accept(byte[] der) {
            Instant now = clock.instant();
            RevocationStatus status;
            try {
                X509Certificate issuer = issuerOf(keyMaterial);
                if (issuer != null) {
                    status = Ocsp.evaluate(der, keyMaterial.leaf(), issuer, now, "OCSP response from " + sourceName);
                } else {
                    // No issuer to check the signature with: the staple is the client's to judge; we check freshness.
                    Instant[] validity = Ocsp.validity(der);
                    status = new RevocationStatus(RevocationStatus.State.GOOD, null, null, validity[0], validity[1], sourceName);
                    if (!status.usableUntil(Ocsp.NO_NEXT_UPDATE_MAX_AGE).isAfter(now)) {
                        throw new IllegalStateException("the OCSP response from " + sourceName + " is past its nextUpdate");
                    }
                }
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            if (status.state() == RevocationStatus.State.UNKNOWN) {
                failed(new IllegalStateException("the OCSP response from " + sourceName + " does not know "
                        + keyMaterial.leaf().getSubjectX500Principal().getName()));
                return;
            }
            Instant until = status.usableUntil(Ocsp.NO_NEXT_UPDATE_MAX_AGE);
            response = der;
            usableUntil = until;
            // Halfway to nextUpdate, but not in a tight loop for a responder whose responses are about to expire.
            Duration halfway = Duration.between(now, until).dividedBy(2);
            halfway = halfway.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : halfway;
            Duration wait = refreshEvery != null && refreshEvery.compareTo(halfway) < 0 ? refreshEvery : halfway;
            LOG.debug("OCSP response for {} ({}), next refresh in {}", keyMaterial.leaf().getSubjectX500Principal().getName(),
                    status, wait);
            schedule(wait);
        }

        private void failed(Throwable e) {
            LOG.warn("no new OCSP response for {} from {} ({}); {}", keyMaterial.leaf().getSubjectX500Principal().getName(),
                    sourceName, e.toString(), response != null ? "serving the last good one until " + usableUntil : "stapling nothing");
            schedule(retryAfter);
        }

        private void schedule(Duration wait) {
            if (stopped || disposed) {
                return;
            }
            next = Mono.delay(wait, scheduler).subscribe(tick -> fetch());
        }

        void stop() {
            stopped = true;
            Disposable n = next;
            if (n != null) {
                n.dispose();
            }
        }
    }

    /** Builds an {@link OcspStapler}. */
    public static final class Builder {

        private final Function<KeyMaterial, Mono<byte[]>> source;
        private final String sourceName;
        private Duration refreshEvery;
        private Duration retryAfter = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();

        private Builder(Function<KeyMaterial, Mono<byte[]>> source, String sourceName) {
            this.source = source;
            this.sourceName = sourceName;
        }

        /**
         * Refresh at least this often (default: only halfway to each response's nextUpdate), e.g. to learn of a
         * revocation sooner.
         *
         * @param interval the longest time between two fetches
         * @return this builder
         */
        public Builder refreshEvery(Duration interval) {
            this.refreshEvery = positive(interval, "refresh interval");
            return this;
        }

        /**
         * How long to wait before trying again after a failed fetch (default 1 minute).
         *
         * @param delay the retry delay
         * @return this builder
         */
        public Builder retryAfter(Duration delay) {
            this.retryAfter = positive(delay, "retry delay");
            return this;
        }

        /**
         * The clock responses are judged by (tests).
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * The stapler; it fetches nothing before it is given key material (a config built with it, or a handshake).
         *
         * @return the stapler
         */
        public OcspStapler build() {
            return new OcspStapler(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
