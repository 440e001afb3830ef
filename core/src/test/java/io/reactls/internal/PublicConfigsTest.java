package io.reactls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateGenerator;
import io.reactls.CertificateCompression;
import io.reactls.ClientAuthMode;
import io.reactls.GeneratedPki;
import io.reactls.HandshakeHooks;
import io.reactls.NamedGroup;
import io.reactls.RevocationPolicy;
import io.reactls.SessionCache;
import io.reactls.SignatureScheme;
import io.reactls.TicketKeys;
import io.reactls.TlsClientConfig;
import io.reactls.TlsServerConfig;
import io.reactls.TlsVersion;
import io.reactls.handshake.TlsConfig;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The engine configuration behind a public config: made from its values, once per config instance (whatever the
 * threads), shared by everything that uses that instance, and forgotten with it.
 */
class PublicConfigsTest {

    static final GeneratedPki PKI = CertificateGenerator.ec().ca("public configs CA").leaf("localhost");
    static final io.reactls.TrustAnchors ANCHORS = PKI.trustAnchors();
    static final io.reactls.KeyMaterial LEAF = PKI.leaf();

    @Test
    void oneEngineConfigPerConfigInstance() {
        TlsServerConfig config = TlsServerConfig.builder(LEAF).sessionIdCache(16, Duration.ofMinutes(5)).build();
        TlsConfig engine = PublicConfigs.engineConfig(config);
        assertThat(PublicConfigs.engineConfig(config)).isSameAs(engine);
        // What every connection of the config shares is in that one engine config.
        assertThat(engine.ticketSealer()).isNotNull();
        assertThat(engine.sessionIdCache()).isNotNull();

        // A config built alike is another config: its own ticket keys and caches.
        TlsServerConfig alike = TlsServerConfig.builder(LEAF).sessionIdCache(16, Duration.ofMinutes(5)).build();
        TlsConfig other = PublicConfigs.engineConfig(alike);
        assertThat(other).isNotSameAs(engine);
        assertThat(other.ticketSealer().keys()).isNotSameAs(engine.ticketSealer().keys());
        assertThat(other.sessionIdCache()).isNotSameAs(engine.sessionIdCache());
        assertThat(other.compressedCertificateCache()).isNotSameAs(engine.compressedCertificateCache());
    }

    @Test
    void threadsRacingToTheFirstUseGetOneEngineConfig() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                TlsClientConfig config = TlsClientConfig.builder().trust(ANCHORS).build();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TlsConfig>> seen = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    seen.add(pool.submit(() -> {
                        start.await();
                        return PublicConfigs.engineConfig(config);
                    }));
                }
                start.countDown();
                Set<TlsConfig> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                for (Future<TlsConfig> f : seen) {
                    distinct.add(f.get(10, TimeUnit.SECONDS));
                }
                assertThat(distinct).as("round " + round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDroppedConfigIsNotKeptAlive() throws InterruptedException {
        WeakReference<TlsClientConfig> dropped = usedAndDropped();
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(dropped.get()).as("the cache holds configs weakly, and their engine configs do not point back").isNull();
    }

    private static WeakReference<TlsClientConfig> usedAndDropped() {
        TlsClientConfig config = TlsClientConfig.builder().trust(ANCHORS).build();
        assertThat(PublicConfigs.engineConfig(config)).isNotNull();
        return new WeakReference<>(config);
    }

    /** The cache itself: identity keys, one value each, entries gone once their keys are collected. */
    @Test
    void theCacheKeysByIdentityAndDropsCollectedKeys() throws InterruptedException {
        WeakIdentityCache<List<String>, Object> cache = new WeakIdentityCache<>();
        AtomicInteger made = new AtomicInteger();
        List<String> a = new java.util.ArrayList<>(List.of("same"));
        List<String> b = new java.util.ArrayList<>(List.of("same"));
        Object va = cache.get(a, k -> "value " + made.incrementAndGet());
        assertThat(cache.get(a, k -> "value " + made.incrementAndGet())).isSameAs(va);
        assertThat(cache.get(b, k -> "value " + made.incrementAndGet())).as("equal, but another instance").isNotEqualTo(va);
        assertThat(cache.putIfAbsent(a, "later")).isSameAs(va);
        assertThat(made).hasValue(2);
        for (int i = 0; i < 100; i++) {
            cache.get(new java.util.ArrayList<>(List.of("temporary " + i)), k -> new Object());
        }
        for (int i = 0; i < 50 && cache.size() > 2; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(cache.size()).as("entries of collected keys dropped, a and b kept").isEqualTo(2);
        assertThat(cache.get(a, k -> "again")).isSameAs(va);
        assertThat(cache.get(b, k -> "again")).isEqualTo("value 2");
    }

    @Test
    void aClientConfigsValuesReachTheEngine() {
        SessionCache sessions = SessionCache.bounded(4);
        TlsClientConfig config = TlsClientConfig.builder()
                .trust(ANCHORS)
                .keyMaterial(LEAF)
                .versions(TlsVersion.TLS_1_2)
                .groups(NamedGroup.SECP384R1)
                .signatureSchemes(SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP256R1_SHA256)
                .certificateSignatureSchemes(SignatureScheme.ECDSA_SECP256R1_SHA256)
                .alpn("h2")
                .sessionCache(sessions)
                .sessionIdCache(8, Duration.ofMinutes(3))
                .revocation(RevocationPolicy.SOFT_FAIL)
                .revocationTimeout(Duration.ofSeconds(2))
                .padding(false)
                .middleboxCompatibility(false)
                .grease(false)
                .requireExtendedMasterSecret(true)
                .recordSizeLimit(1024)
                .maxCertificateSize(4096)
                .certificateCompression(CertificateCompression.ZLIB)
                .build();
        TlsConfig engine = PublicConfigs.engineConfig(config);
        assertThat(engine.isClient()).isTrue();
        assertThat(engine.versions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(engine.cipherSuites()).isEqualTo(config.cipherSuites());
        assertThat(engine.groups()).containsExactly(NamedGroup.SECP384R1);
        assertThat(engine.signatureSchemes()).containsExactly(SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(engine.certificateSignatureSchemes()).containsExactly(SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(engine.alpn()).containsExactly("h2");
        assertThat(engine.trustAnchors()).isSameAs(ANCHORS);
        assertThat(engine.keyMaterials()).containsExactly(LEAF);
        assertThat(engine.sessionCache()).isSameAs(sessions);
        assertThat(engine.sessionIdCache().maxSize()).isEqualTo(8);
        assertThat(engine.sessionIdCache().lifetime()).isEqualTo(Duration.ofMinutes(3));
        assertThat(engine.revocationPolicy()).isEqualTo(RevocationPolicy.SOFT_FAIL);
        assertThat(engine.revocationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(engine.padding()).isFalse();
        assertThat(engine.middleboxCompatibility()).isFalse();
        assertThat(engine.grease()).isFalse();
        assertThat(engine.requireExtendedMasterSecret()).isTrue();
        assertThat(engine.recordSizeLimit()).isEqualTo(1024);
        assertThat(engine.maxCertificateSize()).isEqualTo(4096);
        assertThat(engine.certificateCompression()).isSubsetOf(CertificateCompression.ZLIB);
    }

    @Test
    void aServerConfigsValuesReachTheEngine() {
        TicketKeys keys = TicketKeys.random(new java.security.SecureRandom());
        io.reactls.TrustAnchors clientCas = CertificateGenerator.ec().ca("client CA").leaf("client").trustAnchors();
        TlsServerConfig config = TlsServerConfig.builder(LEAF)
                .clientAuth(ClientAuthMode.OPTIONAL, clientCas)
                .sendCertificateAuthorities(false)
                .ticketKeys(keys)
                .sessionTickets(3)
                .ticketLifetime(Duration.ofHours(1))
                .maxEarlyData(1024)
                .earlyDataWindow(Duration.ofSeconds(4))
                .retryForPreferredGroup(true)
                .grease(true)
                .build();
        TlsConfig engine = PublicConfigs.engineConfig(config);
        assertThat(engine.isClient()).isFalse();
        assertThat(engine.keyMaterial()).isSameAs(LEAF);
        assertThat(engine.clientAuth()).isEqualTo(ClientAuthMode.OPTIONAL);
        assertThat(engine.trustAnchors()).isSameAs(clientCas);
        assertThat(engine.certificateAuthorities()).as("not sent").isEmpty();
        assertThat(engine.ticketSealer().keys()).isSameAs(keys);
        assertThat(engine.sessionTickets()).isEqualTo(3);
        assertThat(engine.ticketLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(engine.maxEarlyData()).isEqualTo(1024);
        assertThat(engine.earlyDataWindow()).isEqualTo(Duration.ofSeconds(4));
        assertThat(engine.strikeRegister()).as("0-RTT on: an anti-replay record").isNotNull();
        assertThat(engine.retryForPreferredGroup()).isTrue();
        assertThat(engine.grease()).isTrue();
        assertThat(engine.sessionIdCache()).as("session ids off unless asked for").isNull();

        TlsServerConfig asking = TlsServerConfig.builder(LEAF)
                .clientAuth(ClientAuthMode.REQUIRE, clientCas).build();
        assertThat(PublicConfigs.engineConfig(asking).certificateAuthorities())
                .containsExactly(clientCas.certificates().get(0).getSubjectX500Principal());
    }

    /** The doors hand one kind of config on: an engine config made inside reactls gets a public face bound to it. */
    @Test
    void anEngineConfigsFaceStandsForIt() {
        TlsConfig engine = TlsConfig.client().trustAnchors(ANCHORS).alpn(List.of("h2")).build();
        HandshakeHooks hooks = HandshakeHooks.none().withPrivateKeySigner(request -> Mono.empty());
        TlsClientConfig face = PublicConfigs.clientConfig(engine, hooks);
        assertThat(PublicConfigs.engineConfig(face)).isSameAs(engine);
        assertThat(face.hooks()).isSameAs(hooks);
        assertThat(face.alpn()).containsExactly("h2");

        TlsConfig serverEngine = TlsConfig.server(LEAF).clientAuth(ClientAuthMode.REQUIRE)
                .trustAnchors(ANCHORS).build();
        TlsServerConfig serverFace = PublicConfigs.serverConfig(serverEngine, HandshakeHooks.none());
        assertThat(PublicConfigs.engineConfig(serverFace)).isSameAs(serverEngine);
        assertThat(serverFace.clientAuth()).isEqualTo(ClientAuthMode.REQUIRE);
        assertThat(serverFace.keyMaterial()).isSameAs(LEAF);
    }

    @Test
    void faceOfTheWrongSideIsRefused() {
        TlsConfig client = TlsConfig.client().build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PublicConfigs.serverConfig(client, HandshakeHooks.none()))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PublicConfigs.clientConfig(TlsConfig.server(LEAF).build(), HandshakeHooks.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

}
